package io.renderwatch.demo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses the command line's DUR values: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, or ISO-8601. */
final class Durations implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  /** Accepts zero too: for the simulator's times. */
  static final class AllowZero implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value == null ? "" : value.strip();
      if (v.equals("0") || v.matches("0+(ms|s|m|h)")) {
        return Duration.ZERO;
      }
      return parse(value);
    }
  }

  /** Parses a positive duration, or throws with a message that shows the accepted forms. */
  static Duration parse(String text) {
    String value = text == null ? "" : text.strip();
    Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
    Duration result;
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          result = Duration.ofMillis(amount);
          break;
        case "s":
          result = Duration.ofSeconds(amount);
          break;
        case "m":
          result = Duration.ofMinutes(amount);
          break;
        default:
          result = Duration.ofHours(amount);
      }
    } else if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        result = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    } else {
      throw invalid(value);
    }
    if (result.isZero() || result.isNegative()) {
      throw new CommandLine.TypeConversionException(
          "'" + Text.printable(value) + "' is not a positive duration; use e.g. 500ms, 2s, 1m, 1h or PT2S");
    }
    return result;
  }

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** A short human form: 850ms, 12s, 3m05s, 1h02m. */
  static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }

  /**
   * A length as video players show it, to the tenth of a second when it has a fraction:
   * {@code 0:41}, {@code 1:03.5}, {@code 1:02:03}.
   */
  static String clock(Duration duration) {
    long tenths = Math.max(0, Math.round(duration.toMillis() / 100.0));
    long seconds = tenths / 10;
    String fraction = tenths % 10 == 0 ? "" : "." + tenths % 10;
    if (seconds >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d%s", seconds / 3600, seconds / 60 % 60,
          seconds % 60, fraction);
    }
    return String.format(Locale.ROOT, "%d:%02d%s", seconds / 60, seconds % 60, fraction);
  }

  private static CommandLine.TypeConversionException invalid(String value) {
    return new CommandLine.TypeConversionException("'" + Text.printable(value)
        + "' is not a duration; use e.g. 500ms, 2s, 1m, 1h or ISO-8601 such as PT2S");
  }
}
