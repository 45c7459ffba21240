package io.renderwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.time.SystemScheduler;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * SERVE.md: a well-formed callback gets its 202 "at once, before anything else is done": here
 * the store (and so the engine) is stuck, and every callback is still accepted; the confirming
 * requests follow once the store answers.
 */
class WebhookAcceptanceTest {

  @Test
  void callbacksAreAcceptedWhileTheStoreAndTheEngineAreStuck() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    JobStore store = new StuckStore(new InMemoryJobStore(), stuck);
    SimulatedAccount account = SimulatedAccount.builder().build();
    try (SystemScheduler scheduler = new SystemScheduler();
        RenderWatch engine = RenderWatch.builder()
            .source(new ScriptedStatusSource(account, scheduler, Duration.ofMillis(5),
                Duration.ofSeconds(5)))
            .store(store).scheduler(scheduler).build()) {
      WebServer server = WebServer.builder().engine(engine).store(store).feed(new JobFeed())
          .metrics(new ServeMetrics()).webhookSecret(Harness.SECRET).host("127.0.0.1").port(0)
          .build();
      server.start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        List<JobId> jobs = List.of(
            account.submit(JobScript.completing(Duration.ZERO, Duration.ZERO), scheduler.now()),
            account.submit(JobScript.completing(Duration.ZERO, Duration.ZERO), scheduler.now()));
        for (JobId id : jobs) {
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
              URI.create(server.url() + "/webhooks/pictory/" + Harness.SECRET))
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString("{\"job_id\":\"" + id + "\"}")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).isEqualTo(202);
          assertThat(answer.body()).contains("\"status\":\"accepted\"");
        }
        assertThat(account.requests()).as("nothing confirmed while stuck").isZero();

        stuck.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.stream().allMatch(id ->
            store.find(id).map(JobSnapshot::isTerminal).orElse(false)));
        assertThat(jobs).allSatisfy(id -> assertThat(account.requestsFor(id)).isEqualTo(1));
      } finally {
        server.close();
      }
    }
  }

  /** A store whose every call waits until {@code stuck} opens. */
  private record StuckStore(JobStore inner, CountDownLatch stuck) implements JobStore {
    private void await() {
      try {
        stuck.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Optional<JobSnapshot> find(JobId id) {
      await();
      return inner.find(id);
    }

    @Override
    public SaveResult save(JobSnapshot snapshot) {
      await();
      return inner.save(snapshot);
    }

    @Override
    public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
      await();
      return inner.page(cursor, limit);
    }

    @Override
    public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
      await();
      return inner.findByKind(kind, limit);
    }
  }
}
