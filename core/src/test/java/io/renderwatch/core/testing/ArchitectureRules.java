package io.renderwatch.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md's architecture rules, stated once for every module's architecture test. Each rule
 * fails when it finds nothing to check, so a misspelt package cannot make it pass.
 */
public final class ArchitectureRules {

  /** The root of all Renderwatch packages. */
  public static final String ROOT = "io.renderwatch";

  private static final String[] SQUARE = {"retrofit2..", "com.squareup.moshi..", "okhttp3..",
      "okio.."};
  private static final String[] STORAGE = {"org.jooq..", "org.h2..", "com.zaxxer.hikari..",
      "org.postgresql.."};
  private static final String[] CAFFEINE = {"com.github.benmanes.caffeine.."};

  private ArchitectureRules() {}

  /** core depends on the JDK and itself only. */
  public static final ArchRule CORE_IS_PURE =
      classes().that().resideInAPackage("io.renderwatch.core..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.renderwatch.core..")
          .as("core depends on java.. and io.renderwatch.core.. only");

  /** The job model knows neither the ports nor the engine. */
  public static final ArchRule MODEL_KNOWS_NO_PORT_OR_ENGINE =
      noClasses().that().resideInAPackage("io.renderwatch.core.model..")
          .should().dependOnClassesThat().resideInAnyPackage("io.renderwatch.core.port..",
              "io.renderwatch.core.engine..", "io.renderwatch.core.memory..",
              "io.renderwatch.core.time..")
          .as("the job model does not depend on the ports or the engine");

  /** The HTTP adapter knows no other adapter. */
  public static final ArchRule HTTP_KNOWS_NO_OTHER_ADAPTER =
      adapterIsolated("io.renderwatch.http..");

  /** The JDBC adapter knows no other adapter. */
  public static final ArchRule JDBC_KNOWS_NO_OTHER_ADAPTER =
      adapterIsolated("io.renderwatch.jdbc..");

  /** The cache adapter knows no other adapter. */
  public static final ArchRule CACHE_KNOWS_NO_OTHER_ADAPTER =
      adapterIsolated("io.renderwatch.cache..");

  /** Nothing depends on the command-line application. */
  public static final ArchRule NOTHING_DEPENDS_ON_DEMO =
      noClasses().that().resideOutsideOfPackage("io.renderwatch.demo..")
          .should().dependOnClassesThat().resideInAPackage("io.renderwatch.demo..")
          .as("nothing depends on io.renderwatch.demo..");

  /** Retrofit, Moshi, OkHttp and Okio appear only in the HTTP adapter. */
  public static final ArchRule SQUARE_ONLY_IN_HTTP =
      libraryOnlyIn("io.renderwatch.http..", SQUARE)
          .as("Retrofit, Moshi, OkHttp and Okio types appear only in io.renderwatch.http..");

  /** jOOQ, H2, HikariCP and the PostgreSQL driver appear only in the JDBC adapter. */
  public static final ArchRule STORAGE_ONLY_IN_JDBC =
      libraryOnlyIn("io.renderwatch.jdbc..", STORAGE)
          .as("jOOQ, H2, HikariCP and PostgreSQL types appear only in io.renderwatch.jdbc..");

  /** Caffeine appears only in the cache adapter. */
  public static final ArchRule CAFFEINE_ONLY_IN_CACHE =
      libraryOnlyIn("io.renderwatch.cache..", CAFFEINE)
          .as("Caffeine types appear only in io.renderwatch.cache..");

  /** The testkit builds on core and the JDK (its HTTP server included) only. */
  public static final ArchRule TESTKIT_KNOWS_ONLY_CORE =
      classes().that().resideInAPackage("io.renderwatch.testkit..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..",
              "com.sun.net.httpserver..", "io.renderwatch.core..", "io.renderwatch.testkit..")
          .as("the testkit depends on java.., the JDK's HTTP server and core only");

  /** No class references Kotlin. */
  public static final ArchRule NO_KOTLIN =
      noClasses().should().dependOnClassesThat().resideInAPackage("kotlin..")
          .as("no class references kotlin..");

  private static ArchRule adapterIsolated(String adapter) {
    String[] others = java.util.stream.Stream.of("io.renderwatch.http..",
            "io.renderwatch.jdbc..", "io.renderwatch.cache..", "io.renderwatch.web..", "io.renderwatch.demo..")
        .filter(p -> !p.equals(adapter)).toArray(String[]::new);
    return noClasses().that().resideInAPackage(adapter)
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .as(adapter + " depends on no other adapter");
  }

  private static ArchRule libraryOnlyIn(String adapter, String... libraries) {
    return noClasses().that().resideInAPackage(ROOT + "..")
        .and().resideOutsideOfPackage(adapter)
        .should().dependOnClassesThat().resideInAnyPackage(libraries);
  }
}
