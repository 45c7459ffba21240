package io.renderwatch.testkit.sim;

/** How a simulated render's percentage grows with the fraction of its render time that passed. */
@FunctionalInterface
public interface ProgressCurve {

  /** The percentage (0–100) shown when {@code fraction} (0–1) of the render time has passed. */
  int percentAt(double fraction);

  /** Progress proportional to time. */
  static ProgressCurve linear() {
    return fraction -> clamp((int) Math.floor(fraction * 100));
  }

  /** Slow start and end, fast middle, as renders with a long set-up and encode often look. */
  static ProgressCurve easeInOut() {
    return fraction -> clamp((int) Math.floor(
        100 * (fraction < 0.5 ? 2 * fraction * fraction : 1 - Math.pow(-2 * fraction + 2, 2) / 2)));
  }

  /** Clamps a percentage into 0–99 (100 is only ever shown by completion). */
  static int clamp(int percent) {
    return Math.max(0, Math.min(99, percent));
  }
}
