package io.renderwatch.demo;

import picocli.CommandLine.Option;

/** The {@code --db} option of the commands that use the durable store. */
final class DatabaseOption {

  @Option(names = "--db", paramLabel = "PATH-or-JDBC-URL",
      description = "H2 file path or jdbc:postgresql:// URL (env RENDERWATCH_DB; default "
          + "$XDG_DATA_HOME/renderwatch/jobs, else ~/.local/share/renderwatch/jobs).")
  String value;

  /** The database to use (the option, else RENDERWATCH_DB, else the default), checked. */
  String resolve(Cli cli) {
    String db = cli.db(value);
    Wiring.checkDb(db);
    return db;
  }
}
