package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code renderwatch plan}: what a user sees, in text and in JSON, and bad input. */
class PlanCommandTest {

  @Test
  void printsTheFiguresAndARecommendation() {
    Runs.Result run = Runs.run(Runs.env(), "plan", "--jobs-per-hour", "120", "--jobs", "300");

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Simulated 300 jobs (120/h")
        .contains("requests per job").contains("detection delay    p50")
        .contains("429 risk           low").contains("budget use")
        .contains("Recommendation: --rate 5 is enough");
  }

  @Test
  void jsonCarriesTheSameFigures() {
    Runs.Result text = Runs.run(Runs.env(), "plan", "--jobs-per-hour", "600", "--jobs", "400",
        "--burst", "100", "--rate", "3", "--webhooks-lost", "30%");
    Runs.Result json = Runs.run(Runs.env(), "plan", "--jobs-per-hour", "600", "--jobs", "400",
        "--burst", "100", "--rate", "3", "--webhooks-lost", "30%", "--json");

    assertThat(json.code()).as(json.toString()).isZero();
    Map<String, Object> figures = json.json().get(0);
    assertThat(figures).containsEntry("jobs", 400.0).containsEntry("burst", 100.0)
        .containsEntry("rate", 3.0).containsEntry("accountLimit", 3.0)
        .containsEntry("webhooksLost", 0.3).containsEntry("tooManyRequests", 0.0);
    String requests = String.format(java.util.Locale.ROOT, "requests per job   %.2f",
        ((Number) figures.get("requestsPerJob")).doubleValue());
    assertThat(text.out()).contains(requests).contains("webhooks, 30% lost");
    assertThat(figures.get("recommendation")).asString().isNotBlank();
  }

  @Test
  void aBadShareOfLostWebhooksIsAUsageError() {
    Runs.Result run = Runs.run(Runs.env(), "plan", "--jobs-per-hour", "100",
        "--webhooks-lost", "130%");

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--webhooks-lost '130%'").contains("e.g. 30%");
  }

  @Test
  void aBurstLargerThanTheJobsIsAUsageError() {
    Runs.Result run = Runs.run(Runs.env(), "plan", "--jobs-per-hour", "100", "--jobs", "10",
        "--burst", "20");

    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("burst").contains("plan --help");
  }
}
