package io.renderwatch.jdbc;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.testing.Snapshots;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM for tests that need another process: one that holds an H2 file open, or one that
 * saves terminal results until it is killed.
 */
final class ChildProcess {

  private ChildProcess() {}

  /**
   * {@code hold <h2-path>}: opens the file, prints {@code ready}, waits for standard input to end.
   * {@code write <h2-path or jdbc-url>}: saves completed jobs forever, printing each id once its
   * save has returned.
   */
  public static void main(String[] args) throws IOException {
    String mode = args[0];
    String db = args[1];
    try (JdbcStores stores = db.startsWith("jdbc:")
        ? JdbcStores.jdbcUrl(db, args.length > 2 ? args[2] : null, null)
        : JdbcStores.h2File(Path.of(db))) {
      if (mode.equals("hold")) {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
          // Hold until the parent closes our input.
        }
        return;
      }
      for (long i = 0; ; i++) {
        JobId id = JobId.random();
        stores.jobStore().save(Snapshots.at(id, Snapshots.running(50), i));
        stores.jobStore().save(Snapshots.at(id, Snapshots.completed(id), i + 1));
        System.out.println(id);
        System.out.flush();
      }
    }
  }

  /** Starts {@code main} in a new JVM with this JVM's class path. */
  static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildProcess.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Reads the child's standard output as lines. */
  static BufferedReader output(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
}
