package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.engine.PollPolicy;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class BuilderTest {

  private static final String KEY = "pictai_builderTestKey";

  @Test
  void aMissingKeyFailsTheBuild() {
    assertThatThrownBy(() -> PictoryHttpSource.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessage("apiKey is required");
  }

  @Test
  void defaults() {
    try (PictoryHttpSource source = PictoryHttpSource.builder().apiKey(KEY).build()) {
      assertThat(source.baseUrl()).isEqualTo("https://api.pictory.ai/");
      assertThat(source.userAgent()).matches("renderwatch/\\S+ \\(\\+java\\)");
      OkHttpClient client = source.client();
      assertThat(client.connectTimeoutMillis()).isEqualTo(10_000);
      assertThat(client.readTimeoutMillis()).isEqualTo(20_000);
      assertThat(client.callTimeoutMillis()).isEqualTo(30_000);
      assertThat(client.dispatcher().getMaxRequests()).isEqualTo(64);
      assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(64);
      assertThat(source.maxConcurrentRequests()).isEqualTo(64)
          .isGreaterThanOrEqualTo(PollPolicy.defaults().maxInFlight());
    }
  }

  @Test
  void settingsReachTheClient() {
    try (PictoryHttpSource source = PictoryHttpSource.builder().apiKey(KEY)
        .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(3)).maxRequests(7).maxRequestsPerHost(3).build()) {
      OkHttpClient client = source.client();
      assertThat(client.connectTimeoutMillis()).isEqualTo(1_000);
      assertThat(client.readTimeoutMillis()).isEqualTo(2_000);
      assertThat(client.callTimeoutMillis()).isEqualTo(3_000);
      assertThat(client.dispatcher().getMaxRequests()).isEqualTo(7);
      assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(3);
      assertThat(source.maxConcurrentRequests()).isEqualTo(3);
    }
  }

  @Test
  void aCallersClientKeepsItsOwnTimeoutsUnlessSetHere() {
    OkHttpClient caller = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(3))
        .callTimeout(Duration.ofSeconds(9)).build();
    try (PictoryHttpSource source = PictoryHttpSource.builder().apiKey(KEY).okHttpClient(caller)
        .connectTimeout(Duration.ofSeconds(4)).build()) {
      assertThat(source.client().readTimeoutMillis()).isEqualTo(3_000);
      assertThat(source.client().connectTimeoutMillis()).isEqualTo(4_000);
      assertThat(source.client().callTimeoutMillis()).isEqualTo(9_000);
      assertThat(caller.interceptors()).isEmpty();
    } finally {
      caller.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aCallersClientWithoutACallTimeoutGetsTheDefaultOne() {
    OkHttpClient caller = new OkHttpClient();
    assertThat(caller.callTimeoutMillis()).isZero();
    try (PictoryHttpSource source = PictoryHttpSource.builder().apiKey(KEY).okHttpClient(caller)
        .build()) {
      assertThat(source.client().callTimeoutMillis()).isEqualTo(30_000);
    } finally {
      caller.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aCallersClientLendsItsThreadsButNotItsQueue() {
    OkHttpClient caller = new OkHttpClient(); // OkHttp's default: 5 requests per host
    try (PictoryHttpSource source = PictoryHttpSource.builder().apiKey(KEY).okHttpClient(caller)
        .build();
        PictoryHttpSource limited = PictoryHttpSource.builder().apiKey(KEY)
            .okHttpClient(caller).maxRequests(40).maxRequestsPerHost(20).build()) {
      assertThat(source.client().dispatcher()).isNotSameAs(caller.dispatcher());
      assertThat(source.client().dispatcher().executorService())
          .isSameAs(caller.dispatcher().executorService());
      assertThat(source.maxConcurrentRequests()).isEqualTo(64);
      assertThat(limited.maxConcurrentRequests()).isEqualTo(20);
      assertThat(caller.dispatcher().getMaxRequestsPerHost()).isEqualTo(5);
    } finally {
      caller.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void everyRequestHasACallTimeout() {
    assertThatThrownBy(() -> PictoryHttpSource.builder().callTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callTimeout must be > 0");
  }

  @Test
  void setterArgumentsAreChecked() {
    PictoryHttpSource.Builder b = PictoryHttpSource.builder();
    assertThatThrownBy(() -> b.baseUrl(null)).hasMessage("baseUrl == null");
    assertThatThrownBy(() -> b.okHttpClient(null)).hasMessage("client == null");
    assertThatThrownBy(() -> b.clock(null)).hasMessage("clock == null");
    assertThatThrownBy(() -> b.userAgent(null)).hasMessage("userAgent == null");
    assertThatThrownBy(() -> b.readTimeout(null)).hasMessage("readTimeout == null");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxResponseBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxRequests(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxRequestsPerHost(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.userAgent(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.userAgent("ok/1\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badBaseUrlsAreRefused() {
    PictoryHttpSource.Builder b = PictoryHttpSource.builder();
    assertThatThrownBy(() -> b.baseUrl("ftp://api.pictory.ai"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.baseUrl("api.pictory.ai")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.baseUrl("https://user:hunter2@api.pictory.ai"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> b.baseUrl("https://api.pictory.ai/?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBaseUrlGetsItsTrailingSlash() {
    try (PictoryHttpSource source = PictoryHttpSource.builder().apiKey(KEY)
        .baseUrl("https://gateway.example.com/pictory").build()) {
      assertThat(source.baseUrl()).isEqualTo("https://gateway.example.com/pictory/");
    }
  }
}
