package io.renderwatch.demo;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

  @Option(names = "--verbose", description = "Log what happens, for debugging (the key is never logged).")
  boolean verbose;

  /** Sets the log level; must run before the first logger is made. */
  void configureLogging() {
    String level = verbose ? "debug" : "warn";
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
  }
}
