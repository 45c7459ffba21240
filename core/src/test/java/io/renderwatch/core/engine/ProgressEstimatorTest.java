package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressEstimatorTest {

  static final long S = 1_000_000_000L;

  @Test
  void needsTwoMovingReadings() {
    ProgressEstimator estimator = new ProgressEstimator();
    assertThat(estimator.eta()).isEqualTo(ProgressEstimator.NONE);
    estimator.add(0, 10);
    assertThat(estimator.eta()).isEqualTo(ProgressEstimator.NONE);
    estimator.add(10 * S, 10);
    assertThat(estimator.eta()).isEqualTo(ProgressEstimator.NONE);
    assertThat(estimator.stalled()).isTrue();
  }

  @Test
  void extrapolatesTheAverageRate() {
    ProgressEstimator estimator = new ProgressEstimator();
    estimator.add(0, 20);
    estimator.add(10 * S, 40);
    assertThat(estimator.eta()).isEqualTo(40 * S);
    assertThat(estimator.stalled()).isFalse();
  }

  @Test
  void aStallPushesThePredictionOut() {
    ProgressEstimator estimator = new ProgressEstimator();
    estimator.add(0, 20);
    estimator.add(10 * S, 40);
    long before = estimator.eta();
    estimator.add(40 * S, 40);
    assertThat(estimator.eta()).isGreaterThan(before);
  }

  @Test
  void forgetsOldReadingsSoARateChangeIsFollowed() {
    ProgressEstimator estimator = new ProgressEstimator();
    for (int i = 0; i < 6; i++) {
      estimator.add(i * 100 * S, i);
    }
    for (int i = 0; i < 6; i++) {
      estimator.add((600 + i * 10) * S, 10 + 10 * i);
    }
    // Only the fast readings are kept: 60 % in 50 s, 40 % left -> about 33 s more.
    assertThat(estimator.eta()).isBetween(680 * S, 690 * S);
  }

  @Test
  void theLatestEndBoundsALinearRenderFromAboveAndIsCloseOnceTheSpanIsLong() {
    // A 300 s render read every 29 s: floor(100 t / 300) %.
    ProgressEstimator estimator = new ProgressEstimator();
    for (int t = 0; t <= 290; t += 29) {
      estimator.add(t * S, t / 3);
      if (t >= 29) {
        assertThat(estimator.latestEnd()).as("after %d s", t).isGreaterThanOrEqualTo(300 * S);
      }
    }
    assertThat(estimator.latestEnd()).isLessThan(303 * S);
  }

  @Test
  void afterAStallTheLatestEndFollowsThePresentPace() {
    ProgressEstimator estimator = new ProgressEstimator();
    estimator.add(0, 10);
    estimator.add(100 * S, 10);
    estimator.add(200 * S, 10);
    assertThat(estimator.latestEnd()).isEqualTo(ProgressEstimator.NONE);
    estimator.add(210 * S, 30);
    estimator.add(220 * S, 50);
    // From 30 % to 50 % in 10 s (at least 19 points): 50 % left take at most 26.3 s.
    assertThat(estimator.latestEnd()).isBetween(245 * S, 247 * S);
  }

  @Test
  void readingsOnOneLinePinALongRenderWithinSecondsWherePairsLeaveAPoint() {
    // A 1,200 s render read every 29 s from 14 s: floor(t / 12) %. One point is 12 s.
    ProgressEstimator estimator = new ProgressEstimator();
    for (int t = 14; t < 1200; t += 29) {
      estimator.add(t * S, t / 12);
    }
    assertThat(estimator.latestEnd()).isBetween(1200 * S, 1201 * S);
    assertThat(estimator.latestEndOfPairs()).isGreaterThan(1211 * S);
  }

  @Test
  void readingsOffOneLineFallBackToTheBoundOfPairs() {
    ProgressEstimator estimator = new ProgressEstimator();
    estimator.add(0, 10);
    estimator.add(30 * S, 40);
    estimator.add(60 * S, 20); // back by a stage
    estimator.add(90 * S, 50);
    assertThat(estimator.latestEnd()).isEqualTo(estimator.latestEndOfPairs());
  }

  @Test
  void afterAMissedLandingOnlyTheBoundOfPairsIsUsed() {
    ProgressEstimator estimator = new ProgressEstimator();
    for (int t = 0; t <= 290; t += 29) {
      estimator.add(t * S, t / 3);
    }
    long tight = estimator.latestEnd();
    estimator.missed();
    assertThat(estimator.latestEnd()).isEqualTo(estimator.latestEndOfPairs())
        .isGreaterThanOrEqualTo(tight);
  }
}
