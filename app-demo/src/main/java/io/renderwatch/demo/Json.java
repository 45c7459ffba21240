package io.renderwatch.demo;

import io.renderwatch.testkit.http.JsonStrings;
import java.math.BigDecimal;

/** A tiny writer of one-line JSON objects (NDJSON), enough for the command's output. */
public final class Json {

  private final StringBuilder out = new StringBuilder("{");
  private boolean first = true;

  /** Adds a string member; {@code null} writes JSON null. */
  Json put(String name, String value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  /** Adds a number member; {@code null} writes JSON null. */
  Json put(String name, Double value) {
    key(name);
    if (value == null || !Double.isFinite(value)) {
      out.append("null");
    } else {
      out.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }
    return this;
  }

  /** Adds an integer member. */
  Json put(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(name);
    out.append(':');
  }

  private void string(String value) {
    out.append(quote(value));
  }

  /** A JSON string literal with everything JSON requires escaped (and U+2028/9 for safety). */
  public static String quote(String text) {
    return JsonStrings.quote(text);
  }

}
