package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.Checksums;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.JobArchive;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.memory.InMemoryOutputArchive;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CDN on MockWebServer on 127.0.0.1, a fetcher, records in memory and a folder, per test. */
abstract class CdnTestSupport {
  static final JobId JOB = JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");

  @TempDir
  Path dir;

  MockWebServer server;
  FileServer cdn;
  HttpFileFetcher fetcher;
  InMemoryOutputArchive records;

  @BeforeEach
  void start() throws IOException {
    cdn = new FileServer();
    server = new MockWebServer();
    server.setDispatcher(cdn);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    fetcher = HttpFileFetcher.builder().readTimeout(Duration.ofSeconds(20)).build();
    records = new InMemoryOutputArchive();
  }

  @AfterEach
  void stop() throws IOException {
    fetcher.close();
    server.shutdown();
  }

  Archiver archiver() {
    return Archiver.builder().records(records).fetcher(fetcher).directory(dir)
        .attempts(2).backoff(Duration.ZERO).build();
  }

  /** A completed job whose six files are served under {@code prefix}. */
  JobSnapshot job(JobId id, String prefix) {
    Random random = new Random(id.hashCode());
    RenderOutput.Builder output = RenderOutput.builder();
    String base = "http://127.0.0.1:" + server.getPort() + prefix;
    for (OutputFile file : OutputFile.values()) {
      byte[] bytes = new byte[file == OutputFile.VIDEO ? 300_000 : 5_000 + file.ordinal()];
      random.nextBytes(bytes);
      cdn.files.put(prefix + file.field(), bytes);
    }
    output.videoUrl(URI.create(base + "videoURL")).audioUrl(URI.create(base + "audioURL"))
        .thumbnail(URI.create(base + "thumbnail")).srtFile(URI.create(base + "srtFile"))
        .vttFile(URI.create(base + "vttFile")).txtFile(URI.create(base + "txtFile"))
        .videoShareUrl(URI.create(base + "share"));
    return new JobSnapshot(id, new JobState.Completed(output.build()), Instant.EPOCH,
        java.util.Optional.empty());
  }
}
