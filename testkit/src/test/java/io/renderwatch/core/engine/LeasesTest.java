package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import org.junit.jupiter.api.Test;

/** The engine's lease bookkeeping: what a claim must skip, and that a long run keeps no trail. */
class LeasesTest {

  @Test
  void aJobThatEndedDuringAClaimIsSkippedByItButNotByTheNext() {
    Leases leases = new Leases();
    JobId before = JobId.random();
    JobId during = JobId.random();
    leases.hold(before);
    leases.hold(during);
    assertThat(leases.ended(before)).isTrue();
    leases.settled(before);

    long mark = leases.mark();
    assertThat(leases.ended(during)).isTrue();
    leases.settled(during);
    assertThat(leases.endedSince(during, mark)).isTrue();
    assertThat(leases.endedSince(before, mark)).isFalse();
    leases.unmark();

    long next = leases.mark();
    assertThat(leases.endedSince(during, next)).isFalse();
    leases.unmark();
  }

  @Test
  void anEndNotYetWrittenIsSkippedWhateverTheMark() {
    Leases leases = new Leases();
    JobId id = JobId.random();
    leases.hold(id);
    leases.ended(id);
    long mark = leases.mark();
    assertThat(leases.endedSince(id, mark)).isTrue();
    leases.settled(id);
    assertThat(leases.endedSince(id, mark)).isFalse();
    leases.unmark();
  }

  @Test
  void aServiceThatEndsManyJobsRemembersNoneOnceNoClaimIsUnderWay() {
    Leases leases = new Leases();
    long mark = leases.mark();
    for (int i = 0; i < 10_000; i++) {
      JobId id = JobId.random();
      leases.hold(id);
      leases.ended(id);
      leases.settled(id);
    }
    assertThat(leases.remembered()).isEqualTo(10_000);
    leases.unmark();
    assertThat(leases.remembered()).isZero();
    for (int i = 0; i < 10_000; i++) {
      JobId id = JobId.random();
      leases.hold(id);
      leases.ended(id);
      leases.settled(id);
    }
    assertThat(leases.remembered()).isZero();
    assertThat(leases.any()).isFalse();
  }
}
