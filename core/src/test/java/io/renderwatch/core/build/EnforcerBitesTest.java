package io.renderwatch.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the parent pom's Kotlin ban bites: runs Maven on {@code build/enforcer-canary}
 * (see its README) and expects a failure for Retrofit 3 and for Kotlin, and a pass for
 * Retrofit 2.12.0. Only test code runs processes; core's production code stays pure.
 */
class EnforcerBitesTest {

  private static final String BANNED = "<--- banned via the exclude/include list";
  private static final long TIMEOUT_MINUTES = 5;

  private static Path mvn;
  private static Path canary;
  private static Path logs;

  @BeforeAll
  static void findMavenAndTheCanary() throws IOException {
    canary = findCanary();
    mvn = findMaven(canary.getParent().getParent().getParent());
    logs = Paths.get(System.getProperty("user.dir"), "target", "enforcer-canary");
    Files.createDirectories(logs);
  }

  @Test
  void retrofit3IsBanned() throws Exception {
    Run run = validate("retrofit-3");

    assertThat(run.exitCode()).as(run.describe()).isNotZero();
    assertThat(run.output()).as(run.describe())
        .contains("BannedDependencies")
        .contains("Kotlin-free")
        .contains("com.squareup.retrofit2:retrofit:jar:3.0.0 " + BANNED);
  }

  @Test
  void kotlinIsBannedOnItsOwn() throws Exception {
    Run run = validate("kotlin", "-Dcanary.retrofit.version=2.12.0",
        "-Dcanary.group=org.jetbrains.kotlin", "-Dcanary.artifact=kotlin-stdlib",
        "-Dcanary.version=2.1.21");

    assertThat(run.exitCode()).as(run.describe()).isNotZero();
    assertThat(run.output()).as(run.describe())
        .contains("BannedDependencies")
        .containsPattern(
            "org\\.jetbrains\\.kotlin:kotlin-stdlib:jar:\\S+ " + Pattern.quote(BANNED));
  }

  @Test
  void retrofit2PassesSoTheFailuresComeFromTheBan() throws Exception {
    Run run = validate("retrofit-2", "-Dcanary.retrofit.version=2.12.0");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.output()).as(run.describe()).contains("BUILD SUCCESS").doesNotContain(BANNED);
  }

  /** One Maven run: its exit code, its output, and where the output was kept. */
  private record Run(int exitCode, String output, Path log) {
    String describe() {
      return "mvn exited " + exitCode + ", output in " + log;
    }
  }

  private static Run validate(String name, String... properties) throws Exception {
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-ntp", "-f",
        canary.toString(), "validate"));
    command.addAll(List.of(properties));
    Path log = logs.resolve(name + ".log");
    Process process = new ProcessBuilder(command)
        .directory(canary.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(String.join(" ", command) + " did not end within "
          + TIMEOUT_MINUTES + " minutes; output so far in " + log);
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
  }

  private static File nullDevice() {
    return new File(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")
            ? "NUL" : "/dev/null");
  }

  /**
   * The Maven running this build ({@code maven.home}, set by surefire from the root pom), else
   * the project's wrapper: never a silent skip.
   */
  private static Path findMaven(Path projectRoot) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    String mavenHome = System.getProperty("maven.home");
    if (mavenHome != null && !mavenHome.isBlank()) {
      Path mvn = Paths.get(mavenHome, "bin", windows ? "mvn.cmd" : "mvn");
      if (Files.isRegularFile(mvn)) {
        return mvn;
      }
    }
    Path wrapper = projectRoot.resolve(windows ? "mvnw.cmd" : "mvnw");
    if (Files.isRegularFile(wrapper)) {
      return wrapper;
    }
    throw new AssertionError("Found no Maven to run the canary with: maven.home is "
        + (mavenHome == null ? "not set" : "'" + mavenHome + "' without bin/mvn")
        + " and there is no " + wrapper + "; run this test through ./mvnw, or pass"
        + " -Dmaven.home=<a Maven 3.8+ installation>");
  }

  /**
   * The canary pom under {@code project.root} (set by surefire), or under the nearest directory
   * above this module that has one, for runs started from inside a module.
   */
  private static Path findCanary() {
    Path relative = Paths.get("build", "enforcer-canary", "pom.xml");
    List<Path> starts = new ArrayList<>();
    String root = System.getProperty("project.root");
    if (root != null && !root.isBlank()) {
      starts.add(Paths.get(root));
    }
    starts.add(Paths.get(System.getProperty("user.dir")));
    for (Path start : starts) {
      for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(relative))) {
          return dir.resolve(relative);
        }
      }
    }
    throw new AssertionError("no " + relative + " above " + starts);
  }
}
