package io.renderwatch.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Fits instants into what both databases store: microseconds, years 1900 to 9999. */
final class Instants {

  /** The earliest instant stored; anything earlier (e.g. "long expired") is stored as this. */
  static final Instant FLOOR = Instant.parse("1900-01-01T00:00:00Z");
  /** The latest instant stored; anything later (e.g. "never") is stored as this. */
  static final Instant CEILING = Instant.parse("9999-12-31T23:59:59Z");

  private Instants() {}

  /** The instant truncated to microseconds and clamped to [FLOOR, CEILING]. */
  static Instant fit(Instant instant) {
    if (instant.isBefore(FLOOR)) {
      return FLOOR;
    }
    if (instant.isAfter(CEILING)) {
      return CEILING;
    }
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code start + length}, fitted, without overflowing. */
  static Instant fitSum(Instant start, Duration length) {
    Instant from = fit(start);
    Instant room = CEILING.minusSeconds(1);
    if (Duration.between(from, room).compareTo(length) <= 0) {
      return CEILING;
    }
    return fit(from.plus(length));
  }
}
