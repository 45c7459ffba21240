package io.renderwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs both live-load clients on short jobs, each with its own simulator JVM. */
class LiveLoadSmokeTest {

  @Test
  void theEngineStoresEveryResultWithoutAThreadPerJob() throws Exception {
    int jobs = 200;
    LiveLoad.Report report = LiveLoad.run("engine", jobs, 40, Duration.ofSeconds(1),
        Duration.ofSeconds(3));
    assertThat(report.stored()).isEqualTo(jobs);
    assertThat(report.polls()).isGreaterThanOrEqualTo(jobs);
    // The JVM's own threads plus the HTTP client's bounded pool: far fewer than the jobs.
    assertThat(report.peakThreads()).as(report.toString()).isBetween(1, jobs - 1);
  }

  @Test
  void theThreadPerJobPollerStoresEveryResult() throws Exception {
    LiveLoad.Report report = LiveLoad.run("threads", 50, 40, Duration.ofSeconds(1),
        Duration.ofSeconds(3));
    assertThat(report.stored()).isEqualTo(50);
    assertThat(report.polls()).isGreaterThanOrEqualTo(50);
  }
}
