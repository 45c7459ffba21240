package io.renderwatch.core.testing;

import static io.renderwatch.core.testing.Snapshots.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    registry.register(registration(a, 3600), "p1", T0.plus(LEASE));
    registry.register(registration(b, 3600), "p1", T0.plus(LEASE));

    registry.finish(a);

    assertThat(registry.unfinished()).containsExactly(registration(b, 3600));
  }

  @Test
  void registeringTwiceKeepsTheOriginalDeadline() {
    JobId a = JobId.random();
    registry.register(registration(a, 100), "p1", T0.plus(LEASE));

    WatchRegistration inForce = registry.register(
        new WatchRegistration(a, T0.plusSeconds(50), T0.plusSeconds(900)), "p1", T0.plus(LEASE));

    assertThat(inForce).isEqualTo(registration(a, 100));
    assertThat(registry.unfinished()).containsExactly(registration(a, 100));
  }

  @Test
  void aHeldRegistrationCannotBeClaimedByAnotherOwnerUntilItsLeaseEnds() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0.plus(LEASE));

    assertThat(registry.claim("p2", T0.plusSeconds(10), LEASE, 10)).isEmpty();
    List<WatchRegistration> later = registry.claim("p2", T0.plusSeconds(31), LEASE, 10);

    assertThat(later).containsExactly(registration(a, 3600));
    assertThat(registry.claim("p1", T0.plusSeconds(32), LEASE, 10)).isEmpty();
  }

  @Test
  void renewingKeepsTheLease() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0.plus(LEASE));

    assertThat(registry.renew("p1", T0.plusSeconds(25), LEASE)).isEqualTo(1);

    assertThat(registry.claim("p2", T0.plusSeconds(40), LEASE, 10)).isEmpty();
    assertThat(registry.claim("p2", T0.plusSeconds(56), LEASE, 10)).hasSize(1);
    assertThat(registry.renew("p1", T0.plusSeconds(57), LEASE)).isZero();
  }

  @Test
  void releasedRegistrationsAreFreeAtOnceAndStillUnfinished() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0.plus(LEASE));

    registry.release("p1", a);

    assertThat(registry.unfinished()).hasSize(1);
    assertThat(registry.claim("p2", T0.plusSeconds(1), LEASE, 10)).hasSize(1);
  }

  @Test
  void anOwnerReclaimsWhatItAlreadyHolds() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0.plus(LEASE));

    assertThat(registry.claim("p1", T0.plusSeconds(1), LEASE, 10)).hasSize(1);
  }

  @Test
  void claimTakesAtMostMaxAndSoonestDeadlinesFirst() {
    for (int i = 5; i >= 1; i--) {
      registry.register(registration(JobId.random(), i * 100L), "p1", Instant.MIN.plusSeconds(1));
    }
    List<WatchRegistration> claimed = registry.claim("p2", T0, LEASE, 3);
    assertThat(claimed).extracting(WatchRegistration::deadline)
        .containsExactly(T0.plusSeconds(100), T0.plusSeconds(200), T0.plusSeconds(300));
    assertThat(registry.claim("p3", T0, LEASE, 10)).hasSize(2);
  }

  @Test
  void finishedWatchesAreNeverClaimed() {
    JobId a = JobId.random();
    registry.register(registration(a, 3600), "p1", T0.plus(LEASE));
    registry.finish(a);
    assertThat(registry.claim("p2", T0.plusSeconds(3600), LEASE, 10)).isEmpty();
  }
}
