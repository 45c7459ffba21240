package io.renderwatch.web;

import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.model.JobId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * What the web adapter hears from the engine: give it to {@code RenderWatch.builder().listener}
 * and to the {@link WebServer}. It keeps the latest job object of every recently changed job,
 * wakes the requests waiting for a job to end, and feeds the event streams.
 */
public final class JobFeed implements WatchListener {

  /** How many jobs that ended are kept in memory for the dashboard and for errors. */
  static final int RECENT = 500;

  private final Object lock = new Object();
  private final Map<JobId, Latest> latest = new LinkedHashMap<>();
  private final Map<JobId, List<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
  private final Set<JobId> watching = ConcurrentHashMap.newKeySet();
  private final Set<Consumer<String>> subscribers = new CopyOnWriteArraySet<>();

  /** The latest object of one job. */
  record Latest(JobId id, String json, boolean ended, boolean error, Instant at) {}

  /** Makes an empty feed. */
  public JobFeed() {}

  @Override
  public void onEvent(WatchEvent event) {
    accept(EventBridge.from(event));
  }

  void accept(EventBridge.Change change) {
    JobId id = change.jobId();
    String json;
    boolean error = false;
    if (change.kind() == EventBridge.Kind.ENDED && change.ended().isPresent()) {
      json = JobJson.error(id, change.ended().get());
      error = true;
      if (change.ended().get().reason()
          == io.renderwatch.core.engine.WatchEndedException.Reason.CLOSED) {
        // The process stops; the job is not in error, its watch is handed over.
        watching.remove(id);
        return;
      }
    } else if (change.snapshot().isPresent()) {
      json = JobJson.of(change.snapshot().get(),
          change.isEnd() ? Optional.empty() : change.estimatedCompletion());
    } else {
      return;
    }
    if (change.isEnd()) {
      watching.remove(id);
    } else {
      watching.add(id);
    }
    Latest now = new Latest(id, json, change.isEnd(), error, change.at());
    synchronized (lock) {
      Latest before = latest.remove(id);
      latest.put(id, now);
      trim();
      if (before != null && before.json.equals(json) && before.ended == now.ended) {
        return;
      }
    }
    for (Consumer<String> subscriber : subscribers) {
      subscriber.accept(json);
    }
    if (change.isEnd()) {
      List<CompletableFuture<Void>> waiting = waiters.remove(id);
      if (waiting != null) {
        waiting.forEach(w -> w.complete(null));
      }
    }
  }

  /** Records that this process started watching the job. */
  void watching(JobId id) {
    watching.add(id);
    boolean announce;
    synchronized (lock) {
      announce = !latest.containsKey(id);
      if (announce) {
        latest.put(id, new Latest(id, JobJson.pending(id), false, false, Instant.now()));
        trim();
      }
    }
    if (announce) {
      String json = JobJson.pending(id);
      subscribers.forEach(s -> s.accept(json));
    }
  }

  /** Whether this process watches the job now. */
  boolean isWatching(JobId id) {
    return watching.contains(id);
  }

  /** How many jobs this process watches, as far as the feed heard. */
  int watchingCount() {
    return watching.size();
  }

  /** The latest object of the job, if it changed recently. */
  Optional<Latest> latest(JobId id) {
    synchronized (lock) {
      return Optional.ofNullable(latest.get(id));
    }
  }

  /** The recently changed jobs, newest change first. */
  List<Latest> recent() {
    List<Latest> all;
    synchronized (lock) {
      all = new ArrayList<>(latest.values());
    }
    java.util.Collections.reverse(all);
    return all;
  }

  /** A future completed when the job's watch ends; the caller bounds the wait. */
  CompletableFuture<Void> whenEnded(JobId id) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    waiters.computeIfAbsent(id, key -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(done);
    done.whenComplete((ok, error) -> {
      List<CompletableFuture<Void>> list = waiters.get(id);
      if (list != null) {
        list.remove(done);
        waiters.remove(id, java.util.Collections.emptyList());
      }
    });
    return done;
  }

  /** Answers every held wait at once (the server is stopping). */
  void releaseWaiters() {
    for (JobId id : new ArrayList<>(waiters.keySet())) {
      List<CompletableFuture<Void>> waiting = waiters.remove(id);
      if (waiting != null) {
        waiting.forEach(w -> w.complete(null));
      }
    }
  }

  void subscribe(Consumer<String> subscriber) {
    subscribers.add(subscriber);
  }

  void unsubscribe(Consumer<String> subscriber) {
    subscribers.remove(subscriber);
  }

  private void trim() {
    int ended = 0;
    for (Latest l : latest.values()) {
      if (l.ended) {
        ended++;
      }
    }
    Iterator<Latest> it = latest.values().iterator();
    while (ended > RECENT && it.hasNext()) {
      if (it.next().ended) {
        it.remove();
        ended--;
      }
    }
  }
}
