package io.renderwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.renderwatch.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.renderwatch.core");

  @Test
  void coreDependsOnTheJdkAndItselfOnly() {
    ArchitectureRules.CORE_IS_PURE.check(CORE);
  }

  @Test
  void theModelKnowsNoPortOrEngine() {
    ArchitectureRules.MODEL_KNOWS_NO_PORT_OR_ENGINE.check(CORE);
  }

  @Test
  void coreReferencesNoKotlinNoAdapterLibraryAndNoDemo() {
    ArchitectureRules.NO_KOTLIN.check(CORE);
    ArchitectureRules.SQUARE_ONLY_IN_HTTP.check(CORE);
    ArchitectureRules.STORAGE_ONLY_IN_JDBC.check(CORE);
    ArchitectureRules.CAFFEINE_ONLY_IN_CACHE.check(CORE);
    ArchitectureRules.NOTHING_DEPENDS_ON_DEMO.check(CORE);
  }

  @Test
  void theCoreRuleCatchesAThirdPartyDependency() {
    JavaClasses leaky = new ClassFileImporter()
        .importPackages("io.renderwatch.core.archfixture.leaky");
    assertViolated(ArchitectureRules.CORE_IS_PURE, leaky, "org.assertj.core.api.Assertions");
  }

  @Test
  void theModelRuleCatchesAModelClassUsingAPort() {
    JavaClasses bad = new ClassFileImporter()
        .importPackages("io.renderwatch.core.model.archfixture");
    assertViolated(ArchitectureRules.MODEL_KNOWS_NO_PORT_OR_ENGINE, bad,
        "io.renderwatch.core.port.JobStore");
  }

  @Test
  void aRuleOverAMisspeltPackageFailsInsteadOfPassing() {
    JavaClasses nothing = new ClassFileImporter().importPackages("io.renderwatch.nosuchpackage");
    assertThatThrownBy(() -> ArchitectureRules.MODEL_KNOWS_NO_PORT_OR_ENGINE.check(nothing))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed to check any classes");
  }

  static void assertViolated(ArchRule rule, JavaClasses classes, String offender) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("rule %s reports the fixture", rule).isTrue();
    assertThat(result.getFailureReport().getDetails()).anySatisfy(
        line -> assertThat(line).contains(offender));
  }
}
