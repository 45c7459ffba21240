package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.port.SourceException.Kind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key stays secret, and the key goes to the configured origin only. */
class SecurityTest extends ServerTestSupport {

  @ParameterizedTest
  @ValueSource(strings = {"pictai_abc def", "pictai_abc\n", "\tpictai_abc", "pictai_abc\r\nX: y",
      "pictai_abcé", "pictai_abc\u007f", "pictai_abc\u0000", "pictai_\u00a0abc"})
  void aKeyWithAnIllegalCharacterIsRejectedWithoutShowingIt(String key) {
    assertThatThrownBy(() -> PictoryHttpSource.builder().apiKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey")
        .hasMessageNotContaining(key)
        .hasMessageNotContaining("pictai_")
        .hasMessageNotContaining("abc");
  }

  @Test
  void anEmptyKeyIsRejected() {
    assertThatThrownBy(() -> PictoryHttpSource.builder().apiKey(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> PictoryHttpSource.builder().apiKey(null))
        .isInstanceOf(NullPointerException.class).hasMessage("apiKey == null");
  }

  @Test
  void aKeyWithoutThePictoryPrefixIsAcceptedWithAWarningThatDoesNotShowIt() {
    String odd = "sk_live_0123456789SECRET";
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger(PictoryHttpSource.class.getName());
    logger.addHandler(handler);
    try {
      PictoryHttpSource.builder().apiKey(odd);
      PictoryHttpSource.builder().apiKey(KEY);
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
      assertThat(r.getMessage()).contains("pictai_").doesNotContain(odd).doesNotContain("SECRET");
    });
  }

  @Test
  void theKeyIsInNoToString() {
    PictoryHttpSource.Builder builder = builder();
    assertThat(builder.toString()).doesNotContain(KEY).contains("redacted");
    PictoryHttpSource source = use(builder.build());
    assertThat(source.toString()).doesNotContain(KEY).contains("redacted");
    assertThat(ApiKey.of(KEY).toString()).doesNotContain(KEY);
  }

  @Test
  void aRedirectToAnotherHostDoesNotCarryTheKey() throws Exception {
    try (MockWebServer other = startOn127()) {
      // This source talks to "localhost"; the redirect goes to "127.0.0.1": another host.
      use(builder().baseUrl("http://localhost:" + server.getPort()).build());
      server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location",
          "http://127.0.0.1:" + other.getPort() + "/pictoryapis/v1/jobs/" + JOB));
      other.enqueue(json(resource("api-md/queued.json")));

      assertThat(source().fetch(JOB).get(5, TimeUnit.SECONDS).id()).isEqualTo(JOB);
      assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
          .isEqualTo(KEY);
      RecordedRequest redirected = other.takeRequest(5, TimeUnit.SECONDS);
      assertThat(redirected.getHeader("Authorization")).isNull();
      assertThat(redirected.getHeaders().toString()).doesNotContain(KEY);
    }
  }

  @Test
  void aRedirectWithinTheOriginKeepsTheKey() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "/moved/" + JOB));
    server.enqueue(json(resource("api-md/queued.json")));
    source().fetch(JOB).get(5, TimeUnit.SECONDS);
    server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest moved = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(moved.getPath()).isEqualTo("/moved/" + JOB);
    assertThat(moved.getHeader("Authorization")).isEqualTo(KEY);
  }

  @Test
  void theGuardStripsTheKeyEvenWhenSomethingElsePutsItBackOnTheWayOut() throws Exception {
    // A caller's network interceptor that (wrongly) authorizes every request: the guard sits
    // between it and the wire and still keeps the key from the other host.
    OkHttpClient careless = new OkHttpClient.Builder()
        .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", KEY).build()))
        .build();
    try (MockWebServer other = startOn127()) {
      use(builder().baseUrl("http://localhost:" + server.getPort()).okHttpClient(careless)
          .build());
      server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location",
          "http://127.0.0.1:" + other.getPort() + "/x"));
      other.enqueue(json(resource("api-md/queued.json")));
      source().fetch(JOB).get(5, TimeUnit.SECONDS);
      assertThat(other.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization")).isNull();
    } finally {
      careless.dispatcher().executorService().shutdown();
      careless.connectionPool().evictAll();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.pictory.ai", "http://10.0.0.7:8080/", "http://[2001:db8::1]/",
      "http://localhost.example.com/", "http://127.0.0.1.nip.io/"})
  void plainHttpToANonLoopbackHostIsRefused(String url) {
    assertThatThrownBy(() -> PictoryHttpSource.builder().apiKey(KEY).baseUrl(url).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://")
        .hasMessageContaining("allowInsecureHttp(true)")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void plainHttpToANonLoopbackHostIsAllowedOnRequest() {
    PictoryHttpSource source = use(PictoryHttpSource.builder().apiKey(KEY)
        .baseUrl("http://render-proxy.internal:8080").allowInsecureHttp(true).build());
    assertThat(source.baseUrl()).isEqualTo("http://render-proxy.internal:8080/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:1/", "http://LOCALHOST/", "http://127.0.0.1/",
      "http://127.255.0.9:9/", "http://[::1]:8080/", "https://api.pictory.ai"})
  void loopbackAndHttpsNeedNoOptIn(String url) {
    use(PictoryHttpSource.builder().apiKey(KEY).baseUrl(url).build());
  }

  @Test
  void failureMessagesNeverShowTheKey() {
    // failure(...) checks every message in the cause chain for the key.
    assertThat(failure(json(401, "{\"message\": \"Unauthorized " + KEY + "\"}")).kind())
        .isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure(new MockResponse().setResponseCode(200).setBody("<html>" + KEY))
        .kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  private static MockWebServer startOn127() throws java.io.IOException {
    MockWebServer other = new MockWebServer();
    other.start(InetAddress.getByName("127.0.0.1"), 0);
    return other;
  }
}
