package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "unreachable", through the packaged jar: a watch whose API cannot be reached ends
 * at its deadline saying why in plain words (which failure, which host and port), and never
 * shows the key.
 */
class UnreachableIT {

  private static final String JOB = "265a7c1a-4985-4058-9208-68114f131a2b";

  @TempDir
  Path dir;

  @Test
  void aClosedPortSaysConnectionRefusedAndWhere() throws Exception {
    // A socket bound but not listening holds the port (no other process can take it while the
    // test runs) and refuses every connection to it.
    try (Socket bound = new Socket()) {
      bound.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = bound.getLocalPort();
      String message = errorMessageOfWatch("http://127.0.0.1:" + port);
      assertThat(message).contains("connection refused",
          "nothing accepts connections on 127.0.0.1:" + port);
    }
  }

  @Test
  void anUnknownHostSaysSo() throws Exception {
    String message = errorMessageOfWatch("https://api.pictory.invalid");
    assertThat(message).contains("unknown host", "the name api.pictory.invalid does not resolve");
  }

  @Test
  void httpsToAPlainHttpServerSaysTheTlsHandshakeFailed() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread server = new Thread(() -> answerInPlainText(listener), "plain-http");
      server.setDaemon(true);
      server.start();
      String message = errorMessageOfWatch("https://127.0.0.1:" + listener.getLocalPort());
      assertThat(message).contains("TLS handshake failed",
          "127.0.0.1:" + listener.getLocalPort());
    }
  }

  /** Answers every connection with a plain HTTP 400, until the listener is closed. */
  private static void answerInPlainText(ServerSocket listener) {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        socket.getInputStream().read(new byte[512]);
        socket.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // The listener was closed, or the client went away: next one.
      }
    }
  }

  /** Runs {@code watch --json --timeout 3s} against the URL; returns its one error message. */
  private String errorMessageOfWatch(String baseUrl) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = java("watch", "--json", "--db", dir.resolve("db").toString(),
        "--base-url", baseUrl, "--timeout", "3s", "--min-interval", "300ms",
        "--max-interval", "1s", JOB);
    builder.environment().put("PICTORY_API_KEY", Runs.KEY);
    Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean ended = child.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    String report = "--- stdout\n" + stdout + "--- stderr\n" + stderr;
    assertThat(ended).as(report).isTrue();
    assertThat(child.exitValue()).as(report).isEqualTo(3);
    assertThat(stdout + stderr).doesNotContain(Runs.KEY).doesNotContainIgnoringCase(
        "authorization");
    List<Map<String, Object>> lines = stdout.lines().map(MiniJson::parseObject).toList();
    assertThat(lines).as(report).singleElement().satisfies(line -> assertThat(line)
        .containsEntry("job_id", JOB).containsEntry("error_code", "unavailable"));
    return String.valueOf(lines.get(0).get("error_message"));
  }

  private ProcessBuilder java(String... args) {
    ProcessBuilder builder = JarProcess.builder(dir, java.util.Map.of(), args);
    return builder;
  }
}
