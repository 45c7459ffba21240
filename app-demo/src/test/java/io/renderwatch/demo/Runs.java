package io.renderwatch.demo;

import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.demo.simulator.DemoJobs;
import io.renderwatch.testkit.http.PictorySimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command in this process, capturing what it prints. */
final class Runs {

  static final String KEY = "pictai_test_7f3c9e1d2b";

  private Runs() {}

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    List<Map<String, Object>> json() {
      List<Map<String, Object>> objects = new ArrayList<>();
      for (String line : out.lines().toList()) {
        objects.add(MiniJson.parseObject(line));
      }
      return objects;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(Map<String, String> env, String... args) {
    return runWithStdin(env, "", args);
  }

  static Result runWithStdin(Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, new Cli(o, e, in, env, false));
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** An environment with only the given pairs (no real HOME, no real key). */
  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** Quick scripted jobs: queued up to 300 ms, rendering 0.6–1.2 s. */
  static DemoJobs.Builder quickJobs(int jobs) {
    return DemoJobs.builder().jobs(jobs)
        .queued(Duration.ZERO, Duration.ofMillis(300))
        .rendering(Duration.ofMillis(600), Duration.ofMillis(1200))
        .seed(System.nanoTime());
  }

  static PictorySimulator simulator(SimulatedAccount account) {
    return PictorySimulator.builder().apiKey(KEY).port(0).account(account).build();
  }

  static SimulatedAccount account(DemoJobs.Builder builder) {
    return builder.build(Instant.now());
  }

  /** Fast polling flags for tests. */
  static List<String> fast() {
    return List.of("--min-interval", "200ms", "--max-interval", "500ms", "--rate", "20");
  }
}
