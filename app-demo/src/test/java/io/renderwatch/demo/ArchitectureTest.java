package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.renderwatch.core.testing.ArchitectureRules;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cross-module architecture test (DESIGN.md): every production class of every module, checked
 * against core's rules, here in the one module that sees them all.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importAll() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // The core test-jar (which holds the rules) is test code too, wherever Maven puts it.
        .withImportOption(location -> !location.contains("-tests.jar")
            && !location.contains("/test-classes/"))
        .importPackages(ArchitectureRules.ROOT);
  }

  @ParameterizedTest(name = "{0} holds at least one imported class")
  @ValueSource(strings = {"io.renderwatch.core", "io.renderwatch.http", "io.renderwatch.jdbc",
      "io.renderwatch.cache", "io.renderwatch.testkit", "io.renderwatch.demo"})
  void everyNamedPackageHoldsClasses(String root) {
    assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(root))).isNotEmpty();
  }

  @Test
  void everyRuleHolds() {
    List<ArchRule> rules = List.of(ArchitectureRules.CORE_IS_PURE,
        ArchitectureRules.MODEL_KNOWS_NO_PORT_OR_ENGINE,
        ArchitectureRules.HTTP_KNOWS_NO_OTHER_ADAPTER,
        ArchitectureRules.JDBC_KNOWS_NO_OTHER_ADAPTER,
        ArchitectureRules.CACHE_KNOWS_NO_OTHER_ADAPTER,
        ArchitectureRules.NOTHING_DEPENDS_ON_DEMO,
        ArchitectureRules.SQUARE_ONLY_IN_HTTP,
        ArchitectureRules.STORAGE_ONLY_IN_JDBC,
        ArchitectureRules.CAFFEINE_ONLY_IN_CACHE,
        ArchitectureRules.TESTKIT_KNOWS_ONLY_CORE,
        ArchitectureRules.NO_KOTLIN);
    for (ArchRule rule : rules) {
      rule.check(classes);
    }
  }
}
