package io.renderwatch.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The "Examples" section of each command's {@code --help} (and so of its man page), kept in one
 * place: a command added to {@link Main} gets its examples here. Each example is a comment line
 * saying what it does, then the command line, both within 80 columns.
 */
final class Examples {

  private static final String JOB = "6f1c2a4e-0b7d-4d4e-9a53-2f0c1e8b7a10";

  private static final Map<String, List<String>> BY_COMMAND = Map.of(
      "renderwatch", List.of(
          "# The demo: a built-in simulator, no API key needed",
          "renderwatch",
          "# Watch a job of your Pictory account until it ends",
          "PICTORY_API_KEY=... renderwatch watch " + JOB,
          "# Tab completion for this shell session",
          "source <(renderwatch completion bash)"),
      "demo", List.of(
          "# Run the demo and keep its results in a file of your choice",
          "renderwatch demo --db ./demo-jobs",
          "# The demo's results as NDJSON",
          "renderwatch demo --json 2>/dev/null"),
      "watch", List.of(
          "# Watch two jobs; the key comes from the environment",
          "export PICTORY_API_KEY=...",
          "renderwatch watch " + JOB + " 0b5d7c9e-3a41-4f8b-8c2d-6e9f1a2b3c4d",
          "# Ids from a file, one per line; NDJSON results for a script",
          "renderwatch watch --json @ids.txt > results.ndjson",
          "# After a crash or Ctrl-C: pick up every unfinished watch",
          "renderwatch watch --resume"),
      "show", List.of(
          "# One stored job, as a table or as JSON",
          "renderwatch show " + JOB,
          "renderwatch show --json " + JOB + " | jq .videoURL"),
      "list", List.of(
          "# Every stored job, newest first; only the failed ones",
          "renderwatch list",
          "renderwatch list | awk '$2 == \"failed\"'"),
      "simulate", List.of(
          "# A simulator with 3 jobs, one failing, on port 8089",
          "renderwatch simulate --port 8089 --jobs 3 --failing 1",
          "# Then, in another terminal (the ids are on the simulator's stdout)",
          "PICTORY_API_KEY=... renderwatch watch --base-url http://127.0.0.1:8089 ID"),
      "completion", List.of(
          "# bash: for this session, then for every new one",
          "source <(renderwatch completion bash)",
          "renderwatch completion bash > ~/.local/share/bash-completion/completions/renderwatch",
          "# zsh",
          "source <(renderwatch completion zsh)"),
      "serve", List.of(
          "# The service on port 8080, its API behind a token",
          "RENDERWATCH_TOKEN=... renderwatch serve --port 8080"),
      "archive", List.of(
          "# Download the outputs of every stored completed job",
          "renderwatch archive --all",
          "# One job's outputs into a folder of your choice",
          "renderwatch archive --dir ./renders " + JOB),
      "plan", List.of(
          "# What 5,000 renders a day cost at --rate 5, and how soon each is seen",
          "renderwatch plan --jobs-per-hour 210",
          "# A morning burst of 500, with webhooks of which 3 in 10 are lost",
          "renderwatch plan --jobs-per-hour 210 --burst 500 --webhooks-lost 0.3 --json"));

  private Examples() {}

  /** The examples of a command by its name, empty when it has none. */
  static List<String> of(String command) {
    return BY_COMMAND.getOrDefault(command, List.of());
  }

  /**
   * Puts each command's examples at the start of its help footer, under an "Examples:" footer
   * heading (which is also what makes ManPageGenerator write the footer into the man page).
   */
  static void addTo(CommandLine root) {
    add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      add(sub);
    }
  }

  private static void add(CommandLine command) {
    List<String> examples = of(command.getCommandName());
    if (examples.isEmpty()) {
      return;
    }
    List<String> footer = new ArrayList<>();
    for (String line : examples) {
      footer.add("  " + line);
    }
    footer.addAll(Arrays.asList(command.getCommandSpec().usageMessage().footer()));
    command.getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
        .footer(footer.toArray(String[]::new));
  }
}
