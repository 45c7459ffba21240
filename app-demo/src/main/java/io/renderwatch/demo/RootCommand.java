package io.renderwatch.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code renderwatch}: with no command, runs the demo. */
@Command(name = "renderwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {
        "Watches Pictory video render jobs politely and keeps their results.",
        "With no command, runs the demo against a built-in simulator (no API key needed)."},
    footer = {"", "Exit codes: 0 all completed, 1 a render failed, 2 bad usage (nothing sent),",
        "3 a watch ended in error (show: not stored), 130 interrupted."})
final class RootCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  RootCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    DemoCommand demo = new DemoCommand(cli);
    demo.common = common;
    return demo.call();
  }
}
