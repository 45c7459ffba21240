package io.renderwatch.web;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of the API: {@code 500ms}, {@code 90s}, {@code 20m}, {@code 1h}. */
final class DurationText {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {}

  /** A positive duration, or {@link IllegalArgumentException} naming the accepted forms. */
  static Duration parse(String name, String text) {
    Matcher m = SHORT.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(name + " '" + JobJson.clean(shorten(text))
          + "' is not a duration; use e.g. 500ms, 90s, 20m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    Duration value;
    switch (m.group(2)) {
      case "ms":
        value = Duration.ofMillis(amount);
        break;
      case "s":
        value = Duration.ofSeconds(amount);
        break;
      case "m":
        value = Duration.ofMinutes(amount);
        break;
      default:
        value = Duration.ofHours(amount);
    }
    if (value.isZero()) {
      throw new IllegalArgumentException(name + " must be longer than zero");
    }
    return value;
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
