package io.renderwatch.web;

import io.renderwatch.core.json.JsonObject;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.archive.OutputArchive;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** {@code PUT /jobs/{id}}, {@code GET /jobs/{id}[?wait=]} and {@code GET /jobs}. */
final class JobsApi {

  static final Duration MAX_WAIT = Duration.ofSeconds(60);
  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 50;

  private final RenderWatch engine;
  private final JobStore store;
  private final JobFeed feed;
  private final Executor work;
  private final ScheduledExecutorService timers;
  private final OutputArchive archive;

  JobsApi(RenderWatch engine, JobStore store, JobFeed feed, Executor work,
      ScheduledExecutorService timers, OutputArchive archive) {
    this.archive = archive;
    this.engine = engine;
    this.store = store;
    this.feed = feed;
    this.work = work;
    this.timers = timers;
  }

  /** {@code PUT /jobs/{id}}: starts watching; nothing is sent for bad input. */
  void put(String rawId, Request request, Response response, Callback callback) {
    JobId id = parseId(rawId, response, callback);
    if (id == null) {
      return;
    }
    if (request.getLength() > Webhooks.MAX_BODY) {
      Webhooks.refuse(request, () -> Replies.error(response, callback, 413, "too_large",
          "The body is over 64 KiB."));
      return;
    }
    Content.Source.asByteArrayAsync(request, Webhooks.MAX_BODY).whenComplete((bytes, error) -> {
      if (error != null) {
        Replies.error(response, callback, 400, "bad_body", "The body could not be read.");
        return;
      }
      WatchOptions options;
      try {
        options = options(new String(bytes, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        Replies.error(response, callback, 400, "bad_body", e.getMessage());
        return;
      }
      work.execute(() -> {
        try {
          start(id, options, response, callback);
        } catch (RuntimeException e) {
          Replies.error(response, callback, 503, "unavailable",
              "The job could not be registered: " + JobJson.clean(e.getMessage()));
        }
      });
    });
  }

  private void start(JobId id, WatchOptions options, Response response, Callback callback) {
    Optional<JobSnapshot> stored = store.find(id);
    boolean known = stored.isPresent() || feed.isWatching(id) || feed.latest(id).isPresent();
    if (!feed.isWatching(id) && (stored.isEmpty() || !stored.get().isTerminal())) {
      feed.watching(id);
      engine.watch(id, options);
    }
    Replies.json(response, callback, known ? 200 : 201,
        objectFor(id).orElse(JobJson.pending(id)));
  }

  static WatchOptions options(String body) {
    WatchOptions options = WatchOptions.defaults();
    if (body.isBlank()) {
      return options;
    }
    Object parsed = JsonReader.parse(body);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("The body must be a JSON object such as"
          + " {\"timeout\": \"20m\", \"expected_length\": \"90s\"}");
    }
    Object timeout = map.get("timeout");
    if (timeout != null) {
      options = options.withTimeout(DurationText.parse("timeout", text(timeout)));
    }
    Object length = map.get("expected_length");
    if (length != null) {
      options = options.withExpectedLength(DurationText.parse("expected_length", text(length)));
    }
    return options;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : String.valueOf(value);
  }

  /** {@code GET /jobs/{id}}, answered at once or when the job ends within {@code ?wait=}. */
  void get(String rawId, Request request, Response response, Callback callback) {
    JobId id = parseId(rawId, response, callback);
    if (id == null) {
      return;
    }
    Duration wait;
    try {
      String value = Request.extractQueryParameters(request).getValue("wait");
      wait = value == null ? Duration.ZERO : DurationText.parse("wait", value);
    } catch (IllegalArgumentException e) {
      Replies.error(response, callback, 400, "bad_wait", e.getMessage());
      return;
    }
    if (wait.compareTo(MAX_WAIT) > 0) {
      Replies.error(response, callback, 400, "bad_wait", "wait is at most 60s");
      return;
    }
    CompletableFuture<Void> ended = wait.isZero() ? null : feed.whenEnded(id);
    work.execute(() -> {
      // Whether it ended is asked before the object is read, never after: an end landing
      // between the two would otherwise be answered with the state from before it.
      if (ended == null || hasEnded(id)) {
        if (ended != null) {
          ended.complete(null);
        }
        answer(id, objectFor(id), response, callback);
        return;
      }
      Optional<String> now = objectFor(id);
      if (now.isEmpty()) {
        ended.complete(null);
        answer(id, now, response, callback);
        return;
      }
      timers.schedule(() -> ended.complete(null), wait.toMillis(), TimeUnit.MILLISECONDS);
      ended.whenCompleteAsync((ok, error) -> answer(id, objectFor(id), response, callback), work);
    });
  }

  private void answer(JobId id, Optional<String> object, Response response, Callback callback) {
    if (object.isEmpty()) {
      Replies.error(response, callback, 404, "not_found", "Job " + id + " is not stored;"
          + " PUT /jobs/" + id + " to watch it.");
    } else {
      Replies.json(response, callback, 200, object.get());
    }
  }

  private boolean hasEnded(JobId id) {
    Optional<JobFeed.Latest> latest = feed.latest(id);
    if (latest.isPresent() && latest.get().ended()) {
      return true;
    }
    return store.find(id).map(JobSnapshot::isTerminal).orElse(false);
  }

  /** The job object: the stored state, or this process's newer view (an error, a time left). */
  Optional<String> objectFor(JobId id) {
    Optional<JobSnapshot> stored = store.find(id);
    Optional<JobFeed.Latest> latest = feed.latest(id);
    if (stored.isPresent() && stored.get().isTerminal()) {
      String json = JobJson.of(stored.get(), Optional.empty());
      return Optional.of(stored.get().state() instanceof JobState.Completed
          ? JobJson.withFiles(json, archive.find(id)) : json);
    }
    if (latest.isPresent() && (latest.get().error() || stored.isEmpty())) {
      return Optional.of(latest.get().json());
    }
    if (stored.isPresent()) {
      if (latest.isPresent() && !latest.get().ended()
          && !latest.get().at().isBefore(stored.get().observedAt())) {
        return Optional.of(latest.get().json());
      }
      return Optional.of(JobJson.of(stored.get(), Optional.empty()));
    }
    return Optional.empty();
  }

  /** {@code GET /jobs?status=&limit=&cursor=}: stored jobs, newest first. */
  void list(Request request, Response response, Callback callback) {
    Fields query = Request.extractQueryParameters(request);
    String status = query.getValue("status");
    if (status != null && !List.of(JobJson.COMPLETED, JobJson.FAILED, JobJson.IN_PROGRESS)
        .contains(status)) {
      Replies.error(response, callback, 400, "bad_status", "status must be completed, failed"
          + " or in-progress");
      return;
    }
    int limit;
    try {
      String value = query.getValue("limit");
      limit = value == null ? DEFAULT_LIMIT : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      Replies.error(response, callback, 400, "bad_limit", "limit must be 1 to " + MAX_LIMIT);
      return;
    }
    Optional<String> cursor = Optional.ofNullable(query.getValue("cursor"));
    int wanted = limit;
    work.execute(() -> {
      try {
        Replies.json(response, callback, 200, page(status, cursor, wanted));
      } catch (IllegalArgumentException e) {
        Replies.error(response, callback, 400, "bad_cursor", "cursor is not one this service"
            + " gave; start again without it");
      }
    });
  }

  private String page(String status, Optional<String> cursor, int limit) {
    List<String> items = new ArrayList<>();
    Optional<String> next = cursor;
    boolean first = true;
    // A filtered page scans a few store pages at most; "next" goes on where the scan stopped.
    for (int scanned = 0; scanned < 10 && (first || next.isPresent()) && items.size() < limit;
        scanned++) {
      first = false;
      Page<JobSnapshot> page = store.page(next, limit - items.size());
      for (JobSnapshot snapshot : page.items()) {
        if (status == null || status.equals(JobJson.status(snapshot.state()))) {
          items.add(objectFor(snapshot.id()).orElse(JobJson.of(snapshot, Optional.empty())));
        }
      }
      next = page.next();
      if (status == null) {
        break;
      }
    }
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      json.append(i == 0 ? "" : ",").append(items.get(i));
    }
    json.append("],\"next\":").append(next.map(JsonObject::quote).orElse("null")).append('}');
    return json.toString();
  }

  private static JobId parseId(String rawId, Response response, Callback callback) {
    try {
      return JobId.parse(rawId);
    } catch (IllegalArgumentException e) {
      Replies.error(response, callback, 400, "bad_job_id", JobJson.clean(e.getMessage()));
      return null;
    }
  }
}
