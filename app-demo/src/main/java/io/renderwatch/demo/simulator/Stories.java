package io.renderwatch.demo.simulator;

import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.testkit.sim.JobScript;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * What a scripted demo job says about itself, drawn from the seeded random: Pictory's stages
 * (queued, then processing the script and voice-over, then rendering scene by scene and
 * encoding), its own video length, and the render time it really takes as its encoding time.
 */
final class Stories {

  /** Where the rendering stage hands over to encoding. */
  private static final double ENCODING = 0.93;
  /** How far a failing job gets: it fails in its voice-over. */
  private static final int FAILS_AT_PERCENT = 38;

  private Stories() {}

  /** The script with a story of its own. */
  static JobScript tell(JobScript script, SplittableRandom random) {
    double processing = 0.2 + random.nextDouble() * 0.2;
    Duration video = Duration.ofMillis(25_000 + 100 * random.nextLong(1_651));
    int scenes = (int) Math.max(3, Math.round(video.toSeconds() / 7.0));
    Duration encoding = RenderOutput.seconds(
        Math.round(RenderOutput.toSeconds(script.runningFor()) * 100) / 100.0);
    if (script.ending() == JobScript.Ending.FAILED) {
      return script.withCurve(fraction -> (int) Math.floor(fraction * FAILS_AT_PERCENT))
          .withReports(new JobScript.Reports(
              fraction -> fraction < 0.5 ? "Processing script" : "Generating voice-over",
              video, encoding));
    }
    return script.withReports(new JobScript.Reports(
        fraction -> message(fraction, processing, scenes), video, encoding));
  }

  /** The progress message when {@code fraction} of the render time has passed. */
  static String message(double fraction, double processing, int scenes) {
    if (fraction < processing / 2) {
      return "Processing script";
    }
    if (fraction < processing) {
      return "Generating voice-over";
    }
    if (fraction < ENCODING) {
      int scene = 1 + (int) ((fraction - processing) / (ENCODING - processing) * scenes);
      return "Rendering scene " + Math.min(scene, scenes) + "/" + scenes;
    }
    return "Encoding video";
  }
}
