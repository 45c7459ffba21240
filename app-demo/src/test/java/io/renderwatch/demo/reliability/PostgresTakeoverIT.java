package io.renderwatch.demo.reliability;

import static io.renderwatch.demo.reliability.CrashLoopIT.KEY;
import static io.renderwatch.demo.reliability.CrashLoopIT.java;
import static io.renderwatch.demo.reliability.CrashLoopIT.results;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.jdbc.JdbcStores;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two processes of the packaged command share one real PostgreSQL: A watches the jobs, B waits
 * with {@code watch --resume --follow}; B takes nothing while A holds its leases, A is killed with
 * SIGKILL, and B takes A's watches over once their lease has run out and finishes them.
 *
 * <p>No race with the machine's speed: A's simulator never ends most of the jobs, so A cannot
 * finish before it is killed; B polls a second simulator on which every job completes.
 */
class PostgresTakeoverIT {

  static final int JOBS = 20;
  /** The jobs that end for A too: it is killed once it has reported all of them. */
  static final int QUICK = 5;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
  void anotherProcessTakesOverTheWatchesOfAKilledOneAfterTheLease() throws Exception {
    EmbeddedPostgres.Database database = EmbeddedPostgres.freshDatabase();
    String url = database.url();
    SplittableRandom random = new SplittableRandom(17);
    SimulatedAccount account = SimulatedAccount.builder().build();
    SimulatedAccount afterwards = SimulatedAccount.builder().build();
    Map<JobId, JobState> truth = new HashMap<>();
    Instant now = Instant.now();
    for (int i = 0; i < JOBS; i++) {
      JobId id = JobId.random();
      Duration queued = Duration.ofMillis(random.nextInt(0, 500));
      Duration running = Duration.ofMillis(random.nextInt(1_000, 3_000));
      JobScript completing = JobScript.completing(queued, running);
      account.add(id, i < QUICK ? completing : JobScript.never(queued, running), now);
      afterwards.add(id, completing, now);
      truth.put(id, completing.stateAt(id, Duration.ofDays(1)));
    }
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target",
        "reliability")), "takeover").toAbsolutePath();
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).account(account)
        .build();
        PictorySimulator second = PictorySimulator.builder().apiKey(KEY).account(afterwards)
            .build()) {
      List<String> common = List.of("--json", "--db", url, "--lease", "2s",
          "--min-interval", "200ms", "--max-interval", "500ms", "--rate", "50");
      List<String> first = new ArrayList<>(List.of("watch", "--base-url",
          simulator.baseUrl().toString()));
      first.addAll(common);
      truth.keySet().forEach(id -> first.add(id.toString()));
      Path outA = dir.resolve("a.out");
      Process a = java(dir, first).redirectOutput(outA.toFile())
          .redirectError(dir.resolve("a.err").toFile()).start();
      await().pollInSameThread().atMost(Duration.ofSeconds(60))
          .until(() -> results(outA).size() >= QUICK);

      List<String> resume = new ArrayList<>(List.of("watch", "--resume", "--follow",
          "--base-url", second.baseUrl().toString()));
      resume.addAll(common);
      Path outB = dir.resolve("b.out");
      Path errB = dir.resolve("b.err");
      Process b = java(dir, resume).redirectOutput(outB.toFile())
          .redirectError(errB.toFile()).start();
      await().pollInSameThread().atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(errB) && Files.readString(errB).contains("to resume"));
      assertThat(Files.readString(errB)).as("A holds every lease: B takes nothing")
          .contains("No unfinished watch to resume.");

      a.destroyForcibly(); // SIGKILL
      assertThat(a.waitFor(90, TimeUnit.SECONDS)).isTrue();
      Instant killed = Instant.now();
      Map<JobId, String> byA = results(outA);
      assertThat(results(outB)).as("B reported nothing while A was alive").isEmpty();
      assertThat(byA).as("A reported the jobs that ended for it").hasSize(QUICK);

      await().pollInSameThread().atMost(Duration.ofSeconds(60))
          .until(() -> !results(outB).isEmpty());
      Duration takenOverAfter = Duration.between(killed, Instant.now());
      assertThat(b.waitFor(90, TimeUnit.SECONDS)).as(Files.readString(errB)).isTrue();
      assertThat(b.exitValue()).as(Files.readString(errB)).isZero();
      Map<JobId, String> byB = results(outB);

      Set<JobId> overlap = new HashSet<>(byA.keySet());
      overlap.retainAll(byB.keySet());
      assertThat(overlap).as("reported by both (see CrashLoopIT)").hasSizeLessThanOrEqualTo(1);
      Set<JobId> all = new HashSet<>(byA.keySet());
      all.addAll(byB.keySet());
      assertThat(all).isEqualTo(truth.keySet());
      try (JdbcStores stores = JdbcStores.jdbcUrl(url, null, null)) {
        Map<JobId, JobSnapshot> stored = RunChecks.scan(stores.jobStore());
        assertThat(stored).hasSize(JOBS);
        stored.forEach((id, s) -> assertThat(s.state()).isEqualTo(truth.get(id)));
        assertThat(stores.watchRegistry().unfinished()).isEmpty();
      }
      String text = Files.readString(outA) + Files.readString(dir.resolve("a.err"))
          + Files.readString(outB) + Files.readString(errB);
      assertThat(text).doesNotContain(KEY);
      Files.writeString(dir.resolve("summary.txt"), "A reported " + byA.size() + ", B took over "
          + byB.size() + " (first result " + takenOverAfter.toMillis() + " ms after the kill)");
    }
  }
}
