package io.renderwatch.demo;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: prints the shell completion script, made by picocli. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Prints a script that makes the shell complete renderwatch's commands and",
        "options on Tab. The same script serves bash and zsh (through zsh's bashcompinit)."})
final class CompletionCommand implements Callable<Integer> {

  /** The shells the script is for. */
  enum Shell { bash, zsh }

  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  CompletionCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    cli.out().print(AutoComplete.bash(root.getCommandName(), root));
    cli.out().flush();
    return Main.OK;
  }
}
