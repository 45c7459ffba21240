package io.renderwatch.web;

import io.renderwatch.core.json.JsonObject;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.model.JobId;
import io.renderwatch.web.ServeMetrics.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/pictory/{secret}}: checks the secret and the body, answers 202 at once,
 * then hints the engine. The body's claims are never used beyond the job id.
 */
final class Webhooks {

  static final String PREFIX = "/webhooks/pictory/";
  static final int MAX_BODY = 64 * 1024;
  /** A too-large body up to this size is read and dropped before the 413 (see {@link #refuse}). */
  static final int DRAINED = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  private final byte[] secret;
  private final RenderWatch engine;
  private final JobFeed feed;
  private final ServeMetrics metrics;
  private final Executor hints;

  Webhooks(String secret, RenderWatch engine, JobFeed feed, ServeMetrics metrics,
      Executor hints) {
    this.secret = Auth.sha256(secret);
    this.engine = engine;
    this.feed = feed;
    this.metrics = metrics;
    this.hints = hints;
  }

  void handle(Request request, Response response, Callback callback, String path) {
    String given = path.substring(PREFIX.length());
    if (!MessageDigest.isEqual(secret, Auth.sha256(given))) {
      metrics.webhookCounted(WebhookResult.WRONG_SECRET);
      Replies.error(response, callback, 404, "not_found", "No such resource.");
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put("Allow", "POST");
      Replies.error(response, callback, 405, "method_not_allowed",
          "Pictory's callbacks are POSTed here; use POST.");
      return;
    }
    if (request.getLength() > MAX_BODY) {
      refuse(request, () -> tooLarge(response, callback));
      return;
    }
    Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((bytes, error) -> {
      if (error != null || bytes == null) {
        if (Request.getContentBytesRead(request) > MAX_BODY || error instanceof IllegalArgumentException
            || (error != null && error.getCause() instanceof IllegalArgumentException)) {
          tooLarge(response, callback);
        } else {
          callback.failed(error);
        }
        return;
      }
      accept(bytes, response, callback);
    });
  }

  private void accept(byte[] bytes, Response response, Callback callback) {
    Object body;
    try {
      body = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      metrics.webhookCounted(WebhookResult.MALFORMED);
      Replies.error(response, callback, 400, "malformed",
          "The body is not JSON (" + e.getMessage() + "); send the job response as JSON.");
      return;
    }
    JobId id = jobId(body);
    if (id == null) {
      metrics.webhookCounted(WebhookResult.NO_ID);
      Replies.error(response, callback, 400, "no_job_id",
          "No job id (a UUID) at job_id, jobId, data.job_id or data.jobId.");
      return;
    }
    Replies.json(response, callback, 202,
        new JsonObject().put("job_id", id.toString()).put("status", "accepted").toString());
    hints.execute(() -> confirm(id));
  }

  private void confirm(JobId id) {
    try {
      boolean requested = EventBridge.hint(engine, id);
      if (requested) {
        feed.watching(id);
        metrics.webhookCounted(WebhookResult.ACCEPTED);
      } else {
        metrics.webhookCounted(WebhookResult.DUPLICATE);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not confirm the callback for job {}: {}", id, e.toString());
    }
  }

  /** The job id at one of the four places Pictory's bodies have carried it, when a UUID. */
  static JobId jobId(Object body) {
    if (!(body instanceof Map<?, ?> map)) {
      return null;
    }
    for (Object candidate : new Object[] {map.get("job_id"), map.get("jobId"),
        data(map, "job_id"), data(map, "jobId")}) {
      if (candidate instanceof String text) {
        try {
          return JobId.parse(text);
        } catch (IllegalArgumentException notAnId) {
          // Try the next place.
        }
      }
    }
    return null;
  }

  private static Object data(Map<?, ?> map, String name) {
    return map.get("data") instanceof Map<?, ?> data ? data.get(name) : null;
  }

  /**
   * Answers a body declared too large once it has been read (up to {@link #DRAINED}): a reply
   * sent while the client is still sending can reach it as a reset instead of the 413.
   */
  static void refuse(Request request, Runnable answer) {
    if (request.getLength() > DRAINED) {
      answer.run();
      return;
    }
    Content.Source.asByteArrayAsync(request, DRAINED)
        .whenComplete((dropped, error) -> answer.run());
  }

  private void tooLarge(Response response, Callback callback) {
    metrics.webhookCounted(WebhookResult.TOO_LARGE);
    Replies.error(response, callback, 413, "too_large",
        "The body is over 64 KiB; a job response is far smaller.");
  }
}
