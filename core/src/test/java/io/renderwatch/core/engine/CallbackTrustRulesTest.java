package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import org.junit.jupiter.api.Test;

class CallbackTrustRulesTest {

  static final long S = 1_000_000_000L;
  static final long GRACE = 10 * S;
  static final long SETTLE = 40 * S;

  final CallbackTrust trust = new CallbackTrust(GRACE, SETTLE);

  /** {@code n} endings each led to by its callback, one a second from {@code from}. */
  long hits(int n, long from) {
    long t = from;
    for (int i = 0; i < n; i++) {
      trust.ended(JobId.random(), true, t);
      t += S;
    }
    return t;
  }

  @Test
  void twentyHitsAreTrustedOnceTheSettlingTimeHasPassed() {
    long t = hits(CallbackTrust.KEPT, 0);
    assertThat(trust.trusted(t)).as("before settling").isFalse();
    assertThat(trust.trusted(SETTLE)).isTrue();
  }

  @Test
  void fewerThanTwentyEndingsAreNotEnough() {
    hits(CallbackTrust.KEPT - 1, 0);
    assertThat(trust.trusted(SETTLE)).isFalse();
  }

  @Test
  void aCallbackTrailingThePollThatSawTheEndWithinTheGraceIsAHit() {
    hits(CallbackTrust.KEPT - 1, 0);
    JobId late = JobId.random();
    trust.ended(late, false, 30 * S);
    trust.hintedAfterEnd(late, 30 * S + GRACE);
    assertThat(trust.trusted(SETTLE)).isTrue();
  }

  @Test
  void anEndingWithoutItsCallbackIsAMissOnceTheGraceHasPassed() {
    hits(CallbackTrust.KEPT, 0);
    trust.ended(JobId.random(), false, SETTLE);
    assertThat(trust.trusted(SETTLE + GRACE)).as("one miss is allowed").isTrue();
    trust.ended(JobId.random(), false, SETTLE + GRACE);
    assertThat(trust.trusted(SETTLE + 2 * GRACE)).as("within the grace").isTrue();
    assertThat(trust.trusted(SETTLE + 2 * GRACE + 1)).as("two misses").isFalse();
  }

  @Test
  void aDuplicateCallbackForAnEndingAlreadyCountedChangesNothing() {
    JobId id = JobId.random();
    trust.ended(id, true, 0);
    trust.hintedAfterEnd(id, S);
    hits(CallbackTrust.KEPT - 2, 2 * S);
    assertThat(trust.trusted(SETTLE)).as("19 endings").isFalse();
  }
}
