package io.renderwatch.http;

import java.util.Objects;

/**
 * A validated Pictory API key. Validation happens before OkHttp ever sees the value, because
 * OkHttp 3 puts an illegal header value into its exception message (CVE-2023-0833). The key is
 * never shown: not by {@link #toString()}, not in any message.
 */
final class ApiKey {

  /** The prefix of every Pictory API key. */
  static final String PREFIX = "pictai_";

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Validates a key: non-empty, visible ASCII (0x21–0x7E) only.
   *
   * @throws IllegalArgumentException naming the position and kind of the first bad character,
   *     never the key
   */
  static ApiKey of(String value) {
    Objects.requireNonNull(value, "apiKey == null");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("apiKey is empty; pass the key from your Pictory account");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("apiKey has " + describe(c) + " at index " + i
            + " (of " + value.length() + " characters); an API key is visible ASCII without"
            + " whitespace, so check for a stray space, line break or quote from copying it");
      }
    }
    return new ApiKey(value);
  }

  private static String describe(char c) {
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return String.format("a whitespace character (U+%04X)", (int) c);
    }
    if (Character.isISOControl(c)) {
      return String.format("a control character (U+%04X)", (int) c);
    }
    return "a non-ASCII character";
  }

  /** Whether the key looks like a Pictory key. */
  boolean hasPictoryPrefix() {
    return value.startsWith(PREFIX);
  }

  /** The key itself, for the Authorization header only. */
  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
