package io.renderwatch.web;

import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Routes every request of SERVE.md's table, after the token check. */
final class Routes extends Handler.Abstract {

  private final Auth auth;
  private final Webhooks webhooks;
  private final JobsApi jobs;
  private final EventStream events;
  private final Dashboard dashboard;
  private final ServeMetrics metrics;
  private final BooleanSupplier ready;

  Routes(Auth auth, Webhooks webhooks, JobsApi jobs, EventStream events, Dashboard dashboard,
      ServeMetrics metrics, BooleanSupplier ready) {
    this.auth = auth;
    this.webhooks = webhooks;
    this.jobs = jobs;
    this.events = events;
    this.dashboard = dashboard;
    this.metrics = metrics;
    this.ready = ready;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    if (path.equals("/healthz")) {
      Replies.json(response, callback, 200, "{\"status\":\"ok\"}");
      return true;
    }
    if (path.equals("/readyz")) {
      boolean up;
      try {
        up = ready.getAsBoolean();
      } catch (RuntimeException e) {
        up = false;
      }
      if (up) {
        Replies.json(response, callback, 200, "{\"status\":\"ready\"}");
      } else {
        Replies.error(response, callback, 503, "not_ready", "The database does not answer.");
      }
      return true;
    }
    if (path.startsWith(Webhooks.PREFIX)) {
      webhooks.handle(request, response, callback, path);
      return true;
    }
    if (auth.enabled()) {
      if (path.equals("/") && read) {
        String token = Request.extractQueryParameters(request).getValue("token");
        if (token != null) {
          login(token, response, callback);
          return true;
        }
      }
      boolean cookieRead = read && (path.equals("/") || path.equals("/dashboard.js")
          || path.equals("/events") || path.equals("/jobs") || path.startsWith("/jobs/"));
      if (!auth.bearer(request) && !(cookieRead && auth.cookie(request))) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"renderwatch\"");
        Replies.error(response, callback, 401, "unauthorized",
            "Send Authorization: Bearer TOKEN (the --token of serve).");
        return true;
      }
    }
    route(path, method, read, request, response, callback);
    return true;
  }

  private void route(String path, String method, boolean read, Request request,
      Response response, Callback callback) {
    if (path.equals("/") && read) {
      response.getHeaders().put("Content-Security-Policy", Dashboard.CSP);
      response.getHeaders().put("Referrer-Policy", "no-referrer");
      response.getHeaders().put("X-Frame-Options", "DENY");
      Replies.send(response, callback, 200, "text/html; charset=utf-8", dashboard.render());
    } else if (path.equals("/dashboard.js") && read) {
      Replies.send(response, callback, 200, "text/javascript; charset=utf-8", dashboard.script());
    } else if (path.equals("/events") && read) {
      events.open(request, response, callback);
    } else if (path.equals("/metrics") && read) {
      Replies.send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
          metrics.scrape());
    } else if (path.equals("/jobs") && read) {
      jobs.list(request, response, callback);
    } else if (path.startsWith("/jobs/") && path.indexOf('/', 6) < 0) {
      String id = path.substring(6);
      if ("PUT".equals(method)) {
        jobs.put(id, request, response, callback);
      } else if (read) {
        jobs.get(id, request, response, callback);
      } else {
        response.getHeaders().put("Allow", "GET, PUT");
        Replies.error(response, callback, 405, "method_not_allowed", "Use GET or PUT.");
      }
    } else {
      Replies.error(response, callback, 404, "not_found", "No such resource.");
    }
  }

  private void login(String token, Response response, Callback callback) {
    if (!auth.isToken(token)) {
      Replies.error(response, callback, 401, "unauthorized", "The token is not this service's.");
      return;
    }
    response.setStatus(303);
    response.getHeaders().put(HttpHeader.LOCATION, "/");
    response.getHeaders().put(HttpHeader.SET_COOKIE, auth.setCookie());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    Content.Sink.write(response, true, "", callback);
  }
}
