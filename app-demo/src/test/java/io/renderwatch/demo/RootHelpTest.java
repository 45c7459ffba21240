package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The top-level help lists every command with its whole one-sentence summary. */
class RootHelpTest {

  @Test
  void listsEachCommandsSummaryWhole() {
    Runs.Result help = Runs.run(Map.of(), "--help");

    assertThat(help.code()).isZero();
    String commands = help.out().substring(help.out().indexOf("Commands:"))
        .replaceAll("\\s+", " ");
    assertThat(commands).contains(
        "demo Starts the built-in Pictory simulator on a free loopback port, watches 6 scripted"
            + " jobs (one fails, one meets a rate limit) with live progress, stores them in a"
            + " temporary database (or --db), then shows one again offline from the store.",
        "watch Watches each job until it completes, fails, or its watch ends in error; stores"
            + " every result.",
        "show Prints one job from the durable store; never touches the network.",
        "list Prints every stored job, newest first; never touches the network.",
        "simulate Runs the Pictory simulator alone in the foreground until interrupted.");
  }
}
