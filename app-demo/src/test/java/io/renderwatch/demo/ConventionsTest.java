package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Shell completion, examples in every command's help, and the version line. */
class ConventionsTest {

  @TempDir
  Path dir;

  private final java.util.Map<String, String> env = Runs.env("HOME", "/nonexistent");

  @Test
  void theBashScriptCompletesWaToWatchInARealBash() throws Exception {
    Runs.Result result = Runs.run(env, "completion", "bash");
    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
    Path script = dir.resolve("renderwatch-completion.bash");
    Files.writeString(script, result.out());

    assertThat(complete(script, "renderwatch wa")).containsExactly("watch");
    assertThat(complete(script, "renderwatch watch --re")).contains("--resume");
    assertThat(complete(script, "renderwatch completion ")).contains("bash", "zsh");
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashcompinitThere() {
    Runs.Result zsh = Runs.run(env, "completion", "zsh");

    assertThat(zsh.code()).isZero();
    assertThat(zsh.out()).isEqualTo(Runs.run(env, "completion", "bash").out())
        .contains("bashcompinit", "ZSH_VERSION");
  }

  @Test
  void anUnknownShellIsBadUsage() {
    Runs.Result fish = Runs.run(env, "completion", "fish");

    assertThat(fish.code()).isEqualTo(2);
    assertThat(fish.out()).isEmpty();
    assertThat(fish.errLines()).singleElement().asString().contains("fish", "bash, zsh");
  }

  @Test
  void everyCommandsHelpHasExamplesThatFitEightyColumns() {
    CommandLine root = Main.commandLine(new Cli(System.out, System.err,
        java.io.InputStream.nullInputStream(), env, false));
    List<CommandLine> all = new java.util.ArrayList<>(List.of(root));
    all.addAll(root.getSubcommands().values());

    for (CommandLine command : all) {
      String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertThat(help).as(command.getCommandName()).contains("\nExamples:\n  # ");
      assertThat(help.lines()).as(command.getCommandName())
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }
    assertThat(Runs.run(env, "watch", "--help").out())
        .contains("Examples:", "renderwatch watch --resume", "Exit codes:");
  }

  @Test
  void versionNamesTheVersionAndTheCommit() {
    Runs.Result version = Runs.run(env, "--version");

    assertThat(version.code()).isZero();
    assertThat(version.out().strip())
        .matches("renderwatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,40}"
            + "(-dirty)?|unknown)\\)");
  }

  /** What bash offers for {@code line} (completing its last word) with the script loaded. */
  private List<String> complete(Path script, String line) throws IOException,
      InterruptedException {
    String words = line.endsWith(" ") ? line + "''" : line;
    String program = "source " + script + "\n"
        + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
        + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
        + "_complete_renderwatch\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
        .redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(out).isZero();
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
