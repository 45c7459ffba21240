package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.SourceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The life of one poll and the end of watches: applies an answer (stored first, outside the
 * lock), a failure's verdict, a deadline or a cancel to the engine's state. Every method but
 * {@link #onAnswer} expects the engine's lock to be held.
 */
final class Polls {

  private final Engine engine;

  Polls(Engine engine) {
    this.engine = engine;
  }

  /**
   * An answer came back: stores it outside the lock (or, with progress written behind, decides
   * it in memory; see {@link ProgressWrites}), then applies it under the lock.
   */
  void onAnswer(Poller poller, JobSnapshot snapshot, Throwable error) {
    SourceException failure = failureOf(poller, snapshot, error);
    ProgressWrites behind = engine.behind;
    if (failure == null && behind != null && behind.decidedInMemory(poller, snapshot)) {
      engine.afterAnswer();
      return;
    }
    SaveResult saved = null;
    RuntimeException storeFailure = null;
    if (failure == null) {
      try {
        saved = behind == null ? engine.store.save(snapshot) : behind.save(poller, snapshot);
      } catch (RuntimeException e) {
        storeFailure = e;
      }
    }
    synchronized (engine) {
      if (behind != null && saved != null) {
        behind.saved(poller, saved);
      }
      apply(poller, snapshot, failure, saved, storeFailure);
    }
    engine.afterAnswer();
  }

  /** Why an answer is a failure (the source's error, or an answer for another job), or null. */
  static SourceException failureOf(Poller poller, JobSnapshot snapshot, Throwable error) {
    SourceException failure = error == null ? null : asSourceException(error);
    if (failure == null && !snapshot.id().equals(poller.id)) {
      failure = new SourceException(SourceException.Kind.BAD_RESPONSE,
          "The source answered for job " + snapshot.id() + " instead of " + poller.id);
    }
    return failure;
  }

  /** Applies an answer (stored, or decided by {@link ProgressWrites}) under the lock. */
  void apply(Poller poller, JobSnapshot snapshot, SourceException failure,
      SaveResult saved, RuntimeException storeFailure) {
    long now = engine.now();
    engine.dispatch.answered(poller, now);
    if (poller.ended || engine.closed) {
      return;
    }
    if (failure != null) {
      onFailure(poller, failure, now);
    } else if (storeFailure != null) {
      fail(poller.getters, storeFailure);
      onFailure(poller, new SourceException(SourceException.Kind.UNAVAILABLE,
          "Could not store the state of job " + poller.id + ": "
              + storeFailure.getMessage(), null, storeFailure), now);
    } else {
      onSaved(poller, snapshot, saved, now);
    }
  }

  private void onSaved(Poller poller, JobSnapshot observed, SaveResult saved, long now) {
    poller.failures = 0;
    poller.lastError = null;
    poller.lastUnreachable = null;
    JobSnapshot current = saved.current();
    poller.latest = current;
    complete(poller.getters, current);
    boolean running = current.state() instanceof JobState.Running;
    if (running && poller.aimedAtEta) {
      poller.estimator.missed();
    }
    switch (saved.outcome()) {
      case ADVANCED:
      case PROGRESSED:
        if (running) {
          poller.estimator.add(now, ((JobState.Running) current.state()).progress());
        }
        announce(poller, current);
        break;
      case ANOMALY:
        engine.events.toWatchers(poller, observed.state() instanceof JobState.Unrecognized
            ? new WatchEvent.Unrecognized(poller.id, at(now), observed)
            : new WatchEvent.Anomaly(poller.id, at(now), current, observed));
        break;
      default:
        if (running) {
          poller.estimator.add(now, ((JobState.Running) current.state()).progress());
        }
    }
    boolean hinted = poller.hinted;
    poller.hinted = false;
    if (current.isTerminal()) {
      engine.trust.ended(poller.id, hinted, now);
    } else if (hinted) {
      poller.hintRaced = true;
    }
    if (current.state() instanceof JobState.Cleaned) {
      endJob(poller, Reason.CLEANED,
          "The job was cleaned away by the provider; no result will come", null);
    } else if (current.isTerminal()) {
      if (!saved.outcome().replacesCurrent()) {
        announce(poller, current);
      }
      completeAll(poller, current);
    } else if (poller.handles.isEmpty()) {
      stop(poller);
    } else if (poller.follower) {
      return; // a hint's confirming request: the process holding the lease goes on polling
    } else {
      JobState basis = observed.state() instanceof JobState.Unrecognized
          ? observed.state() : current.state();
      engine.dispatch.schedule(poller, engine.trust.trusted(now) && !poller.hintRaced
          ? engine.cadence.safetyNet(poller, poller.lastPollAt)
          : engine.cadence.nextPoll(poller, basis));
    }
  }

  private void onFailure(Poller poller, SourceException failure, long now) {
    poller.lastError = failure;
    fail(poller.getters, failure);
    Verdicts.Verdict verdict =
        engine.verdicts.decide(failure, poller.failures, poller.startedAt, now);
    switch (verdict.action()) {
      case END_ALL:
        for (Poller each : new ArrayList<>(engine.pollers.values())) {
          fail(each.getters, failure);
          endJob(each, verdict.reason(), verdict.message(), failure);
        }
        return;
      case END_JOB:
        endJob(poller, verdict.reason(), verdict.message(), failure);
        return;
      case PAUSE_ALL:
        engine.dispatch.pauseUntil(verdict.retryAt());
        retry(poller, failure, Math.max(now, engine.dispatch.pausedUntil()));
        return;
      default:
        if (verdict.counts()) {
          poller.failures++;
        }
        retry(poller, failure, verdict.retryAt());
    }
  }

  /**
   * Tells of the failure — once per cause when it never reached the API — and polls again at
   * {@code at}, or stops when no watch is left.
   */
  private void retry(Poller poller, SourceException failure, long at) {
    boolean unreachable = Verdicts.neverReachedTheApi(failure);
    if (!unreachable || !failure.getMessage().equals(poller.lastUnreachable)) {
      engine.events.toWatchers(poller,
          new WatchEvent.PollFailed(poller.id, at(engine.now()), failure, at(at)));
    }
    poller.lastUnreachable = unreachable ? failure.getMessage() : null;
    if (poller.handles.isEmpty()) {
      stop(poller);
      return;
    }
    engine.dispatch.schedule(poller, at);
  }

  void onDeadline(Handle handle) {
    synchronized (engine) {
      Poller poller = handle.poller;
      if (handle.done || poller == null) {
        return;
      }
      SourceException last = poller.lastError;
      String message = "No result before the deadline"
          + (last == null ? "" : "; last poll failed: " + last.getMessage());
      endHandle(handle, Verdicts.atDeadline(last), message, last, true, true);
      afterLastWatch(poller, Verdicts.atDeadline(last));
    }
    engine.afterLock();
  }

  boolean cancel(Handle handle) {
    synchronized (engine) {
      if (handle.done) {
        return false;
      }
      endHandle(handle, Reason.CANCELLED, "The watch was cancelled", null, true, true);
      if (handle.poller != null) {
        afterLastWatch(handle.poller, Reason.CANCELLED);
      }
      return true;
    }
  }

  private void afterLastWatch(Poller poller, Reason reason) {
    if (poller.handles.isEmpty() && !poller.ended) {
      endRegistration(poller.id, reason);
      if (poller.getters.isEmpty()) {
        stop(poller);
      }
    }
  }

  /** Ends every watch of the poller without a render outcome, and records why. */
  void endJob(Poller poller, Reason reason, String message, Throwable cause) {
    boolean first = true;
    for (Handle handle : new ArrayList<>(poller.handles)) {
      endHandle(handle, reason, message, cause, true, first);
      first = false;
    }
    fail(poller.getters, ended(reason, poller.id, poller.latest, message, cause));
    stop(poller);
    endRegistration(poller.id, reason);
  }

  /** A followed job's result is in the store, saved by the process that polls it. */
  void answerFromStore(Poller poller, JobSnapshot stored) {
    poller.latest = stored;
    complete(poller.getters, stored);
    if (stored.state() instanceof JobState.Cleaned) {
      endJob(poller, Reason.CLEANED,
          "The job was cleaned away by the provider; no result will come", null);
      return;
    }
    announce(poller, stored);
    completeAll(poller, stored);
  }

  private void completeAll(Poller poller, JobSnapshot result) {
    for (Handle handle : new ArrayList<>(poller.handles)) {
      handle.done = true;
      cancelDeadline(handle);
      engine.events.then(() -> handle.complete(result));
    }
    poller.handles.clear();
    stop(poller);
    finishRegistration(poller.id);
  }

  private void endHandle(Handle handle, Reason reason, String message, Throwable cause,
      boolean announce, boolean alsoGlobal) {
    handle.done = true;
    cancelDeadline(handle);
    Poller poller = handle.poller;
    JobSnapshot last = poller == null ? null : poller.latest;
    if (poller != null) {
      poller.handles.remove(handle);
    }
    WatchEndedException ended = ended(reason, handle.id, last, message, cause);
    if (announce) {
      engine.events.to(handle, new WatchEvent.Ended(handle.id, at(engine.now()), ended),
          alsoGlobal);
    }
    engine.events.then(() -> handle.fail(ended));
  }

  private void stop(Poller poller) {
    poller.ended = true;
    poller.entry = null;
    if (poller.followTimer != null) {
      poller.followTimer.cancel();
      poller.followTimer = null;
    }
    engine.pollers.remove(poller.id, poller);
  }

  /**
   * Removes the job's registration once the effects before it have run (every caller has the
   * result), so a crash in between leaves it registered and a resume reports the job again.
   */
  void finishRegistration(JobId id) {
    engine.leases.ended(id);
    engine.settlements.finish(id);
  }

  /** Records why the job's watch ended here and frees its lease (closing keeps it for later). */
  private void endRegistration(JobId id, Reason reason) {
    if (reason == Reason.CLOSED || reason == Reason.LEASE_LOST) {
      return;
    }
    if (engine.leases.ended(id)) {
      engine.settlements.end(id, reason);
    } else {
      engine.leases.settled(id);
    }
  }

  private void announce(Poller poller, JobSnapshot snapshot) {
    WatchEvent event = Events.of(snapshot, at(engine.now()), eta(poller));
    if (event != null) {
      engine.events.toWatchers(poller, event);
    }
  }

  private Optional<Instant> eta(Poller poller) {
    long eta = engine.cadence.eta(poller);
    return eta == ProgressEstimator.NONE ? Optional.empty() : Optional.of(Engine.instant(eta));
  }

  private void complete(List<CompletableFuture<JobSnapshot>> getters, JobSnapshot current) {
    if (!getters.isEmpty()) {
      List<CompletableFuture<JobSnapshot>> waiting = new ArrayList<>(getters);
      getters.clear();
      engine.events.then(() -> waiting.forEach(f -> f.complete(current)));
    }
  }

  private void fail(List<CompletableFuture<JobSnapshot>> getters, Throwable failure) {
    if (!getters.isEmpty()) {
      List<CompletableFuture<JobSnapshot>> waiting = new ArrayList<>(getters);
      getters.clear();
      engine.events.then(() -> waiting.forEach(f -> f.completeExceptionally(failure)));
    }
  }

  private static void cancelDeadline(Handle handle) {
    if (handle.deadline != null) {
      handle.deadline.cancel();
    }
  }

  private static Instant at(long nanos) {
    return Engine.instant(nanos);
  }

  static SourceException asSourceException(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof SourceException failure) {
      return failure;
    }
    return new SourceException(SourceException.Kind.UNAVAILABLE,
        "The source failed unexpectedly: " + cause.getClass().getName(), null, cause);
  }

  static WatchEndedException ended(Reason reason, JobId id, JobSnapshot last, String message,
      Throwable cause) {
    return new WatchEndedException(reason, id, last, "Watch of " + id + " ended ("
        + reason.name().toLowerCase(Locale.ROOT) + "): " + message, cause);
  }
}
