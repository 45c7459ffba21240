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
}
