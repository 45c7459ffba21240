package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.renderwatch.core.testing.ArchitectureRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses HTTP = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.renderwatch.http");

  private static final String SOURCE = "io.renderwatch.http.PictoryHttpSource";
  private static final String BUILDER = SOURCE + "$Builder";
  private static final String FETCHER = "io.renderwatch.http.HttpFileFetcher";
  private static final String FETCHER_BUILDER = FETCHER + "$Builder";
  private static final List<String> SQUARE = List.of("retrofit2.", "com.squareup.moshi.",
      "okhttp3.", "okio.");

  @Test
  void theSharedRulesHold() {
    ArchitectureRules.HTTP_KNOWS_NO_OTHER_ADAPTER.check(HTTP);
    ArchitectureRules.NO_KOTLIN.check(HTTP);
    ArchitectureRules.STORAGE_ONLY_IN_JDBC.check(HTTP);
    ArchitectureRules.CAFFEINE_ONLY_IN_CACHE.check(HTTP);
    ArchitectureRules.NOTHING_DEPENDS_ON_DEMO.check(HTTP);
  }

  @Test
  void theSourceAndItsBuilderAreThePublicTypes() {
    List<String> publicTypes = HTTP.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .map(JavaClass::getName)
        .toList();
    assertThat(publicTypes).containsExactlyInAnyOrder(SOURCE, BUILDER, FETCHER, FETCHER_BUILDER);
    assertThat(HTTP.get(SOURCE).getModifiers()).contains(JavaModifier.FINAL);
    assertThat(HTTP.get(BUILDER).getModifiers()).contains(JavaModifier.FINAL);
  }

  @Test
  void everyOtherClassIsFinalOrAnInterface() {
    List<String> open = HTTP.stream()
        .filter(c -> !c.isInterface() && !c.getSimpleName().equals("package-info"))
        .filter(c -> !c.getModifiers().contains(JavaModifier.FINAL))
        .filter(c -> !c.isAnonymousClass() && !c.isLocalClass())
        .map(JavaClass::getName)
        .toList();
    assertThat(open).isEmpty();
  }

  @Test
  void noSquareTypeInAPublicSignatureButTheCallersClient() {
    List<String> leaks = new ArrayList<>();
    Set<String> allowed = new LinkedHashSet<>();
    for (JavaClass type : List.of(HTTP.get(SOURCE), HTTP.get(BUILDER))) {
      Stream.concat(type.getRawSuperclass().stream(), type.getAllRawInterfaces().stream())
          .filter(ArchitectureTest::isSquare)
          .forEach(t -> leaks.add(type.getName() + " extends " + t.getName()));
      for (JavaMember member : type.getMembers()) {
        if (!member.getModifiers().contains(JavaModifier.PUBLIC)
            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        for (JavaClass used : involvedTypes(member)) {
          if (!isSquare(used)) {
            continue;
          }
          String where = member.getFullName() + " uses " + used.getName();
          if (member.getFullName().equals(BUILDER + ".okHttpClient(okhttp3.OkHttpClient)")
              && used.getName().equals("okhttp3.OkHttpClient")) {
            allowed.add(where);
          } else {
            leaks.add(where);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(allowed).as("the check saw the one allowed use, so it is not vacuous").hasSize(1);
  }

  private static Set<JavaClass> involvedTypes(JavaMember member) {
    Set<JavaClass> types = new LinkedHashSet<>();
    if (member instanceof JavaField field) {
      types.addAll(field.getType().getAllInvolvedRawTypes());
    } else if (member instanceof JavaCodeUnit code) {
      types.addAll(code.getReturnType().getAllInvolvedRawTypes());
      code.getParameterTypes().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
      code.getThrowsClause().getTypes().forEach(types::add);
    }
    return types;
  }

  private static boolean isSquare(JavaClass type) {
    return SQUARE.stream().anyMatch(type.getName()::startsWith);
  }
}
