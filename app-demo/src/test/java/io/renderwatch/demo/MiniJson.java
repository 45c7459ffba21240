package io.renderwatch.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON parser for reading the command's NDJSON back in tests. */
final class MiniJson {

  private final String text;
  private int pos;

  private MiniJson(String text) {
    this.text = text;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String line) {
    MiniJson parser = new MiniJson(line);
    Object value = parser.value();
    parser.ws();
    if (parser.pos != line.length() || !(value instanceof Map)) {
      throw new IllegalArgumentException("Not one JSON object: " + line);
    }
    return (Map<String, Object>) value;
  }

  private Object value() {
    ws();
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        expect("true");
        return Boolean.TRUE;
      case 'f':
        expect("false");
        return Boolean.FALSE;
      case 'n':
        expect("null");
        return null;
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    ws();
    if (text.charAt(pos) == '}') {
      pos++;
      return map;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(":");
      if (map.containsKey(key)) {
        throw new IllegalArgumentException("Duplicate key " + key);
      }
      map.put(key, value());
      ws();
      char c = text.charAt(pos++);
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw new IllegalArgumentException("Expected , or } at " + pos);
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    ws();
    if (text.charAt(pos) == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      ws();
      char c = text.charAt(pos++);
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw new IllegalArgumentException("Expected , or ] at " + pos);
      }
    }
  }

  private String string() {
    if (text.charAt(pos) != '"') {
      throw new IllegalArgumentException("Expected a string at " + pos);
    }
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("Raw control character at " + pos);
      }
      if (c == '\\') {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
  }

  private Double number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("Unexpected character at " + pos + " in " + text);
    }
    return Double.valueOf(text.substring(start, pos));
  }

  private void expect(String word) {
    if (!text.startsWith(word, pos)) {
      throw new IllegalArgumentException("Expected " + word + " at " + pos);
    }
    pos += word.length();
  }

  private void ws() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
