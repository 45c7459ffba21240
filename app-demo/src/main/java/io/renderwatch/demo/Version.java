package io.renderwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The project version and the commit it was built from, from a resource filtered at build time
 * (the commit by git-commit-id-maven-plugin; built without {@code .git}, it is "unknown").
 */
final class Version implements CommandLine.IVersionProvider {

  private static final String UNKNOWN = "unknown";

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String current() {
    return properties().getProperty("version", UNKNOWN);
  }

  /** The abbreviated commit id, with {@code -dirty} for uncommitted changes, or "unknown". */
  static String commit() {
    Properties p = properties();
    String commit = resolved(p.getProperty("commit"));
    if (commit.equals(UNKNOWN)) {
      return UNKNOWN;
    }
    return commit + ("true".equals(p.getProperty("dirty")) ? "-dirty" : "");
  }

  /** A value left as {@code ${...}} was not filled in at build time. */
  private static String resolved(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // An unreadable resource reads as unknown.
    }
    p.setProperty("version", resolved(p.getProperty("version")));
    return p;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"renderwatch " + current() + " (commit " + commit() + ")"};
  }
}
