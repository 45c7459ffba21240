package io.renderwatch.demo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Byte counts on the command line: {@code 1048576}, {@code 500MiB}, {@code 10GiB}, {@code 2GB}. */
final class Sizes implements ITypeConverter<Long> {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)");

  @Override
  public Long convert(String value) {
    return parse(value);
  }

  /** Parses a size; binary units (KiB, MiB, GiB, TiB) are powers of 1024, decimal of 1000. */
  static long parse(String value) {
    Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException("'" + Text.printable(value) + "' is not a size; give bytes or a"
          + " number with KiB, MiB, GiB, TiB (or KB, MB, GB, TB), e.g. 10GiB");
    }
    String unit = m.group(2);
    long scale = switch (unit) {
      case "", "b" -> 1L;
      case "k", "kib" -> 1L << 10;
      case "kb" -> 1000L;
      case "m", "mib" -> 1L << 20;
      case "mb" -> 1000_000L;
      case "g", "gib" -> 1L << 30;
      case "gb" -> 1000_000_000L;
      case "t", "tib" -> 1L << 40;
      default -> 1000_000_000_000L;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), scale);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new UsageException("'" + Text.printable(value) + "' is too large a size");
    }
  }

  /** A size for people: {@code 512 B}, {@code 1.5 KiB}, {@code 48.0 MiB}, {@code 1.02 GiB}. */
  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  }
}
