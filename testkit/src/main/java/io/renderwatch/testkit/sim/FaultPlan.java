package io.renderwatch.testkit.sim;

import io.renderwatch.core.model.JobId;
import java.util.Objects;
import java.util.SplittableRandom;

/** Which simulated requests fail, and how. */
@FunctionalInterface
public interface FaultPlan {

  /**
   * The fault for the {@code attempt}-th request (from 0) for job {@code id}, or {@code null}
   * for a normal answer.
   */
  Fault faultFor(JobId id, int attempt);

  /** No faults. */
  static FaultPlan none() {
    return (id, attempt) -> null;
  }

  /** The first {@code count} requests of every job fail with {@code fault}. */
  static FaultPlan firstRequests(int count, Fault fault) {
    Objects.requireNonNull(fault, "fault == null");
    return (id, attempt) -> attempt < count ? fault : null;
  }

  /** Every request of every job fails with {@code fault}. */
  static FaultPlan always(Fault fault) {
    Objects.requireNonNull(fault, "fault == null");
    return (id, attempt) -> fault;
  }

  /**
   * Each request fails with {@code fault} with the given probability, decided by a hash of the
   * seed, the job and the attempt, so a run is repeatable.
   */
  static FaultPlan randomly(double probability, Fault fault, long seed) {
    Objects.requireNonNull(fault, "fault == null");
    return (id, attempt) -> {
      long mix = seed ^ id.value().getMostSignificantBits() ^ id.value().getLeastSignificantBits()
          ^ ((long) attempt * 0x9E3779B97F4A7C15L);
      return new SplittableRandom(mix).nextDouble() < probability ? fault : null;
    };
  }

  /** This plan's fault where it has one, else {@code other}'s. */
  default FaultPlan orElse(FaultPlan other) {
    Objects.requireNonNull(other, "other == null");
    return (id, attempt) -> {
      Fault mine = faultFor(id, attempt);
      return mine != null ? mine : other.faultFor(id, attempt);
    };
  }
}
