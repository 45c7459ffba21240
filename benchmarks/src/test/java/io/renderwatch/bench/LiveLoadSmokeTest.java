package io.renderwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs both live-load clients on 50 short jobs, each with its own simulator JVM. */
class LiveLoadSmokeTest {

  @Test
  void theEngineStoresEveryResult() throws Exception {
    LiveLoad.Report report = LiveLoad.run("engine", 50, 40, Duration.ofSeconds(1),
        Duration.ofSeconds(3));
    assertThat(report.stored()).isEqualTo(50);
    assertThat(report.polls()).isGreaterThanOrEqualTo(50);
    assertThat(report.peakThreads()).isPositive();
  }

  @Test
  void theThreadPerJobPollerStoresEveryResult() throws Exception {
    LiveLoad.Report report = LiveLoad.run("threads", 50, 40, Duration.ofSeconds(1),
        Duration.ofSeconds(3));
    assertThat(report.stored()).isEqualTo(50);
    assertThat(report.polls()).isGreaterThanOrEqualTo(50);
  }
}
