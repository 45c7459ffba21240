package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.renderwatch.core.testing.ArchitectureRules;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's rules on this module's production classes, and its small public surface. */
class ArchitectureTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.renderwatch.jdbc");
  }

  @Test
  void knowsNoOtherAdapter() {
    ArchitectureRules.JDBC_KNOWS_NO_OTHER_ADAPTER.check(production);
  }

  @Test
  void isKotlinFree() {
    ArchitectureRules.NO_KOTLIN.check(production);
  }

  @Test
  void usesNoSquareLibrary() {
    ArchitectureRules.SQUARE_ONLY_IN_HTTP.allowEmptyShould(true).check(production);
  }

  @Test
  void usesNoCaffeine() {
    ArchitectureRules.CAFFEINE_ONLY_IN_CACHE.allowEmptyShould(true).check(production);
  }

  @Test
  void dependsOnNoDemo() {
    ArchitectureRules.NOTHING_DEPENDS_ON_DEMO.check(production);
  }

  @Test
  void theOnlyHandWrittenPublicTypesAreTheEntryPointAndItsDialect() {
    List<String> publicTypes = production.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> !c.getPackageName().startsWith("io.renderwatch.jdbc.schema"))
        .map(JavaClass::getName)
        .sorted()
        .toList();

    assertThat(publicTypes).containsExactly(
        JdbcStores.class.getName(), JdbcStores.Dialect.class.getName());
  }

  @Test
  void noPublicMemberOfTheEntryPointMentionsJooqOrAGeneratedClass() {
    for (Class<?> type : List.of(JdbcStores.class, JdbcStores.Dialect.class)) {
      for (Method method : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(method.getModifiers())) {
          continue;
        }
        Stream.concat(Stream.of(method.getGenericReturnType()),
                Arrays.stream(method.getGenericParameterTypes()))
            .map(Type::getTypeName)
            .forEach(name -> assertThat(name)
                .as("%s.%s", type.getSimpleName(), method.getName())
                .doesNotStartWith("org.jooq")
                .doesNotStartWith("io.renderwatch.jdbc.schema")
                .doesNotStartWith("com.zaxxer")
                .doesNotStartWith("org.h2"));
      }
    }
  }
}
