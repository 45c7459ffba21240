package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer on 127.0.0.1 and a source pointed at it, per test. */
abstract class ServerTestSupport {

  static final JobId JOB = JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");
  static final String KEY = "pictai_Zx9SECRETkey0123456789";
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Held so that the quietened JUL logger is not collected and reset. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet();

  MockWebServer server;
  private PictoryHttpSource source;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopServer() throws IOException {
    if (source != null) {
      source.close();
    }
    server.shutdown();
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(MockWebServer.class.getName());
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/";
  }

  PictoryHttpSource.Builder builder() {
    return PictoryHttpSource.builder()
        .apiKey(KEY)
        .baseUrl(baseUrl())
        .clock(CLOCK)
        .readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10));
  }

  /** The source under test, built on first use and closed after the test. */
  PictoryHttpSource source() {
    if (source == null) {
      source = builder().build();
    }
    return source;
  }

  /** Uses (and later closes) a specially built source. */
  PictoryHttpSource use(PictoryHttpSource special) {
    if (source != null) {
      source.close();
    }
    source = special;
    return special;
  }

  JobSnapshot fetch(MockResponse response) throws Exception {
    server.enqueue(response);
    return source().fetch(JOB).get(10, TimeUnit.SECONDS);
  }

  SourceException failure(MockResponse response) {
    server.enqueue(response);
    return failureOf(source().fetch(JOB));
  }

  /** The SourceException the future failed with; checks that nothing in it shows the key. */
  static SourceException failureOf(CompletableFuture<JobSnapshot> future) {
    Throwable thrown = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(SourceException.class);
    for (Throwable t = thrown.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      assertThat(t.toString()).doesNotContain(KEY);
    }
    return (SourceException) thrown.getCause();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setBody(body);
  }

  static MockResponse json(String body) {
    return json(200, body);
  }

  static String resource(String name) {
    try (InputStream in = ServerTestSupport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A body for the asked job with the given {@code data} object. */
  static String body(String data) {
    return "{\"job_id\":\"" + JOB + "\",\"success\":true,\"data\":" + data + "}";
  }
}
