package io.renderwatch.demo;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run of the command reads and writes: results to {@code out}, messages for people to
 * {@code err}; {@code process} is true only for a real process (shutdown hook, live terminal).
 */
record Cli(PrintStream out, PrintStream err, InputStream in, Map<String, String> env,
    boolean process) {

  /** The value of an option, else of its environment variable, else null. */
  String orEnv(String value, String variable) {
    if (value != null) {
      return value;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
  }

  /** The --db value: the option, else RENDERWATCH_DB, else CLI.md's default H2 file. */
  String db(String option) {
    String db = orEnv(option, "RENDERWATCH_DB");
    if (db != null) {
      return db;
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
    return base.resolve("renderwatch").resolve("jobs").toString();
  }
}
