package io.renderwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.renderwatch.core.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * Every module but the command itself is on this module's classpath (benchmarks no longer depends
 * on app-demo): none of them, benchmarks included, may reach into {@code io.renderwatch.demo..}.
 */
class NothingDependsOnDemoTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importAll() {
    classes = new ClassFileImporter()
        .withImportOption(location -> !location.contains("-tests.jar")
            && !location.contains("/test-classes/"))
        .importPackages(ArchitectureRules.ROOT);
  }

  @ParameterizedTest(name = "{0} holds at least one imported class")
  @ValueSource(strings = {"io.renderwatch.core", "io.renderwatch.testkit", "io.renderwatch.http",
      "io.renderwatch.jdbc", "io.renderwatch.cache", "io.renderwatch.bench"})
  void everyModuleIsImported(String root) {
    assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(root))).isNotEmpty();
  }

  @Test
  void noModuleDependsOnTheCommand() {
    assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.renderwatch.demo")))
        .as("app-demo is not on this classpath, so nothing here pulls it in").isEmpty();
    ArchitectureRules.NOTHING_DEPENDS_ON_DEMO.check(classes);
    ArchitectureRules.TESTKIT_KNOWS_ONLY_CORE.check(classes);
    ArchitectureRules.NO_KOTLIN.check(classes);
  }
}
