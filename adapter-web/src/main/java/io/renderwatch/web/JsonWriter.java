package io.renderwatch.web;

import java.math.BigDecimal;
import java.util.Locale;

/** A small writer of one JSON object, members in the order they are put. */
final class JsonWriter {

  private final StringBuilder out = new StringBuilder("{");
  private boolean first = true;

  /** Adds a string member; {@code null} writes JSON null. */
  JsonWriter put(String name, String value) {
    key(name);
    out.append(value == null ? "null" : quote(value));
    return this;
  }

  /** Adds a number member; {@code null} or a non-finite value writes JSON null. */
  JsonWriter put(String name, Double value) {
    key(name);
    if (value == null || !Double.isFinite(value)) {
      out.append("null");
    } else {
      out.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }
    return this;
  }

  /** Adds an integer member. */
  JsonWriter put(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  /** Adds a member whose value is already JSON text. */
  JsonWriter putRaw(String name, String json) {
    key(name);
    out.append(json);
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
    out.append(quote(name)).append(':');
  }

  /** A JSON string literal; also escapes {@code <}, {@code >}, {@code &} so it is safe in HTML. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          quoted.append("\\\"");
          break;
        case '\\':
          quoted.append("\\\\");
          break;
        case '\n':
          quoted.append("\\n");
          break;
        case '\r':
          quoted.append("\\r");
          break;
        case '\t':
          quoted.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == '<' || c == '>'
              || c == '&') {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
      }
    }
    return quoted.append('"').toString();
  }
}
