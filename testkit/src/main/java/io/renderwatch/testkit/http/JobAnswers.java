package io.renderwatch.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.sim.SimulatedAccount.Answer;
import io.renderwatch.testkit.sim.SimulatedAccount.Faulted;
import io.renderwatch.testkit.sim.SimulatedAccount.Found;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's job API, {@code GET /pictoryapis/v1/jobs/{jobid}}: the key check, the
 * account's answer in API.md's shapes, and each injected fault as the wire shows it (error
 * pages, cut connections, huge or slow bodies). Records what it served.
 */
final class JobAnswers {

  private static final String JSON = "application/json; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JOBS_PATH = PictorySimulator.JOBS_PATH;
  private static final int HUGE_BODY_BYTES = PictorySimulator.HUGE_BODY_BYTES;
  private static final byte[] PADDING = filled(64 * 1024, (byte) 'x');

  private final String apiKey;
  private final SimulatedAccount account;
  private final OutputFiles files;
  private final URI baseUrl;
  private final ScheduledExecutorService delays;
  private final ServedLog log = new ServedLog(PictorySimulator.SERVED_LOG_CAPACITY);
  private final Set<HttpExchange> delayed = ConcurrentHashMap.newKeySet();

  JobAnswers(String apiKey, SimulatedAccount account, OutputFiles files, URI baseUrl,
      ScheduledExecutorService delays) {
    this.apiKey = apiKey;
    this.account = account;
    this.files = files;
    this.baseUrl = baseUrl;
    this.delays = delays;
  }

  /** The requests answered, oldest first. */
  List<ServedRequest> served() {
    return log.snapshot();
  }

  /** Closes the exchanges held for a slow answer. */
  void dropDelayed() {
    for (HttpExchange exchange : delayed) {
      try {
        exchange.close();
      } catch (RuntimeException e) {
        // Already closed by the server's stop.
      }
    }
    delayed.clear();
  }

  /**
   * Answers one request for the job API; returns whether the exchange stays open for a later
   * answer.
   *
   * @throws AbortConnection to have the server cut the connection at once
   */
  boolean answer(HttpExchange exchange, Instant at, String path) throws IOException {
    if (!path.startsWith(JOBS_PATH) || path.length() == JOBS_PATH.length()
        || path.indexOf('/', JOBS_PATH.length()) >= 0) {
      respond(exchange, new ServedRequest(at, path, "", 404, ""), JSON,
          PictoryJson.message("Not Found"));
      return false;
    }
    String segment = path.substring(JOBS_PATH.length());
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      respond(exchange, new ServedRequest(at, path, segment, 405, ""), JSON,
          PictoryJson.message("Method Not Allowed"));
      return false;
    }
    if (!authorized(exchange)) {
      respond(exchange, new ServedRequest(at, path, segment, 401, ""), JSON,
          PictoryJson.UNAUTHORIZED);
      return false;
    }
    JobId id = parseOrNull(segment);
    if (id == null) {
      respond(exchange, new ServedRequest(at, path, segment, 200, ""), JSON,
          PictoryJson.notFound(segment));
      return false;
    }
    Answer answer = account.answer(id, at);
    if (answer instanceof Faulted faulted) {
      return serveFault(exchange, at, path, id, faulted);
    }
    respond(exchange, new ServedRequest(at, path, id.toString(), 200, ""), JSON,
        bodyOf(id.toString(), answer));
    return false;
  }

  /** Serves one injected fault; returns whether the exchange stays open for a later answer. */
  private boolean serveFault(HttpExchange exchange, Instant at, String path, JobId id,
      Faulted faulted) throws IOException {
    Fault fault = faulted.fault();
    String jobId = id.toString();
    String kind = fault.kind().name();
    ServedRequest ok = new ServedRequest(at, path, jobId, 200, kind);
    switch (fault.kind()) {
      case RATE_LIMITED:
        if (!fault.duration().isZero()) {
          exchange.getResponseHeaders().set("Retry-After", Long.toString(ceilSeconds(fault)));
        }
        respond(exchange, withStatus(ok, 429), JSON, PictoryJson.message("Too Many Requests"));
        return false;
      case SERVER_ERROR:
        respond(exchange, withStatus(ok, 500), HTML, errorPage(500, "Internal Server Error"));
        return false;
      case BAD_GATEWAY:
        respond(exchange, withStatus(ok, 502), HTML, errorPage(502, "Bad Gateway"));
        return false;
      case SERVICE_UNAVAILABLE:
        respond(exchange, withStatus(ok, 503), TEXT, "Service Unavailable");
        return false;
      case DROP_CONNECTION:
        log.add(sentBy(exchange, withStatus(ok, 0)));
        throw new AbortConnection();
      case TRUNCATED_BODY:
        log.add(sentBy(exchange, ok));
        sendTruncated(exchange, bodyOf(jobId, truthOf(faulted)));
        throw new AbortConnection();
      case MALFORMED_JSON:
        respond(exchange, ok, JSON, PictoryJson.malformed(jobId));
        return false;
      case HTML_PAGE:
        respond(exchange, ok, HTML, challengePage());
        return false;
      case UNKNOWN_STATUS:
        respond(exchange, ok, JSON, PictoryJson.unknownStatus(jobId, "archived"));
        return false;
      case WRONG_JOB:
        respond(exchange, ok, JSON, bodyOf(JobId.random().toString(), truthOf(faulted)));
        return false;
      case HUGE_BODY:
        log.add(sentBy(exchange, ok));
        sendHuge(exchange, jobId);
        return false;
      case SLOW:
        return serveLater(exchange, ok, bodyOf(jobId, truthOf(faulted)), fault.duration());
      case GOES_BACKWARDS:
      case CHANGED_ENDING:
        respond(exchange, ok, JSON, faulted.truth()
            .map(truth -> PictoryJson.state(jobId, fault.misreport(id, truth)))
            .orElseGet(() -> PictoryJson.notFound(jobId)));
        return false;
      default:
        throw new AssertionError(fault.kind());
    }
  }

  private boolean serveLater(HttpExchange exchange, ServedRequest served, String body,
      Duration delay) {
    delayed.add(exchange);
    try {
      delays.schedule(() -> {
        try {
          if (delayed.remove(exchange)) {
            respond(exchange, served, JSON, body);
          }
        } catch (IOException | RuntimeException e) {
          // The client gave up waiting, or the server is stopping.
        } finally {
          exchange.close();
        }
      }, delay.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      delayed.remove(exchange);
      return false;
    }
  }

  private boolean authorized(HttpExchange exchange) {
    List<String> values = exchange.getRequestHeaders().get("Authorization");
    return values != null && values.size() == 1 && apiKey.equals(values.get(0));
  }

  /** Logs the request first (so a client that has its answer finds it logged), then answers. */
  private void respond(HttpExchange exchange, ServedRequest served, String contentType,
      String body) throws IOException {
    log.add(sentBy(exchange, served));
    send(exchange, served.status(), contentType, body);
  }

  private static ServedRequest sentBy(HttpExchange exchange, ServedRequest served) {
    String agent = exchange.getRequestHeaders().getFirst("User-Agent");
    return served.withUserAgent(agent == null ? "" : agent);
  }

  private static ServedRequest withStatus(ServedRequest served, int status) {
    return new ServedRequest(served.at(), served.path(), served.jobId(), status, served.fault(),
        served.userAgent());
  }

  private static Answer truthOf(Faulted faulted) {
    return faulted.truth().<Answer>map(Found::new).orElseGet(SimulatedAccount.NotFound::new);
  }

  private String bodyOf(String jobId, Answer answer) {
    if (answer instanceof Found found) {
      JobState state = found.state();
      if (files != null) {
        state = files.rewrite(JobId.parse(jobId), state, baseUrl);
      }
      return PictoryJson.state(jobId, state);
    }
    if (answer instanceof Faulted faulted) {
      return bodyOf(jobId, truthOf(faulted));
    }
    return PictoryJson.notFound(jobId);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Announces the whole body, writes half of it, then lets the connection close. */
  private static void sendTruncated(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
  }

  /** Streams a valid JSON body of exactly {@link #HUGE_BODY_BYTES} bytes from a shared pad. */
  private static void sendHuge(HttpExchange exchange, String jobId) throws IOException {
    byte[] head = ("{\"job_id\":" + PictoryJson.quote(jobId)
        + ",\"success\":true,\"data\":{\"status\":\"in-progress\",\"padding\":\"")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(200, HUGE_BODY_BYTES);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(head);
      long left = (long) HUGE_BODY_BYTES - head.length - tail.length;
      while (left > 0) {
        int chunk = (int) Math.min(left, PADDING.length);
        out.write(PADDING, 0, chunk);
        left -= chunk;
      }
      out.write(tail);
    }
  }

  private static String errorPage(int status, String reason) {
    return "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n"
        + "<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>cloudflare"
        + "</center>\r\n</body>\r\n</html>\r\n";
  }

  private static String challengePage() {
    return "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head>"
        + "<body><h1>api.pictory.ai</h1><p>Checking your browser before accessing "
        + "api.pictory.ai.</p></body></html>";
  }

  private static long ceilSeconds(Fault fault) {
    Duration d = fault.duration();
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  private static JobId parseOrNull(String segment) {
    try {
      return JobId.parse(segment);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
