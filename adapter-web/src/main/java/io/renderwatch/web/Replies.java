package io.renderwatch.web;

import io.renderwatch.core.json.JsonObject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes whole answers: JSON objects, the JSON error body of SERVE.md, text and pages. */
final class Replies {

  static final String JSON = "application/json; charset=utf-8";

  private Replies() {}

  static void json(Response response, Callback callback, int status, String body) {
    send(response, callback, status, JSON, body + "\n");
  }

  /** SERVE.md's error body: {@code {"error": "...", "message": "..."}}. */
  static void error(Response response, Callback callback, int status, String error,
      String message) {
    json(response, callback, status,
        new JsonObject().put("error", error).put("message", message).toString());
  }

  static void send(Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    Content.Sink.write(response, true, body, callback);
  }
}
