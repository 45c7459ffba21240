package io.renderwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.sim.JobScript;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /jobs/{id}}, {@code GET /jobs/{id}?wait=}, {@code GET /jobs} paging, metrics, health. */
class JobsApiTest {

  private final Harness h = new Harness(Optional.empty(), Duration.ofSeconds(1));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void putStartsAWatchOnceAndWaitHoldsTheAnswerUntilTheJobEnds() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofSeconds(3)));

    HttpResponse<String> created = h.put("/jobs/" + id,
        "{\"timeout\": \"20m\", \"expected_length\": \"90s\"}");
    HttpResponse<String> again = h.put("/jobs/" + id, "");
    HttpResponse<String> waited = h.get("/jobs/" + id + "?wait=60s");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"job_id\":\"" + id + "\"");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(waited.statusCode()).isEqualTo(200);
    assertThat(waited.body()).contains("\"status\":\"completed\"").contains("\"videoURL\":");
    assertThat(h.engine.activeWatches()).isZero();
  }

  @Test
  void waitAnswersWhatIsStoredWhenTheTimeIsUp() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofHours(1)));
    h.put("/jobs/" + id, "");

    HttpResponse<String> waited = h.get("/jobs/" + id + "?wait=2s");

    assertThat(waited.statusCode()).isEqualTo(200);
    assertThat(waited.body()).contains("\"status\":\"in-progress\"").contains("\"stage\":");
  }

  @Test
  void badInputGetsAJsonErrorAndCostsNothing() {
    assertThat(h.put("/jobs/not-a-uuid", "").statusCode()).isEqualTo(400);
    assertThat(h.put("/jobs/not-a-uuid", "").body()).contains("\"error\":\"bad_job_id\"");
    JobId id = JobId.random();
    assertThat(h.put("/jobs/" + id, "{\"timeout\": \"soon\"}").statusCode()).isEqualTo(400);
    assertThat(h.put("/jobs/" + id, "{\"timeout\": ").body()).contains("\"message\":");
    assertThat(h.get("/jobs/" + id).statusCode()).isEqualTo(404);
    assertThat(h.get("/jobs/" + id + "?wait=61s").statusCode()).isEqualTo(400);
    assertThat(h.get("/jobs?limit=501").statusCode()).isEqualTo(400);
    assertThat(h.get("/jobs?status=sleeping").statusCode()).isEqualTo(400);
    assertThat(h.get("/jobs?cursor=garbage").statusCode()).isEqualTo(400);
    assertThat(h.account.requests()).isZero();
    assertThat(h.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(h.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void theListPagesThroughEveryStoredJobNewestFirstWithACursor() {
    List<JobId> saved = new ArrayList<>();
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 7; i++) {
      JobId id = JobId.random();
      JobState state = i % 2 == 0 ? new JobState.Failed("E" + i, "broke")
          : new JobState.Running(10 * i, "Rendering", "RUNNING");
      h.store.save(JobSnapshot.of(id, state, at.plusSeconds(i)));
      saved.add(0, id);
    }
    Set<String> seen = new LinkedHashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      String body = h.get("/jobs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).body();
      Matcher ids = Pattern.compile("\"job_id\":\"([0-9a-f-]{36})\"").matcher(body);
      while (ids.find()) {
        seen.add(ids.group(1));
      }
      Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(body);
      cursor = next.find() ? java.net.URLEncoder.encode(next.group(1),
          java.nio.charset.StandardCharsets.UTF_8) : null;
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactlyElementsOf(saved.stream().map(JobId::toString).toList());
    assertThat(pages).isEqualTo(3);
    assertThat(h.get("/jobs?status=failed&limit=500").body().split("\"status\":\"failed\"", -1))
        .hasSize(5);
  }

  @Test
  void metricsCountRequestsWatchesAndWebhooksInPrometheusText() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofHours(1)));
    h.put("/jobs/" + id, "");
    await().atMost(Duration.ofSeconds(60))
        .until(() -> h.metric("renderwatch_api_requests_total{outcome=\"ok\"}") >= 1);

    String text = h.get("/metrics").body();

    assertThat(text).contains("renderwatch_watches_active 1.0")
        .contains("renderwatch_webhooks_total{result=\"accepted\"}")
        .contains("# TYPE renderwatch_api_requests_total counter");
  }
}
