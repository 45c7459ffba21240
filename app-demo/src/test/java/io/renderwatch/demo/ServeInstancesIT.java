package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.http.ServedRequest;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes from the packaged jar on one embedded PostgreSQL, told apart in
 * the simulator's request log by their User-Agent (an opaque tag of each instance, never the
 * key): each job is polled by one instance at a time, a SIGKILLed instance's jobs are taken over
 * within a lease, and {@code --rate} is the account's budget, not each instance's.
 */
class ServeInstancesIT {

  private static final String TOKEN = "instances-it-token-3a7d";
  private static final String SECRET = "instances-it-secret-c0ffee12";
  private static final int RATE = 4;

  @TempDir
  Path dir;

  private final List<ServeProcess> instances = new ArrayList<>();
  private PictorySimulator simulator;

  @AfterEach
  void stop() {
    instances.forEach(ServeProcess::close);
    if (simulator != null) {
      simulator.close();
    }
  }

  private ServeProcess start(String name, String db, String lease) throws Exception {
    ServeProcess serve = ServeProcess.start(dir, name, List.of("--port", "0", "--db", db,
        "--api-key", Runs.KEY, "--base-url", simulator.baseUrl().toString(), "--token", TOKEN,
        "--webhook-secret", SECRET, "--min-interval", "1s", "--max-interval", "1s",
        "--rate", String.valueOf(RATE), "--lease", lease));
    instances.add(serve);
    return serve;
  }

  private static void put(ServeProcess serve, JobId job) throws Exception {
    assertThat(ServeProcess.send(serve.authorized("/jobs/" + job, TOKEN)
        .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
  }

  private List<JobId> rendering(SimulatedAccount account, int count) {
    List<JobId> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(account.submit(JobScript.completing(Duration.ZERO, Duration.ofHours(1)),
          Instant.now()));
    }
    return jobs;
  }

  /** The served requests for the job, in order of arrival. */
  private List<ServedRequest> servedFor(JobId job) {
    return simulator.served().stream().filter(r -> r.jobId().equals(job.toString())).toList();
  }

  /** The User-Agent that polled the job first. */
  private String pollerOf(JobId job) {
    return servedFor(job).get(0).userAgent();
  }

  @Test
  void eachJobIsPolledByOneInstanceAndTogetherTheyKeepToTheAccountsRate() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().rateLimit(RATE, Duration.ofSeconds(1))
        .build();
    simulator = PictorySimulator.builder().apiKey(Runs.KEY).account(account).build();
    String db = EmbeddedPostgres.freshDatabase().url();
    ServeProcess a = start("a", db, "30s");
    ServeProcess b = start("b", db, "30s");
    // Each job asks for a poll a second: together far more than the account's budget.
    List<JobId> atA = rendering(account, 10);
    List<JobId> atB = rendering(account, 10);
    for (int i = 0; i < atA.size(); i++) {
      put(a, atA.get(i));
      put(b, atB.get(i));
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> simulator.served().stream()
        .map(ServedRequest::userAgent).distinct().count() == 2 && simulator.served().size() >= 80);

    List<ServedRequest> served = simulator.served();
    Set<String> agents = served.stream().map(ServedRequest::userAgent).collect(Collectors.toSet());
    assertThat(agents).hasSize(2).allSatisfy(agent -> assertThat(agent)
        .startsWith("renderwatch/").contains("instance ").doesNotContain(Runs.KEY));
    for (JobId job : atA) {
      assertThat(servedFor(job)).extracting(ServedRequest::userAgent).as("polls of %s", job)
          .containsOnly(pollerOf(atA.get(0)));
    }
    for (JobId job : atB) {
      assertThat(servedFor(job)).extracting(ServedRequest::userAgent).as("polls of %s", job)
          .containsOnly(pollerOf(atB.get(0)));
    }
    assertThat(pollerOf(atA.get(0))).isNotEqualTo(pollerOf(atB.get(0)));
    assertThat(served).filteredOn(ServedRequest::faulted).as("429s").isEmpty();
    assertThat(maxWithinOneSecond(served)).isLessThanOrEqualTo(RATE);
    assertThat(account.rateLimited()).isZero();
    assertThat(a.log() + b.log()).doesNotContain(Runs.KEY).doesNotContain(TOKEN)
        .doesNotContain(SECRET);
  }

  @Test
  void aKilledInstancesJobsAreTakenOverByTheOtherWithinALease() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    simulator = PictorySimulator.builder().apiKey(Runs.KEY).account(account).build();
    String db = EmbeddedPostgres.freshDatabase().url();
    ServeProcess a = start("a", db, "5s");
    ServeProcess b = start("b", db, "5s");
    List<JobId> jobs = rendering(account, 3);
    for (JobId job : jobs) {
      put(a, job);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> jobs.stream()
        .allMatch(job -> !servedFor(job).isEmpty()));
    String agentOfA = pollerOf(jobs.get(0));

    a.process.destroyForcibly(); // SIGKILL: no lease is released
    a.process.waitFor();
    Instant killed = Instant.now();

    // Within the 5 s lease, plus slack for a loaded machine (B claims every lease / 3).
    await().atMost(Duration.ofSeconds(5 + 40)).until(() -> jobs.stream().allMatch(job ->
        servedFor(job).stream().anyMatch(r -> r.at().isAfter(killed)
            && !r.userAgent().equals(agentOfA))));
    for (JobId job : jobs) {
      assertThat(servedFor(job)).filteredOn(r -> r.at().isAfter(killed))
          .extracting(ServedRequest::userAgent).doesNotContain(agentOfA);
    }
    assertThat(ServeProcess.send(b.authorized("/metrics", TOKEN).GET()).body())
        .contains("renderwatch_watches_active 3.0");
  }

  /** The most requests that arrived within any one second. */
  private static int maxWithinOneSecond(List<ServedRequest> served) {
    List<Instant> at = served.stream().map(ServedRequest::at).sorted().toList();
    int best = 0;
    int start = 0;
    for (int end = 0; end < at.size(); end++) {
      while (!at.get(end).isBefore(at.get(start).plusSeconds(1))) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
