package io.renderwatch.jdbc;

/** Shows a JDBC URL without anything that may be a secret: no user info, no parameters. */
final class Redaction {

  private Redaction() {}

  /**
   * The URL cut before its first {@code ?} or {@code ;} (where drivers take properties such as a
   * password), with any {@code user:password@} removed.
   */
  static String url(String url) {
    String cut = url;
    int query = indexOfAny(cut, '?', ';');
    if (query >= 0) {
      cut = cut.substring(0, query);
    }
    int scheme = cut.indexOf("//");
    if (scheme >= 0) {
      int at = cut.indexOf('@', scheme + 2);
      int slash = cut.indexOf('/', scheme + 2);
      if (at >= 0 && (slash < 0 || at < slash)) {
        cut = cut.substring(0, scheme + 2) + cut.substring(at + 1);
      }
    }
    return cut;
  }

  /** The scheme of a URL ({@code jdbc:mysql:}), or a placeholder when it has none. */
  static String scheme(String url) {
    if (!url.startsWith("jdbc:")) {
      return "(not a JDBC URL)";
    }
    int end = url.indexOf(':', 5);
    return end < 0 ? "jdbc:" : url.substring(0, end + 1);
  }

  private static int indexOfAny(String text, char a, char b) {
    int i = text.indexOf(a);
    int j = text.indexOf(b);
    if (i < 0) {
      return j;
    }
    return j < 0 ? i : Math.min(i, j);
  }
}
