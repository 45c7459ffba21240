package io.renderwatch.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The token check of SERVE.md: {@code Authorization: Bearer TOKEN}, or for reads the dashboard's
 * cookie, which holds a digest of the token rather than the token itself. Every comparison takes
 * the same time whatever the input.
 */
final class Auth {

  static final String COOKIE = "renderwatch_session";

  private final Optional<byte[]> tokenDigest;
  private final Optional<String> cookieValue;

  Auth(Optional<String> token) {
    this.tokenDigest = token.map(Auth::sha256);
    this.cookieValue = token.map(t -> HexFormat.of().formatHex(sha256("renderwatch-dashboard\0" + t)));
  }

  boolean enabled() {
    return tokenDigest.isPresent();
  }

  /** Whether {@code candidate} is the token, in constant time. */
  boolean isToken(String candidate) {
    return tokenDigest.isPresent() && candidate != null
        && MessageDigest.isEqual(tokenDigest.get(), sha256(candidate));
  }

  /** Whether the request carries {@code Authorization: Bearer TOKEN}. */
  boolean bearer(Request request) {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || header.length() < 7
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return isToken(header.substring(7).strip());
  }

  /** Whether the request carries the dashboard cookie. */
  boolean cookie(Request request) {
    if (cookieValue.isEmpty()) {
      return false;
    }
    byte[] wanted = cookieValue.get().getBytes(StandardCharsets.US_ASCII);
    boolean found = false;
    for (HttpCookie cookie : Request.getCookies(request)) {
      if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null) {
        found |= MessageDigest.isEqual(wanted, cookie.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return found;
  }

  /** The {@code Set-Cookie} value for a browser that showed the token. */
  String setCookie() {
    return COOKIE + "=" + cookieValue.orElseThrow() + "; Path=/; HttpOnly; SameSite=Strict";
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
