package io.renderwatch.demo;

import io.renderwatch.core.model.JobId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads job ids from arguments, {@code @file}s (one per line) and {@code -} (standard input). */
final class Ids {

  private Ids() {}

  /** Every id named by the arguments, in order, without duplicates. */
  static List<JobId> resolve(List<String> args, InputStream stdin) {
    Set<JobId> ids = new LinkedHashSet<>();
    boolean stdinUsed = false;
    for (String arg : args) {
      if (arg.equals("-")) {
        if (stdinUsed) {
          continue;
        }
        stdinUsed = true;
        readLines(stdin, "standard input", ids);
      } else if (arg.startsWith("@") && arg.length() > 1) {
        Path file = Path.of(arg.substring(1));
        try (InputStream in = Files.newInputStream(file)) {
          readLines(in, arg.substring(1), ids);
        } catch (NoSuchFileException e) {
          throw new UsageException("cannot read job ids from " + Text.printable(arg)
              + ": no such file; give a file with one job id per line");
        } catch (IOException e) {
          throw new UsageException("cannot read job ids from " + Text.printable(arg) + ": "
              + e.getClass().getSimpleName() + "; give a readable file with one job id per line");
        }
      } else {
        ids.add(parse(arg, null));
      }
    }
    return new ArrayList<>(ids);
  }

  /** Parses one id, or fails with a one-line usage error naming where it came from. */
  static JobId parse(String text, String where) {
    try {
      return JobId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + (where == null ? "" : " (" + where + ")"));
    }
  }

  /** Whether an H2 path already holds a database (a JDBC URL is assumed to). */
  static boolean databaseExists(String db) {
    if (db.startsWith("jdbc:")) {
      return true;
    }
    Path path = Path.of(db).toAbsolutePath();
    String name = path.getFileName().toString();
    Path file = name.endsWith(".mv.db") ? path : path.resolveSibling(name + ".mv.db");
    return Files.exists(file);
  }

  private static void readLines(InputStream in, String source, Set<JobId> ids) {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        ids.add(parse(trimmed, "line " + number + " of " + Text.printable(source)));
      }
    } catch (IOException e) {
      throw new UsageException("cannot read job ids from " + source + ": " + e.getMessage());
    }
  }
}
