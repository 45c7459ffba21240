package io.renderwatch.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shapes of the non-linear progress curves, as a poller would read them. */
class ProgressCurveTest {

  @Test
  void aStallingCurveStaysFlatThenEndsOnTime() {
    ProgressCurve curve = ProgressCurve.stalling(0.4, 0.2);

    assertThat(curve.percentAt(0.2)).isEqualTo(25);
    assertThat(curve.percentAt(0.4)).isEqualTo(curve.percentAt(0.59)).isEqualTo(50);
    assertThat(curve.percentAt(0.8)).isEqualTo(75);
    assertThat(curve.percentAt(0.999)).isEqualTo(99);
  }

  @Test
  void aJumpingCurveSticksThenCatchesUpAtOnce() {
    ProgressCurve curve = ProgressCurve.jumping(0.7, 10);

    assertThat(curve.percentAt(0.05)).isEqualTo(5);
    assertThat(curve.percentAt(0.5)).isEqualTo(curve.percentAt(0.69)).isEqualTo(10);
    assertThat(curve.percentAt(0.7)).isEqualTo(70);
    assertThat(curve.percentAt(0.9)).isEqualTo(90);
  }

  @Test
  void aBackwardsCurveFallsBackAStageThenEndsOnTime() {
    ProgressCurve curve = ProgressCurve.backwards(0.6, 30);

    assertThat(curve.percentAt(0.59)).isEqualTo(59);
    assertThat(curve.percentAt(0.6)).isEqualTo(30);
    assertThat(curve.percentAt(0.8)).isEqualTo(65);
    assertThat(curve.percentAt(0.999)).isEqualTo(99);
  }

  @Test
  void shapesOutsideTheRenderAreRefused() {
    assertThatThrownBy(() -> ProgressCurve.stalling(0.8, 0.3)).hasMessageContaining("stall");
    assertThatThrownBy(() -> ProgressCurve.jumping(1.5, 10)).hasMessageContaining("at");
    assertThatThrownBy(() -> ProgressCurve.backwards(0.5, 0)).hasMessageContaining("by");
  }
}
