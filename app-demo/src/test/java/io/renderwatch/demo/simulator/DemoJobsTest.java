package io.renderwatch.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount.Answer;
import io.renderwatch.testkit.sim.SimulatedAccount.Faulted;
import io.renderwatch.testkit.sim.SimulatedAccount.Found;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoJobsTest {

  private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

  @Test
  void theDemoEndsWithinTwentyFiveSecondsWithOneFailureAndOneRateLimitOverHttp()
      throws Exception {
    SimulatedAccount account = DemoJobs.demo(T0);
    MutableClock clock = new MutableClock(T0.plusSeconds(25));
    HttpClient client = HttpClient.newHttpClient();
    List<HttpResponse<String>> firsts = new ArrayList<>();
    List<HttpResponse<String>> seconds = new ArrayList<>();

    try (PictorySimulator simulator = PictorySimulator.builder().apiKey("pictai_demo")
        .account(account).clock(clock).build()) {
      for (List<HttpResponse<String>> round : List.of(firsts, seconds)) {
        for (JobId id : account.jobs()) {
          round.add(client.send(HttpRequest.newBuilder(
              URI.create(simulator.baseUrl() + "/pictoryapis/v1/jobs/" + id))
              .header("Authorization", "pictai_demo").build(), BodyHandlers.ofString()));
        }
        clock.advance(Duration.ofSeconds(1));
      }
    }

    assertThat(account.jobs()).hasSize(6);
    assertThat(account.jobs()).allSatisfy(id ->
        assertThat(account.endsAt(id)).hasValueSatisfying(end ->
            assertThat(end).isBetween(T0.plusSeconds(9), T0.plusSeconds(25))));
    assertThat(account.jobs().stream().map(id -> account.endsAt(id).orElseThrow()).max(
        Instant::compareTo)).hasValueSatisfying(last -> assertThat(last).isAfter(T0.plusSeconds(15)));
    assertThat(firsts).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    assertThat(firsts).filteredOn(r -> r.body().contains("\"status\":\"completed\"")).hasSize(5);
    assertThat(firsts).filteredOn(r -> r.body().contains("\"status\":\"failed\""))
        .singleElement().satisfies(r -> assertThat(r.body())
            .contains("\"error_code\":\"4001\",\"error_message\":\"Invalid voice name\""));
    assertThat(seconds).filteredOn(r -> r.statusCode() == 429).singleElement()
        .satisfies(r -> assertThat(r.headers().firstValue("Retry-After")).contains("2"));
    assertThat(account.rateLimited()).isZero();
  }

  @Test
  void theSameSeedGivesTheSameJobsAndAnotherSeedOthers() {
    DemoJobs.Builder builder = DemoJobs.builder().jobs(20).failing(3).seed(7);

    SimulatedAccount one = builder.build(T0);
    SimulatedAccount two = builder.build(T0);
    SimulatedAccount other = DemoJobs.builder().jobs(20).failing(3).seed(8).build(T0);

    assertThat(two.jobs()).isEqualTo(one.jobs());
    assertThat(two.jobs()).allSatisfy(id -> assertThat(two.script(id).map(JobDraw::of))
        .isEqualTo(one.script(id).map(JobDraw::of)));
    assertThat(other.jobs()).doesNotContainAnyElementsOf(one.jobs());
  }

  @Test
  void drawsTimesWithinTheRangesAndGivesDistinctVersionFourIds() {
    SimulatedAccount account = DemoJobs.builder().jobs(200)
        .queued(Duration.ofSeconds(2), Duration.ofSeconds(3))
        .rendering(Duration.ofMinutes(1), Duration.ofMinutes(4)).seed(3).build(T0);

    assertThat(account.jobs()).hasSize(200).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id.value().version()).isEqualTo(4));
    List<JobScript> scripts = account.jobs().stream().map(id -> account.script(id).orElseThrow())
        .collect(Collectors.toList());
    assertThat(scripts).allSatisfy(script -> {
      assertThat(script.queuedFor()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
      assertThat(script.runningFor()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(4));
      assertThat(script.ending()).isEqualTo(JobScript.Ending.COMPLETED);
    });
    assertThat(scripts.stream().map(JobScript::runningFor).distinct().count()).isGreaterThan(100);
  }

  @Test
  void failsAndRateLimitsAsManyDistinctJobsAsAsked() {
    SimulatedAccount account = DemoJobs.builder().jobs(10).failing(3).rateLimited(2)
        .retryAfter(Duration.ofSeconds(7)).seed(11).build(T0);
    Instant late = T0.plus(Duration.ofHours(1));

    List<JobId> failing = account.jobs().stream()
        .filter(id -> account.script(id).orElseThrow().ending() == JobScript.Ending.FAILED)
        .collect(Collectors.toList());
    List<JobId> limited = new ArrayList<>();
    for (JobId id : account.jobs()) {
      Answer first = account.answer(id, late);
      Answer second = account.answer(id, late);
      Answer third = account.answer(id, late);
      assertThat(first).isInstanceOf(Found.class);
      assertThat(third).isInstanceOf(Found.class);
      if (second instanceof Faulted faulted) {
        assertThat(faulted.fault()).isEqualTo(new Fault(Fault.Kind.RATE_LIMITED,
            Duration.ofSeconds(7)));
        limited.add(id);
      }
    }

    assertThat(failing).hasSize(3).allSatisfy(id ->
        assertThat(account.script(id).orElseThrow().stateAt(id, Duration.ofHours(1)))
            .isEqualTo(new JobState.Failed(DemoJobs.FAILURE_CODE, DemoJobs.FAILURE_MESSAGE)));
    assertThat(limited).hasSize(2).doesNotContainAnyElementsOf(failing);
  }

  @Test
  void addsTheCallersFaultsAndAccountLimit() {
    SimulatedAccount account = DemoJobs.builder().jobs(2)
        .faults(FaultPlan.firstRequests(1, Fault.of(Fault.Kind.SERVER_ERROR)))
        .rateLimit(2, Duration.ofSeconds(1)).retryAfter(Duration.ZERO).build(T0);
    JobId id = account.jobs().get(0);

    Answer faulted = account.answer(id, T0);
    Answer fine = account.answer(id, T0);
    Answer limited = account.answer(id, T0);

    assertThat(faulted).isEqualTo(new Faulted(Fault.of(Fault.Kind.SERVER_ERROR),
        java.util.Optional.of(JobState.QUEUED)));
    assertThat(fine).isEqualTo(new Found(JobState.QUEUED));
    assertThat(limited).isEqualTo(new Faulted(Fault.of(Fault.Kind.RATE_LIMITED),
        java.util.Optional.empty()));
  }

  @Test
  void validatesItsSettings() {
    assertThatThrownBy(() -> DemoJobs.builder().jobs(2).failing(2).rateLimited(1).build(T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failing (2) + rateLimited (1) must not exceed jobs (2)");
    assertThatThrownBy(() -> DemoJobs.builder().jobs(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("jobs must be >= 1 but was 0");
    assertThatThrownBy(() -> DemoJobs.builder().rendering(Duration.ofSeconds(5),
        Duration.ofSeconds(4))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rendering max must be >= min but was PT4S < PT5S");
    assertThatThrownBy(() -> DemoJobs.builder().queued(Duration.ofSeconds(-1),
        Duration.ofSeconds(4))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queued min must be >= 0 but was PT-1S");
    assertThatThrownBy(() -> DemoJobs.builder().retryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DemoJobs.builder().rateLimit(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DemoJobs.builder().build(null))
        .isInstanceOf(NullPointerException.class).hasMessage("submittedAt == null");
  }

  /** The comparable parts of a script (its curve is a lambda). */
  private record JobDraw(Duration queuedFor, Duration runningFor, JobScript.Ending ending) {
    static JobDraw of(JobScript script) {
      return new JobDraw(script.queuedFor(), script.runningFor(), script.ending());
    }
  }
}
