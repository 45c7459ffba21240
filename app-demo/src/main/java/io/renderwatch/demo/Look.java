package io.renderwatch.demo;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp;

/**
 * How output for people may look on the terminal at hand: whether it takes colour, and whether
 * its charset has the Unicode block and ellipsis characters.
 *
 * @param color green, red and yellow for completed, failed and error
 * @param unicode {@code █░…} rather than {@code #-...}
 */
record Look(boolean color, boolean unicode) {

  /** Off a terminal: no colour, plain ASCII marks. */
  static final Look PLAIN = new Look(false, false);

  /**
   * What {@code terminal} allows: colour when it has at least 8 and {@code NO_COLOR} is not set
   * (no-color.org: present and not empty), Unicode when its charset encodes the marks used.
   */
  static Look of(Terminal terminal, Map<String, String> env) {
    Integer colors = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
    return new Look(colors != null && colors >= 8 && !noColor(env), unicode(terminal.encoding()));
  }

  /** Whether the user asked for no colour. */
  static boolean noColor(Map<String, String> env) {
    String value = env.get("NO_COLOR");
    return value != null && !value.isEmpty();
  }

  /** Whether {@code charset} can encode the Unicode marks. */
  static boolean unicode(Charset charset) {
    if (charset == null || !charset.canEncode()) {
      return false;
    }
    CharsetEncoder encoder = charset.newEncoder();
    return encoder.canEncode("█░…·");
  }

  /** The mark of a shortened text. */
  String ellipsis() {
    return unicode ? "…" : "...";
  }

  /** A filled cell of a progress bar. */
  char filled() {
    return unicode ? '█' : '#';
  }

  /** An empty cell of a progress bar. */
  char empty() {
    return unicode ? '░' : '-';
  }

  /** Between two items of a summary. */
  String separator() {
    return unicode ? " · " : ", ";
  }
}
