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

  /**
   * Linear, but flat for {@code length} (a fraction of the render) from {@code at}: the render
   * stalls, then moves faster to end on time.
   */
  static ProgressCurve stalling(double at, double length) {
    requireFraction(at, "at");
    requireFraction(length, "length");
    if (at + length >= 1) {
      throw new IllegalArgumentException("a stall from " + at + " for " + length
          + " must end before the render does");
    }
    double rate = 1 / (1 - length);
    return fraction -> clamp((int) Math.floor(100 * rate
        * (fraction < at ? fraction : fraction < at + length ? at : fraction - length)));
  }

  /**
   * Shows {@code from} until {@code at}, then jumps and runs linearly to the end: a render whose
   * percentage sticks at a value while it works, then catches up at once.
   */
  static ProgressCurve jumping(double at, int from) {
    requireFraction(at, "at");
    if (from < 0 || from > 99) {
      throw new IllegalArgumentException("from must be 0-99 but was " + from);
    }
    return fraction -> clamp(fraction < at ? Math.min(from, (int) Math.floor(fraction * 100))
        : (int) Math.floor(fraction * 100));
  }

  /**
   * Linear, but at {@code at} the percentage falls back by {@code by} points (a stage is redone,
   * as when an encode is retried) and then climbs faster to end on time.
   */
  static ProgressCurve backwards(double at, int by) {
    requireFraction(at, "at");
    if (by < 1 || by > 99) {
      throw new IllegalArgumentException("by must be 1-99 but was " + by);
    }
    return fraction -> {
      if (fraction < at) {
        return clamp((int) Math.floor(fraction * 100));
      }
      double restart = Math.max(0, at * 100 - by);
      return clamp((int) Math.floor(restart + (100 - restart) * (fraction - at) / (1 - at)));
    };
  }

  private static void requireFraction(double value, String name) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + value);
    }
  }

  /** Clamps a percentage into 0–99 (100 is only ever shown by completion). */
  static int clamp(int percent) {
    return Math.max(0, Math.min(99, percent));
  }
}
