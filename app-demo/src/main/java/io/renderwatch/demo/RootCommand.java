package io.renderwatch.demo;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.UsageMessageSpec;

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

  /**
   * Lists each command with the whole first sentence of its description, wrapped, where picocli
   * would show only the description's first line ("... watches 6").
   */
  static void showWholeSummaries(CommandLine root) {
    root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
      Map<String, Help> commands = help.subcommands();
      if (commands.isEmpty()) {
        return "";
      }
      int names = commands.values().stream()
          .mapToInt(c -> c.commandNamesText(", ").getCJKAdjustedLength()).max().orElse(0) + 2;
      int width = help.commandSpec().usageMessage().width();
      TextTable table = TextTable.forColumns(help.colorScheme(),
          new Column(names + 2, 2, Overflow.SPAN), new Column(width - names - 2, 0, Overflow.WRAP));
      commands.values().forEach(c -> table.addRowValues(c.commandNamesText(", "),
          help.colorScheme().text(summary(c.commandSpec().usageMessage().description()))));
      return table.toString();
    });
  }

  /** The first sentence of a description given as several lines. */
  static String summary(String[] description) {
    String text = String.join(" ", description).strip();
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  @Override
  public Integer call() {
    DemoCommand demo = new DemoCommand(cli);
    demo.common = common;
    return demo.call();
  }
}
