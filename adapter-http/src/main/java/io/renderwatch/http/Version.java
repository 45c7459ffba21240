package io.renderwatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This library's version, from a resource Maven filters at build time. */
final class Version {

  private static final String VERSION = read();

  private Version() {}

  /** The version, or {@code "dev"} when it cannot be told (e.g. unfiltered classes in an IDE). */
  static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String value = properties.getProperty("version", "").strip();
        if (usable(value)) {
          return value;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // fall through to the manifest
    }
    String manifest = Version.class.getPackage() == null
        ? null : Version.class.getPackage().getImplementationVersion();
    return manifest != null && usable(manifest.strip()) ? manifest.strip() : "dev";
  }

  private static boolean usable(String value) {
    return !value.isEmpty() && !value.contains("${")
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
