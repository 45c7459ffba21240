package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.http.OutputFiles;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --archive DIR} from the packaged jar against the simulator's files over real
 * HTTP: a job's files are archived when it completes while the service runs, and after a
 * restart (a download killed midway is resumed; a job completed while the service was down is
 * archived at start).
 */
class ServeArchiveIT {

  private static final Pattern LISTENING =
      Pattern.compile("renderwatch serve: listening on http://127\\.0\\.0\\.1:(\\d+)");
  private static final long VIDEO = 8L << 20;

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void aJobsFilesAreArchivedWhenItCompletesWhileServingAndItsObjectListsThem() throws Exception {
    OutputFiles files = OutputFiles.builder().size(OutputFile.VIDEO, 1 << 20).build();
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(2)),
        Instant.now());
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(Runs.KEY)
        .account(account).files(files).build()) {
      Process serve = serve(simulator, "first");
      String base = baseUrl(serve, "first");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id))
          .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "?wait=60s")))
          .body()).contains("\"status\":\"completed\"");

      awaitArchived(files, id);
      String object = send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id))).body();
      assertThat(object).contains("\"files\":[", "\"field\":\"videoURL\"", "\"path\":\""
          + archive().resolve(id.toString()).resolve("video.mp4") + "\"",
          "\"sha256\":\"" + sha256(files.content(id, OutputFile.VIDEO)) + "\"",
          "\"status\":\"archived\"");
      assertThat(files.filesServed()).isEqualTo(OutputFile.values().length);

      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.exitValue()).as(read("first")).isZero();
    }
  }

  @Test
  void afterARestartAKilledDownloadResumesAndAJobCompletedWhileDownIsArchived()
      throws Exception {
    OutputFiles files = OutputFiles.builder().size(OutputFile.VIDEO, VIDEO)
        .bytesPerSecond(2L << 20).build();
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId first = account.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(1)),
        Instant.now());
    JobId whileDown = account.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(1)),
        Instant.now());
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(Runs.KEY)
        .account(account).files(files).build()) {
      Process serve = serve(simulator, "killed");
      String base = baseUrl(serve, "killed");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + first))
          .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
      Path part = archive().resolve(first.toString()).resolve(".video.mp4.part");
      await().atMost(Duration.ofSeconds(90))
          .until(() -> Files.exists(part) && Files.size(part) > (1L << 20));
      serve.destroyForcibly();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(archive().resolve(first.toString()).resolve("video.mp4")).doesNotExist();

      // Stored by a watch without --archive while the service is down.
      List<String> args = new ArrayList<>(List.of("watch", "--db", db(), "--base-url",
          simulator.baseUrl().toString(), "--api-key", Runs.KEY));
      args.addAll(Runs.fast());
      args.add(whileDown.toString());
      Runs.Result watched = Runs.run(Runs.env(), args.toArray(new String[0]));
      assertThat(watched.code()).as(watched.toString()).isZero();
      long servedBefore = files.bytesServed();

      Process again = serve(simulator, "restarted");
      baseUrl(again, "restarted");
      awaitArchived(files, first);
      awaitArchived(files, whileDown);
      // Both videos whole would be 2 × VIDEO; the first had more than 1 MiB on disk already.
      assertThat(files.bytesServed() - servedBefore)
          .as("the first video resumed, not fetched whole again")
          .isLessThan(2 * VIDEO - (1L << 20) + 2 * smallFiles(files));
      assertThat(read("restarted")).contains("archived  " + first + "/video.mp4",
          "archived  " + whileDown + "/video.mp4");
    }
  }

  /** The bytes of one job's files other than the video. */
  private static long smallFiles(OutputFiles files) {
    long total = 0;
    for (OutputFile file : OutputFile.values()) {
      total += file == OutputFile.VIDEO ? 0 : files.size(file);
    }
    return total;
  }

  private Process serve(PictorySimulator simulator, String name) throws IOException {
    Process process = JarProcess.builder(dir, Map.of(), "serve", "--port", "0", "--db", db(),
            "--api-key", Runs.KEY, "--base-url", simulator.baseUrl().toString(),
            "--min-interval", "200ms", "--max-interval", "500ms",
            "--archive", archive().toString())
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
    processes.add(process);
    return process;
  }

  private String baseUrl(Process process, String name) {
    await().atMost(Duration.ofSeconds(60)).until(() -> read(name).contains("\n")
        || !process.isAlive());
    String first = read(name).lines().findFirst().orElse("");
    Matcher m = LISTENING.matcher(first);
    assertThat(m.matches()).as(read(name)).isTrue();
    return "http://127.0.0.1:" + m.group(1);
  }

  /** Waits until every output of the job is on disk under its fixed name, whole. */
  private void awaitArchived(OutputFiles files, JobId id) throws Exception {
    Path folder = archive().resolve(id.toString());
    await().atMost(Duration.ofSeconds(120)).until(() -> {
      for (OutputFile file : OutputFile.values()) {
        Path path = folder.resolve(file.fileName());
        if (!Files.exists(path) || Files.size(path) != files.size(file)) {
          return false;
        }
      }
      return true;
    });
    for (OutputFile file : OutputFile.values()) {
      assertThat(sha256(Files.readAllBytes(folder.resolve(file.fileName()))))
          .as(file.fileName()).isEqualTo(sha256(files.content(id, file)));
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String db() {
    return dir.resolve("db").resolve("jobs").toString();
  }

  private Path archive() {
    return dir.resolve("archive");
  }

  private String read(String name) {
    try {
      Path file = dir.resolve(name + ".err");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
