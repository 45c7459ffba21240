package io.renderwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.sim.JobScript;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@code POST /webhooks/pictory/{secret}}, each with the number of requests it cost
 * the simulated Pictory account.
 */
class WebhookTest {

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String body(JobId id, String status) {
    return "{\"success\":true,\"data\":{\"status\":\"" + status + "\",\"videoURL\":"
        + "\"https://evil.example/forged.mp4\"},\"job_id\":\"" + id + "\"}";
  }

  @Test
  void aCallbackForAnUnknownJobCostsOneRequestAndStoresTheConfirmedResult() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ZERO));

    HttpResponse<String> answer = h.webhook(body(id, "completed"));

    assertThat(answer.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> h.store.find(id)
        .map(JobSnapshot::isTerminal).orElse(false));
    assertThat(h.store.find(id).get().state()).isInstanceOf(JobState.Completed.class);
    assertThat(h.account.requestsFor(id)).isEqualTo(1);
    assertThat(h.get("/jobs/" + id).body()).contains("\"status\":\"completed\"")
        .doesNotContain("evil.example");
  }

  @Test
  void aDuplicateCallbackForAnEndedJobCostsNothing() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ZERO));
    h.webhook(body(id, "completed"));
    await().atMost(Duration.ofSeconds(60)).until(() -> h.store.find(id)
        .map(JobSnapshot::isTerminal).orElse(false));

    assertThat(h.webhook(body(id, "completed")).statusCode()).isEqualTo(202);
    assertThat(h.webhook("{\"data\":{\"jobId\":\"" + id + "\"}}").statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60))
        .until(() -> h.metric("renderwatch_webhooks_total{result=\"duplicate\"}") == 2.0);
    assertThat(h.account.requestsFor(id)).isEqualTo(1);
  }

  @Test
  void aForgedCompletedBodyForAJobStillRenderingLeavesTheWatchRunning() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofHours(1)));

    assertThat(h.webhook(body(id, "completed")).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).until(() -> h.store.find(id).isPresent());
    assertThat(h.store.find(id).get().isTerminal()).isFalse();
    assertThat(h.account.requestsFor(id)).isEqualTo(1);
    assertThat(h.engine.activeWatches()).isEqualTo(1);
    assertThat(h.get("/jobs/" + id).body()).contains("\"status\":\"in-progress\"");
  }

  @Test
  void aCallbackForAWatchedJobConfirmsItAtOnceInsteadOfAtTheNextPoll() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofSeconds(2)));
    assertThat(h.put("/jobs/" + id, "").statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> h.account.requestsFor(id) == 1);
    // The next poll is 10 s away; the job ends after 2 s and Pictory calls back.
    await().atMost(Duration.ofSeconds(60)).until(() -> h.account.endsAt(id)
        .map(end -> !h.scheduler.now().isBefore(end)).orElse(false));

    h.webhook(body(id, "completed"));

    await().atMost(Duration.ofSeconds(60)).until(() -> h.store.find(id)
        .map(JobSnapshot::isTerminal).orElse(false));
    assertThat(h.account.requestsFor(id)).isEqualTo(2);
  }

  @Test
  void theWrongSecretIsNotFoundAndCostsNothing() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ZERO));

    HttpResponse<String> answer = h.post("/webhooks/pictory/not-the-secret", body(id, "completed"));

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("\"error\":");
    assertThat(h.metric("renderwatch_webhooks_total{result=\"wrong_secret\"}")).isEqualTo(1.0);
    assertThat(h.account.requests()).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestAndCostsNothing() {
    HttpResponse<String> answer = h.webhook("status=completed&job_id=x");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"error\":\"malformed\"").contains("\"message\":");
    assertThat(h.account.requests()).isZero();
  }

  @Test
  void aBodyWithoutAJobIdIsABadRequestAndCostsNothing() {
    assertThat(h.webhook("{\"data\":{\"status\":\"completed\"}}").statusCode()).isEqualTo(400);
    assertThat(h.webhook("{\"job_id\":\"not-a-uuid\"}").body()).contains("no_job_id");
    assertThat(h.webhook("[1,2]").statusCode()).isEqualTo(400);
    assertThat(h.account.requests()).isZero();
  }

  @Test
  void aBodyOver64KibIsTooLargeAndCostsNothing() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ZERO));
    String huge = "{\"job_id\":\"" + id + "\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";

    HttpResponse<String> answer = h.webhook(huge);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(h.account.requests()).isZero();
    assertThat(h.get("/healthz").statusCode()).isEqualTo(200);
  }
}
