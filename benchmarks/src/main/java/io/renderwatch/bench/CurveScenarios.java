package io.renderwatch.bench;

import io.renderwatch.bench.PolicySimulation.Arrival;
import io.renderwatch.bench.PolicySimulation.Scenario;
import io.renderwatch.testkit.sim.ProgressCurve;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The light scenario's jobs again (same arrivals, queue and render times), with progress that is
 * not linear: every job's percentage stalls, jumps, or runs backwards by a stage, at a random
 * point of its render. An ETA read from progress is wrong for all of them.
 */
final class CurveScenarios {

  /** The scenario names this class knows. */
  static final List<String> NAMES = List.of("light-stalls", "light-jumps", "light-backwards");

  private CurveScenarios() {}

  /** The named scenario for the seed. */
  static Scenario of(String name, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0xC0FFEEL);
    Function<SplittableRandom, ProgressCurve> curves = switch (name) {
      // Flat for 10–40 % of the render, from 10–50 % in.
      case "light-stalls" -> r -> ProgressCurve.stalling(0.1 + 0.4 * r.nextDouble(),
          0.1 + 0.3 * r.nextDouble());
      // Stuck at 5–15 % until 50–90 % of the render, then right.
      case "light-jumps" -> r -> ProgressCurve.jumping(0.5 + 0.4 * r.nextDouble(),
          5 + r.nextInt(11));
      // Back by 20–50 points at 40–85 % of the render (a stage redone), then faster.
      case "light-backwards" -> r -> ProgressCurve.backwards(0.4 + 0.45 * r.nextDouble(),
          20 + r.nextInt(31));
      default -> throw new IllegalArgumentException("Unknown scenario: " + name);
    };
    Scenario light = PolicySimulation.light(seed);
    List<Arrival> arrivals = light.arrivals().stream()
        .map(a -> new Arrival(a.id(), a.at(), a.script().withCurve(curves.apply(random))))
        .toList();
    return new Scenario(name, arrivals, light.horizon());
  }
}
