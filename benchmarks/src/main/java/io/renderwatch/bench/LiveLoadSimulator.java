package io.renderwatch.bench;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.PictorySimulator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simulator's JVM for {@link LiveLoad} ({@code jobs renderMinMs renderMaxMs}): submits the
 * jobs, prints {@code READY <baseUrl>}, ends at stdin's end.
 */
public final class LiveLoadSimulator {
  private LiveLoadSimulator() {}

  /** Runs the simulator until stdin ends. */
  public static void main(String[] args) throws IOException {
    int jobs = Integer.parseInt(args[0]);
    Duration renderMin = Duration.ofMillis(Long.parseLong(args[1]));
    Duration renderMax = Duration.ofMillis(Long.parseLong(args[2]));
    SimulatedAccount account = SimulatedAccount.builder().build();
    SplittableRandom random = new SplittableRandom(2026);
    Instant now = Instant.now();
    long spread = renderMax.minus(renderMin).toMillis();
    for (JobId id : LiveLoad.ids(jobs)) {
      Duration render = renderMin.plusMillis((long) (random.nextDouble() * spread));
      account.add(id, JobScript.completing(Duration.ZERO, render), now);
    }
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(LiveLoad.KEY).port(0)
        .account(account).executorThreads(4).build()) {
      System.out.println("READY " + simulator.baseUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Runs until the parent closes our stdin (or dies).
      }
      System.err.println("simulator answered " + simulator.requestCount() + " requests");
    }
  }
}
