package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code renderwatch serve} process from the packaged jar (started as {@link JarProcess}
 * starts it), for the ITs: its base URL read from the first line of its stderr, its output in
 * files, and HTTP to it.
 */
final class ServeProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("renderwatch serve: listening on (http://127\\.0\\.0\\.1:(\\d+))");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final Process process;
  final String base;
  final int port;
  final Path err;
  final Path out;

  private ServeProcess(Process process, String base, int port, Path err, Path out) {
    this.process = process;
    this.base = base;
    this.port = port;
    this.err = err;
    this.out = out;
  }

  /** The jar run with {@code args} in {@code dir}, as {@link JarProcess} runs it. */
  static ProcessBuilder java(Path dir, String... args) {
    return JarProcess.builder(dir, Map.of(), args);
  }

  /**
   * Starts {@code serve ARGS} with its output in {@code dir/NAME.err} and {@code NAME.out}, and
   * waits for its listening line.
   */
  static ServeProcess start(Path dir, String name, List<String> args) throws IOException {
    List<String> all = new ArrayList<>(List.of("serve"));
    all.addAll(args);
    Path err = dir.resolve(name + ".err");
    Path out = dir.resolve(name + ".out");
    Process process = java(dir, all.toArray(new String[0])).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    await().atMost(Duration.ofSeconds(90)).until(() -> read(err).contains("\n")
        || !process.isAlive());
    String first = read(err).lines().findFirst().orElse("");
    Matcher m = LISTENING.matcher(first);
    if (!m.matches()) {
      process.destroyForcibly();
    }
    assertThat(m.matches()).as(read(err)).isTrue();
    return new ServeProcess(process, m.group(1), Integer.parseInt(m.group(2)), err, out);
  }

  /** Everything it printed so far, stderr first. */
  String log() {
    return read(err) + read(out);
  }

  /** SIGTERM, then waits for the exit; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    return process.exitValue();
  }

  /** A request to this service's {@code path} with the bearer token. */
  HttpRequest.Builder authorized(String path, String token) {
    return request(path).header("Authorization", "Bearer " + token);
  }

  /** A request to this service's {@code path}. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** Sends it and reads the answer as text. */
  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The file's text, empty while it does not exist. */
  static String read(Path file) {
    return JarProcess.read(file);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
