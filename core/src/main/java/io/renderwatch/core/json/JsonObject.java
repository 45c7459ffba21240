package io.renderwatch.core.json;

import java.math.BigDecimal;
import java.util.Locale;

/** A writer of one single-line JSON object, members in the order they are put. */
public final class JsonObject {

  private final StringBuilder out = new StringBuilder("{");
  private boolean first = true;

  /** Adds a string member; {@code null} writes JSON null. */
  public JsonObject put(String name, String value) {
    key(name);
    out.append(value == null ? "null" : quote(value));
    return this;
  }

  /** Adds a number member; {@code null} or a non-finite value writes JSON null. */
  public JsonObject put(String name, Double value) {
    key(name);
    if (value == null || !Double.isFinite(value)) {
      out.append("null");
    } else {
      out.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }
    return this;
  }

  /** Adds an integer member. */
  public JsonObject put(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  /** Adds a member whose value is already JSON text. */
  public JsonObject putRaw(String name, String json) {
    key(name);
    out.append(json);
    return this;
  }

  /** The object as one line of JSON. */
  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    out.append(quote(name)).append(':');
  }

  /** A JSON string literal with everything JSON requires escaped (and U+2028/9 for safety). */
  public static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
