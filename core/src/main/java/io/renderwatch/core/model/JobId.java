package io.renderwatch.core.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The identity of one Pictory render job: a UUID, and nothing else ever reaches a URL path. */
public record JobId(UUID value) implements Comparable<JobId> {

  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int SHOWN = 40;

  /** Wraps a UUID. */
  public JobId {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Parses the canonical 36-character UUID form (surrounding blanks are trimmed).
   *
   * @throws IllegalArgumentException naming the (printable, truncated) input when it is not a UUID
   */
  public static JobId parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String trimmed = text.strip();
    if (!CANONICAL.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "Not a job id: " + quote(text) + "; expected a UUID such as 265a7c1a-4985-4058-9208-68114f131a2b");
    }
    return new JobId(UUID.fromString(trimmed));
  }

  /** Returns a fresh random id, handy for tests and simulations. */
  public static JobId random() {
    return new JobId(UUID.randomUUID());
  }

  /** Shows untrusted input safely: control characters escaped, long input cut. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(text.length(), SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && Character.isISOControl(c))) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (text.length() > SHOWN) {
      out.append("… (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  @Override
  public int compareTo(JobId other) {
    return value.compareTo(other.value);
  }

  /** The canonical lower-case UUID text. */
  @Override
  public String toString() {
    return value.toString();
  }
}
