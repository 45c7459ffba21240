package io.renderwatch.core.model;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** Which output links may be shown or followed: https, or plain http to a loopback host. */
public final class Links {

  private Links() {}

  /** The link as text when it may be shown, else empty. */
  public static Optional<String> safe(Optional<URI> uri) {
    return uri.filter(Links::isSafe).map(URI::toString);
  }

  /** Whether the link is https with a host, or plain http to a loopback host. */
  public static boolean isSafe(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return uri.getHost() != null;
    }
    return scheme.equals("http") && isLoopback(uri.getHost());
  }

  /** Whether a host is a loopback address (no DNS lookup for names other than localhost). */
  public static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
