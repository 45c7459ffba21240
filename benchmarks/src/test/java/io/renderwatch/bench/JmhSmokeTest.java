package io.renderwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every JMH benchmark once, briefly, in this JVM, so that none rots; no timing is checked. */
class JmhSmokeTest {

  @Test
  void everyBenchmarkRunsAndScores() throws Exception {
    Options options = new OptionsBuilder()
        .include("io\\.renderwatch\\.bench\\.jmh\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeUnit(TimeUnit.SECONDS)
        .shouldFailOnError(true)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    // Lifecycle, decode, memo, 2 store benchmarks × 3 databases, batch × 3 databases.
    assertThat(results).hasSize(3 + 2 * 3 + 3);
    for (RunResult result : results) {
      assertThat(result.getPrimaryResult().getScore())
          .as(result.getParams().getBenchmark() + " " + result.getParams().getParam("flavor"))
          .isPositive();
    }
  }
}
