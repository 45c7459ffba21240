package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a person sees it: in a real 80-column terminal (tmux), with and without
 * colour; its shell completion in a real bash; its man pages after {@code mvn package}.
 */
class TerminalIT {

  private static final Path JAR = Path.of(System.getProperty("renderwatch.jar",
      "target/renderwatch.jar")).toAbsolutePath();
  private static final String EXITED = "renderwatch exited with ";

  @TempDir
  Path dir;

  /** One tmux server per terminal, each on its own socket, all stopped after the test. */
  private final List<String> sockets = new ArrayList<>();

  @BeforeEach
  void needsTmux() {
    String version;
    try {
      version = run(List.of("tmux", "-V"));
    } catch (IOException | InterruptedException e) {
      version = "";
    }
    // Fail, never skip: .ci/run installs tmux, and a skipped check would look like a pass.
    assertThat(version).as("tmux is not installed: the terminal checks need it"
        + " (apt-get install tmux, as .ci/run does)").startsWith("tmux");
  }

  @AfterEach
  void stopTmux() throws Exception {
    for (String socket : sockets) {
      run(List.of("tmux", "-u", "-L", socket, "kill-server"));
    }
  }

  @Test
  void theDemoInAnEightyColumnTerminalWrapsNothingAndEachBarSaysHowItsJobEnded()
      throws Exception {
    List<String> screen = inTerminal(80, "TERM=xterm-256color", "java -jar " + JAR);

    assertThat(screen).as(String.join("\n", screen)).contains(EXITED + "0");
    assertThat(screen).as("no line wraps at 80 columns:\n" + String.join("\n", screen))
        .allSatisfy(line -> assertThat(cutAt(line, 80)).isFalse());
    List<String> rows = screen.stream().flatMap(line -> rows(line, 80).stream()).toList();
    List<String> bars = rows.stream().filter(l -> l.matches("[0-9a-f]{8} \\[.*")).toList();
    assertThat(bars).hasSize(6);
    assertThat(bars).filteredOn(l -> l.contains(" completed video ")).hasSize(5)
        .allSatisfy(l -> assertThat(l).contains("100%").matches(".*video \\d+:\\d\\d.*"));
    assertThat(bars).filteredOn(l -> l.contains(" failed ")).singleElement().asString()
        .contains("4001: Invalid voice name").doesNotContain("Rendering", "Generating");
    assertThat(screen).anySatisfy(l -> assertThat(l).startsWith("JOB ID").contains("STATUS"));
    assertThat(screen).anySatisfy(l -> assertThat(l).contains("…", "/video.mp4"));
  }

  @Test
  void colourOnAColourTerminalAndNoneWithNoColor() throws Exception {
    SimulatedAccount account = Runs.account(Runs.quickJobs(2).failing(1));
    try (PictorySimulator simulator = Runs.simulator(account)) {
      String watch = "java -jar " + JAR + " watch --db " + dir.resolve("db") + " --base-url "
          + simulator.baseUrl() + " --min-interval 200ms --max-interval 500ms "
          + account.jobs().stream().map(JobId::toString).collect(Collectors.joining(" "));
      String key = "PICTORY_API_KEY=" + Runs.KEY;

      String coloured = String.join("\n",
          inTerminal(100, "TERM=xterm-256color " + key, watch, true));
      String plain = String.join("\n",
          inTerminal(100, "TERM=xterm-256color NO_COLOR=1 " + key, watch, true));

      assertThat(coloured).contains(EXITED + "1").contains("\u001b[31m", "\u001b[32m");
      assertThat(plain).contains(EXITED + "1", "4001: Invalid voice name", "█")
          .doesNotContain("\u001b[31m", "\u001b[32m", "\u001b[33m");
    }
  }

  @Test
  void theJarsBashCompletionCompletesWaToWatch() throws Exception {
    Path script = dir.resolve("renderwatch.bash");
    Process process = new ProcessBuilder("java", "-jar", JAR.toString(), "completion", "bash")
        .redirectOutput(script.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();

    String offered = run(List.of("bash", "--norc", "--noprofile", "-c", "source " + script
        + "; COMP_WORDS=(renderwatch wa); COMP_CWORD=1; COMP_LINE='renderwatch wa';"
        + " COMP_POINT=14; _complete_renderwatch; echo \"${COMPREPLY[@]}\""));
    assertThat(offered.strip()).isEqualTo("watch");
  }

  @Test
  void manPagesAreThereAfterPackageForEveryCommand() throws IOException {
    Path man = JAR.getParent().resolve("man");
    for (String page : List.of("renderwatch", "renderwatch-watch", "renderwatch-show",
        "renderwatch-list", "renderwatch-demo", "renderwatch-simulate",
        "renderwatch-completion")) {
      Path file = man.resolve(page + ".adoc");
      assertThat(file).as(page).isRegularFile();
      String text = Files.readString(file);
      assertThat(text).as(page).contains(":doctype: manpage", "= " + page + "(1)",
          "Examples:", "  # ");
    }
    assertThat(Files.readString(man.resolve("renderwatch-watch.adoc")))
        .contains("--resume", "--min-interval", "renderwatch watch --resume", "Exit codes:");
  }

  /**
   * Whether a captured line (wrapped rows joined) had text cut by the terminal's edge: a row
   * filled to its last column with a character other than a blank. (JLine's display moves to
   * the next row by writing a blank into the last column, which tmux also marks as a wrap; that
   * cuts nothing.)
   */
  private static boolean cutAt(String line, int width) {
    for (int end = width; end < line.length(); end += width) {
      if (line.charAt(end - 1) != ' ') {
        return true;
      }
    }
    return false;
  }

  /** A captured line split back into the terminal's rows. */
  private static List<String> rows(String line, int width) {
    List<String> rows = new ArrayList<>();
    for (int start = 0; start < line.length(); start += width) {
      rows.add(line.substring(start, Math.min(line.length(), start + width)).stripTrailing());
    }
    return rows.isEmpty() ? List.of("") : rows;
  }

  private List<String> inTerminal(int width, String env, String command) throws Exception {
    return inTerminal(width, env, command, false);
  }

  /**
   * Runs {@code command} in a new tmux terminal {@code width} columns wide and returns the
   * screen once it has exited, wrapped lines joined (so a wrapped line shows as a long one),
   * with the terminal's colour codes when {@code escapes}.
   */
  private List<String> inTerminal(int width, String env, String command, boolean escapes)
      throws Exception {
    String shell = "cd " + dir + " && env HOME=" + dir + " LANG=C.UTF-8 " + env + " " + command
        + "; echo " + EXITED + "$?; exec cat";
    String socket = "rw-it-" + UUID.randomUUID().toString().substring(0, 8);
    sockets.add(socket);
    run(List.of("tmux", "-u", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x",
        Integer.toString(width), "-y", "50", "sh", "-c", shell));
    List<String> capture = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "capture-pane",
        "-p", "-J", "-S", "-"));
    if (escapes) {
      capture.add("-e");
    }
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> run(capture).contains(EXITED));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the command did not end within 2 minutes; the screen:\n"
          + run(capture), e);
    }
    return run(capture).lines().map(String::stripTrailing).toList();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return out;
  }
}
