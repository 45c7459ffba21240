package io.renderwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.bench.PolicySimulation.Result;
import io.renderwatch.bench.PolicySimulation.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs every policy on a small scenario for a moment, so the benchmark cannot rot. */
class PolicySimulationSmokeTest {

  @Test
  void everyPolicyRunsAndTheEngineStaysWithinTheBudget() {
    Scenario small = PolicySimulation.poisson("smoke", 60, Duration.ofMinutes(10), 11);
    for (PolicySimulation.Policy policy : PolicySimulation.policies()) {
      Result result = PolicySimulation.run(small, policy);
      assertThat(result.jobs()).isEqualTo(60);
      assertThat(result.requestsPerJob()).as(policy.name()).isGreaterThanOrEqualTo(1);
      if (policy.name().equals("renderwatch")) {
        assertThat(result.tooMany()).isZero();
        assertThat(result.gaveUp()).isZero();
      }
      if (policy.name().equals("oracle")) {
        assertThat(result.requestsPerJob()).isEqualTo(1.0);
      }
    }
  }

  @Test
  void theEngineSeesEveryJobOfTheNonLinearCurvesWithin30Seconds() {
    for (String name : CurveScenarios.NAMES) {
      Scenario scenario = CurveScenarios.of(name, 3);
      assertThat(scenario.arrivals()).hasSize(500);
      Result result = PolicySimulation.run(scenario, new PolicySimulation.Engine());
      assertThat(result.gaveUp()).as(name).isZero();
      assertThat(result.tooMany()).as(name).isZero();
      assertThat(result.late()).as(name + ": jobs seen later than a fixed 30 s poller would")
          .isZero();
    }
  }

  @Test
  void stalledRendersStillReachFullProgressAtTheEnd() {
    PolicySimulation.NoisyCurve curve = new PolicySimulation.NoisyCurve(0.5, 0.2, 1);
    assertThat(curve.percentAt(0.999)).isGreaterThanOrEqualTo(97);
    assertThat(curve.percentAt(0.55)).isBetween(60, 65);
    assertThat(curve.percentAt(0.65)).isBetween(60, 65);
  }

  @Test
  void theRenderTimesFollowTheScenarioDistribution() {
    Scenario burst = PolicySimulation.burst(5);
    double[] renders = burst.arrivals().stream()
        .mapToDouble(a -> a.script().runningFor().toMillis() / 1000.0).sorted().toArray();
    assertThat(renders).hasSize(10_000);
    assertThat(renders[5_000]).isBetween(220.0, 260.0);
    assertThat(renders[9_500]).isBetween(800.0, 1000.0);
    List<PolicySimulation.Arrival> arrivals = burst.arrivals();
    assertThat(arrivals).allSatisfy(a -> assertThat(a.at()).isZero());
  }
}
