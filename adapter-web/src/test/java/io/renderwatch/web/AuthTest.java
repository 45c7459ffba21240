package io.renderwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token: the header everywhere, the dashboard's cookie for reads only, health and webhook open. */
class AuthTest {

  private final Harness h = new Harness(Optional.of(Harness.TOKEN), Duration.ofSeconds(10));

  @AfterEach
  void close() {
    h.close();
  }

  private HttpResponse<String> with(String header, String value, String method, String path) {
    return h.send(HttpRequest.newBuilder(h.url(path)).header(header, value)
        .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void everyEndpointButHealthAndTheWebhookNeedsTheToken() {
    for (String path : new String[] {"/", "/jobs", "/metrics", "/events", "/jobs/" + JobId.random()}) {
      HttpResponse<String> answer = h.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
      assertThat(answer.body()).contains("\"error\":\"unauthorized\"");
    }
    assertThat(with("Authorization", "Bearer wrong", "PUT", "/jobs/" + JobId.random())
        .statusCode()).isEqualTo(401);
    assertThat(h.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(h.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(h.webhook("{}").statusCode()).isEqualTo(400);
    assertThat(with("Authorization", "Bearer wrong", "GET", "/jobs").statusCode()).isEqualTo(401);
    assertThat(with("Authorization", "Bearer " + Harness.TOKEN, "GET", "/jobs").statusCode())
        .isEqualTo(200);
    assertThat(with("Authorization", "Bearer " + Harness.TOKEN, "GET", "/metrics").statusCode())
        .isEqualTo(200);
  }

  @Test
  void theTokenInTheAddressSetsAStrictHttpOnlyCookieThatAuthorizesReadsOnly() {
    HttpResponse<String> login = h.get("/?token=" + Harness.TOKEN);

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict")
        .doesNotContain(Harness.TOKEN);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(with("Cookie", cookie, "GET", "/").statusCode()).isEqualTo(200);
    assertThat(with("Cookie", cookie, "GET", "/jobs").statusCode()).isEqualTo(200);
    assertThat(with("Cookie", cookie, "PUT", "/jobs/" + JobId.random()).statusCode())
        .isEqualTo(401);
    assertThat(h.get("/?token=wrong").statusCode()).isEqualTo(401);
    assertThat(h.account.requests()).isZero();
  }
}
