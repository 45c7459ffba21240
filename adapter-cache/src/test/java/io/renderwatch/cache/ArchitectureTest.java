package io.renderwatch.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.renderwatch.core.testing.ArchitectureRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final String CAFFEINE = "com.github.benmanes.caffeine";

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.renderwatch.cache");

  /** The public API of the cache adapter never shows a Caffeine type. */
  static final ArchRule NO_CAFFEINE_IN_PUBLIC_SIGNATURES =
      classes().that().resideInAPackage("io.renderwatch.cache..").and().arePublic()
          .should(new ArchCondition<JavaClass>("mention no Caffeine type in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
              List<String> leaks = new ArrayList<>();
              List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
              type.getSuperclass().ifPresent(supertypes::add);
              supertypes.forEach(t -> collect(type.getName() + " extends", t, leaks));
              for (JavaMember member : type.getMembers()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                    && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                  continue;
                }
                if (member instanceof JavaField field) {
                  collect(field.getFullName(), field.getType(), leaks);
                } else if (member instanceof JavaCodeUnit code) {
                  collect(code.getFullName(), code.getReturnType(), leaks);
                  code.getParameterTypes().forEach(p -> collect(code.getFullName(), p, leaks));
                  code.getThrowsClause().getTypes()
                      .forEach(t -> collect(code.getFullName(), t, leaks));
                }
              }
              leaks.forEach(leak -> events.add(SimpleConditionEvent.violated(type, leak)));
            }
          })
          .as("no public signature in io.renderwatch.cache.. mentions a Caffeine type");

  private static void collect(String where, JavaType type, List<String> leaks) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      if (raw.getName().startsWith(CAFFEINE)) {
        leaks.add(where + " mentions " + raw.getName());
      }
    }
  }

  @Test
  void theCacheAdapterKnowsNoOtherAdapter() {
    ArchitectureRules.CACHE_KNOWS_NO_OTHER_ADAPTER.check(PRODUCTION);
  }

  @Test
  void noKotlinNoSquareNoStorageAndNoDemo() {
    ArchitectureRules.NO_KOTLIN.check(PRODUCTION);
    ArchitectureRules.SQUARE_ONLY_IN_HTTP.check(PRODUCTION);
    ArchitectureRules.STORAGE_ONLY_IN_JDBC.check(PRODUCTION);
    ArchitectureRules.NOTHING_DEPENDS_ON_DEMO.check(PRODUCTION);
  }

  @Test
  void noPublicSignatureMentionsCaffeine() {
    NO_CAFFEINE_IN_PUBLIC_SIGNATURES.check(PRODUCTION);
  }

  @Test
  void theSignatureRuleCatchesALeakEvenInsideATypeArgument() {
    JavaClasses leaky = new ClassFileImporter()
        .importPackages("io.renderwatch.cache.archfixture");

    EvaluationResult result = NO_CAFFEINE_IN_PUBLIC_SIGNATURES.evaluate(leaky);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("cache()")
            .contains("com.github.benmanes.caffeine.cache.Cache"))
        .anySatisfy(line -> assertThat(line).contains("builder()")
            .contains("com.github.benmanes.caffeine.cache.Caffeine"));
  }

  @Test
  void theProductionClassesAreTheOnesWeMeant() {
    assertThat(PRODUCTION.stream().map(JavaClass::getSimpleName))
        .contains("Caching", "CachingJobStore", "CoalescingJobStatusSource", "CacheStatistics",
            "MemoizingJobStore", "CoalescingSource")
        .doesNotContain("LeaksCaffeine", "ArchitectureTest");
  }
}
