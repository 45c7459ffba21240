package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.DiskException;
import io.renderwatch.core.memory.InMemoryOutputArchive;
import io.renderwatch.core.model.JobSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk, by construction: a 1 MiB tmpfs mounted for the test (this needs root, which the
 * build machine and CI containers have; elsewhere the test is reported as aborted, with why).
 */
class DiskFullTest extends CdnTestSupport {

  private Path mount;

  @BeforeEach
  void mountTinyFileSystem() throws Exception {
    mount = Files.createTempDirectory("renderwatch-full-");
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
        mount.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    Assumptions.assumeTrue(p.waitFor() == 0,
        "ABORTED, not passed: cannot mount a 1 MiB tmpfs (needs root): " + out.strip());
  }

  @AfterEach
  void unmount() throws Exception {
    new ProcessBuilder("umount", mount.toString()).start().waitFor();
    Files.deleteIfExists(mount);
  }

  @Test
  void aFileAnnouncedLargerThanTheFreeSpaceIsRefusedBeforeItsDownload() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/big/");
    cdn.files.put("/cdn/big/videoURL", new byte[2 << 20]);

    assertThatThrownBy(() -> tiny().archive(job))
        .isInstanceOf(DiskException.class)
        .hasMessageContaining("Not enough space in " + mount.resolve(JOB.toString()))
        .hasMessageContaining("video.mp4: it needs " + (2 << 20) + " bytes");
    assertThat(filesUnder(mount)).noneMatch(name -> name.contains("video.mp4"));
  }

  @Test
  void aDiskThatFillsUpMidwayIsOneClearErrorAndLeavesNoHalfFile() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/big/");
    cdn.files.put("/cdn/big/videoURL", new byte[2 << 20]);
    cdn.chunked.add("/cdn/big/videoURL");

    assertThatThrownBy(() -> tiny().archive(job))
        .isInstanceOf(DiskException.class)
        .hasMessageContaining("the disk is full")
        .hasMessageContaining("free some space");
    assertThat(filesUnder(mount)).noneMatch(name -> name.contains("video.mp4"));
  }

  private Archiver tiny() {
    return Archiver.builder().records(new InMemoryOutputArchive()).fetcher(fetcher)
        .directory(mount).parallelism(1).backoff(Duration.ZERO).build();
  }

  private static List<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
  }
}
