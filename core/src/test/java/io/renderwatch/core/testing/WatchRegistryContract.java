package io.renderwatch.core.testing;

import static io.renderwatch.core.testing.Snapshots.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WatchRegistry} must do. Extend it and return a fresh, empty registry. */
public abstract class WatchRegistryContract {

  private static final Duration LEASE = Duration.ofSeconds(30);

  /** The registry under test, new for each test. */
  protected WatchRegistry registry;

  /** A fresh, empty registry. */
  protected abstract WatchRegistry newRegistry() throws Exception;

  /** Releases the registry; by default nothing. */
  protected void closeRegistry(WatchRegistry registry) throws Exception {}

  @BeforeEach
  void open() throws Exception {
    registry = newRegistry();
  }

  @AfterEach
  void close() throws Exception {
    closeRegistry(registry);
  }

  private static WatchRegistration registration(JobId id, long deadlineSeconds) {
    return new WatchRegistration(id, T0, T0.plusSeconds(deadlineSeconds));
  }

  @Test
  void registeredWatchesAreUnfinishedUntilFinished() {
    JobId a = JobId.random();
    JobId b = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);
    registry.register(registration(b, 3600), "p1", T0, LEASE);

    registry.finish(a);

    assertThat(registry.unfinished()).containsExactly(registration(b, 3600));
  }

  @Test
  void registerAllAnswersEachAsRegisterWouldInOrder() {
    JobId fresh = JobId.random();
    JobId own = JobId.random();
    JobId ended = JobId.random();
    JobId othersLive = JobId.random();
    JobId othersExpired = JobId.random();
    registry.register(registration(own, 100), "p1", T0, LEASE);
    registry.register(registration(ended, 100), "p1", T0, LEASE);
    registry.end(ended, "p1", "unauthorized");
    registry.register(registration(othersLive, 100), "p2", T0.plusSeconds(10), LEASE);
    registry.register(registration(othersExpired, 100), "p2", T0.minusSeconds(60), LEASE);
    // More than one batch of the JDBC registry, the named jobs in the middle.
    List<WatchRegistration> many = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(registration(JobId.random(), 3600));
    }
    Instant at = T0.plusSeconds(20);
    List<WatchRegistration> asked = new java.util.ArrayList<>(many.subList(0, 300));
    for (JobId id : List.of(fresh, own, ended, othersLive, othersExpired, fresh)) {
      asked.add(new WatchRegistration(id, at, at.plusSeconds(60)));
    }
    asked.addAll(many.subList(300, 600));

    List<Optional<WatchRegistration>> answers = registry.registerAll(asked, "p1", at, LEASE);

    assertThat(answers).hasSize(asked.size());
    for (int i = 0; i < asked.size(); i++) {
      boolean refused = asked.get(i).jobId().equals(othersLive);
      assertThat(answers.get(i)).as("answer %d", i)
          .isEqualTo(refused ? Optional.empty() : Optional.of(asked.get(i)));
    }
    assertThat(registry.unfinished()).hasSize(605)
        .contains(registration(othersLive, 100))
        .contains(new WatchRegistration(ended, at, at.plusSeconds(60)));
    assertThat(registry.renew("p1", List.of(fresh, own, ended, othersLive, othersExpired),
        at.plusSeconds(1), LEASE)).containsExactlyInAnyOrder(fresh, own, ended, othersExpired);
  }

  @Test
  void finishAllRemovesEveryNamedRegistrationAndNoOther() {
    List<JobId> named = new java.util.ArrayList<>();
    for (int i = 0; i < 1_200; i++) { // more than one batch of the JDBC registry
      JobId id = JobId.random();
      registry.register(registration(id, 3600), "p1", T0, LEASE);
      named.add(id);
    }
    JobId kept = JobId.random();
    registry.register(registration(kept, 3600), "p2", T0, LEASE);

    registry.finishAll(named);
    registry.finishAll(List.of());

    assertThat(registry.unfinished()).containsExactly(registration(kept, 3600));
  }

  @Test
  void registeringAgainTakesTheNewStartAndDeadline() {
    JobId a = JobId.random();
    registry.register(registration(a, 100), "p1", T0, LEASE);

    Optional<WatchRegistration> inForce = registry.register(
        new WatchRegistration(a, T0.plusSeconds(50), T0.plusSeconds(55)), "p1",
        T0.plusSeconds(50), LEASE);

    WatchRegistration now = new WatchRegistration(a, T0.plusSeconds(50), T0.plusSeconds(55));
    assertThat(inForce).contains(now);
    assertThat(registry.unfinished()).containsExactly(now);
  }

  @Test
  void registerNeverTakesAnotherOwnersLiveLease() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);

    assertThat(registry.register(registration(a, 10), "p2", T0.plusSeconds(10), LEASE))
        .as("p1's lease runs to 30 s").isEmpty();
    assertThat(registry.unfinished()).containsExactly(registration(a, 3600));
    assertThat(registry.renew("p1", Set.of(a), T0.plusSeconds(20), LEASE)).containsExactly(a);

    assertThat(registry.register(registration(a, 10), "p2", T0.plusSeconds(51), LEASE))
        .as("expired at 50 s").contains(registration(a, 10));
    assertThat(registry.renew("p1", Set.of(a), T0.plusSeconds(52), LEASE))
        .as("p1 learns it lost the job").isEmpty();
  }

  @Test
  void anEndedWatchKeepsItsReasonFreesItsLeaseAndIsOnlyClaimedWhenAsked() {
    JobId a = JobId.random();
    JobId b = JobId.random();
    registry.register(registration(a, 100), "p1", T0, LEASE);
    registry.register(registration(b, 100), "p1", T0, LEASE);

    registry.end(a, "p1", "unauthorized");
    registry.end(b, "p2", "timeout");

    assertThat(registry.unfinished()).as("b was not p2's to end").containsExactly(
        registration(b, 100));
    assertThat(registry.renew("p1", Set.of(a, b), T0.plusSeconds(1), LEASE))
        .containsExactly(b);
    assertThat(registry.claim("p2", T0.plusSeconds(3000), LEASE, 10)).as("live only")
        .containsExactly(registration(b, 100));
    assertThat(registry.claimEnded("p3", T0.plusSeconds(200), LEASE, List.of("timeout"), 10))
        .isEmpty();
    List<WatchRegistration> again =
        registry.claimEnded("p3", T0.plusSeconds(200), LEASE, List.of("unauthorized"), 10);
    assertThat(again).as("a new deadline of the original length").containsExactly(
        new WatchRegistration(a, T0.plusSeconds(200), T0.plusSeconds(300)));
    assertThat(registry.claimEnded("p3", T0.plusSeconds(201), LEASE, List.of("unauthorized"),
        10)).as("once").isEmpty();
    assertThat(registry.renew("p3", Set.of(a), T0.plusSeconds(202), LEASE)).containsExactly(a);
  }

  @Test
  void registeringAnEndedWatchMakesItLiveAgain() {
    JobId a = JobId.random();
    registry.register(registration(a, 100), "p1", T0, LEASE);
    registry.end(a, "p1", "cancelled");

    assertThat(registry.register(registration(a, 500), "p2", T0.plusSeconds(1), LEASE))
        .contains(registration(a, 500));
    assertThat(registry.unfinished()).containsExactly(registration(a, 500));
  }

  @Test
  void aHeldRegistrationCannotBeClaimedByAnotherOwnerUntilItsLeaseEnds() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);

    assertThat(registry.claim("p2", T0.plusSeconds(10), LEASE, 10)).isEmpty();
    List<WatchRegistration> later = registry.claim("p2", T0.plusSeconds(31), LEASE, 10);

    assertThat(later).containsExactly(registration(a, 3600));
    assertThat(registry.claim("p1", T0.plusSeconds(32), LEASE, 10)).isEmpty();
  }

  @Test
  void renewingKeepsTheLease() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);

    assertThat(registry.renew("p1", Set.of(a), T0.plusSeconds(25), LEASE)).containsExactly(a);

    assertThat(registry.claim("p2", T0.plusSeconds(40), LEASE, 10)).isEmpty();
    assertThat(registry.claim("p2", T0.plusSeconds(56), LEASE, 10)).hasSize(1);
    assertThat(registry.renew("p1", Set.of(a), T0.plusSeconds(57), LEASE)).isEmpty();
  }

  @Test
  void releasedRegistrationsAreFreeAtOnceAndStillUnfinished() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);

    registry.release("p1", a);

    assertThat(registry.unfinished()).hasSize(1);
    assertThat(registry.claim("p2", T0.plusSeconds(1), LEASE, 10)).hasSize(1);
  }

  @Test
  void anOwnerReclaimsWhatItAlreadyHolds() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);

    assertThat(registry.claim("p1", T0.plusSeconds(1), LEASE, 10)).hasSize(1);
  }

  @Test
  void claimTakesAtMostMaxAndSoonestDeadlinesFirst() {
    for (int i = 5; i >= 1; i--) {
      registry.register(registration(JobId.random(), i * 100L), "p1", T0.minusSeconds(100),
          LEASE);
    }
    List<WatchRegistration> claimed = registry.claim("p2", T0, LEASE, 3);
    assertThat(claimed).extracting(WatchRegistration::deadline)
        .containsExactly(T0.plusSeconds(100), T0.plusSeconds(200), T0.plusSeconds(300));
    assertThat(registry.claim("p3", T0, LEASE, 10)).hasSize(2);
  }

  @Test
  void finishedWatchesAreNeverClaimed() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0, LEASE);
    registry.finish(a);
    assertThat(registry.claim("p2", T0.plusSeconds(3600), LEASE, 10)).isEmpty();
  }
}
