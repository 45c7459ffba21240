package io.renderwatch.demo;

import io.renderwatch.core.model.Links;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Makes untrusted text safe to show to people. */
final class Text {

  private static final int SHOWN = 60;

  private Text() {}

  /** Control characters (terminal escapes included) replaced, long text cut. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int limit = Math.min(text.length(), SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > SHOWN) {
      out.append('…');
    }
    return out.toString();
  }

  /** Like {@link #printable} but without a length limit, for messages from the provider. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString();
  }

  /** The text cut at the end to at most {@code width} characters, marked with the ellipsis. */
  static String fitEnd(String text, int width, String ellipsis) {
    if (text.length() <= width) {
      return text;
    }
    if (width <= ellipsis.length()) {
      return text.substring(0, Math.max(0, width));
    }
    return text.substring(0, width - ellipsis.length()).stripTrailing() + ellipsis;
  }

  /**
   * The text shortened in the middle to at most {@code width} characters, so that both its
   * start (a link's host) and its end (the file name) stay readable.
   */
  static String fitMiddle(String text, int width, String ellipsis) {
    if (text.length() <= width) {
      return text;
    }
    if (width <= ellipsis.length() + 1) {
      return fitEnd(text, width, ellipsis);
    }
    int kept = width - ellipsis.length();
    int head = (kept + 1) / 2;
    int tail = kept - head;
    return text.substring(0, head) + ellipsis + text.substring(text.length() - tail);
  }

  /** Lines of at most {@code width} characters, broken at spaces (a longer word stays whole). */
  static java.util.List<String> wrap(String text, int width) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** A URL from a response, shown only when it is https, or http to a loopback host. */
  static Optional<String> safeUrl(Optional<URI> uri) {
    return Links.safe(uri);
  }

  static boolean isSafe(URI uri) {
    return Links.isSafe(uri);
  }
}
