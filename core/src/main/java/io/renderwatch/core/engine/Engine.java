package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.engine.WatchEvent.Type;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The watch engine. One lock guards all state; work happens in scheduler tasks and in the
 * callers of the public methods. Listeners and futures are completed after the lock is released,
 * in the order the engine decided them.
 */
final class Engine {

  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  private final JobStatusSource source;
  private final JobStore store;
  private final WatchRegistry registry;
  private final Scheduler scheduler;
  private final PollPolicy policy;
  private final WatchListener globalListener;
  private final String owner;
  private final SplittableRandom random;

  private final long minNanos;
  private final long maxNanos;
  private final long queuedNanos;
  private final long etaMarginNanos;

  private final Map<JobId, Poller> pollers = new HashMap<>();
  /** Jobs whose watch ended here but whose registration is not marked finished yet. */
  private final Set<JobId> finishing = new HashSet<>();
  private final PriorityQueue<Entry> due = new PriorityQueue<>();
  private final RateWindow budget;
  private long sequence;
  private int inFlight;
  private long pausedUntil = Long.MIN_VALUE;
  private Scheduler.Timer wakeTimer;
  private long wakeAt = Long.MAX_VALUE;
  private Scheduler.Timer renewTimer;
  private boolean closed;
  private List<Runnable> effects = new ArrayList<>();

  Engine(JobStatusSource source, JobStore store, WatchRegistry registry, Scheduler scheduler,
      PollPolicy policy, WatchListener globalListener, String owner, long seed) {
    this.source = source;
    this.store = store;
    this.registry = registry;
    this.scheduler = scheduler;
    this.policy = policy;
    this.globalListener = globalListener;
    this.owner = owner;
    this.random = new SplittableRandom(seed);
    this.minNanos = policy.minInterval().toNanos();
    this.maxNanos = policy.maxInterval().toNanos();
    this.queuedNanos = policy.queuedInterval().toNanos();
    this.etaMarginNanos = policy.etaMargin().toNanos();
    this.budget = new RateWindow(policy.requestsPerWindow(), policy.window().toNanos());
  }

  // ---------------------------------------------------------------- public operations

  JobWatch watch(JobId id, WatchOptions options, WatchListener listener) {
    Instant now = scheduler.now();
    Instant deadline = now.plus(policy.timeoutFor(options));
    return start(new WatchRegistration(id, now, deadline), listener, true);
  }

  List<JobWatch> resume(WatchListener listener) {
    List<JobWatch> watches = new ArrayList<>();
    List<Runnable> fx;
    // Claim and start under the lock: a job that ends here meanwhile is either still watched
    // (or its registration not yet marked finished) when checked, or no longer claimable.
    synchronized (this) {
      List<WatchRegistration> claimed =
          registry.claim(owner, scheduler.now(), policy.lease(), Integer.MAX_VALUE);
      for (WatchRegistration registration : claimed) {
        if (!isWatched(registration.jobId())) {
          watches.add(startLocked(registration, listener, false));
        }
      }
      fx = takeEffects();
    }
    run(fx);
    return watches;
  }

  CompletableFuture<JobSnapshot> get(JobId id) {
    Optional<JobSnapshot> stored = store.find(id);
    if (stored.isPresent() && stored.get().isTerminal()) {
      return CompletableFuture.completedFuture(stored.get());
    }
    CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
    List<Runnable> fx;
    synchronized (this) {
      if (closed) {
        answer.completeExceptionally(ended(Reason.CLOSED, id, null, "The engine is closed", null));
        return answer;
      }
      Poller poller = pollers.computeIfAbsent(id, key -> new Poller(key, now(), null));
      poller.getters.add(answer);
      if (!poller.inFlight) {
        enqueue(poller, now());
      }
      pump();
      fx = takeEffects();
    }
    run(fx);
    return answer;
  }

  void close() {
    List<Runnable> fx;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      cancelTimers();
      for (Poller poller : new ArrayList<>(pollers.values())) {
        try {
          registry.release(owner, poller.id);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "Could not release the lease of " + poller.id, e);
        }
        endPoller(poller, Reason.CLOSED, "The engine was closed", null, false);
      }
      due.clear();
      fx = takeEffects();
    }
    run(fx);
  }

  private synchronized boolean isWatched(JobId id) {
    Poller poller = pollers.get(id);
    return (poller != null && !poller.handles.isEmpty()) || finishing.contains(id);
  }

  synchronized int activeWatches() {
    return pollers.size();
  }

  // ---------------------------------------------------------------- starting a watch

  private JobWatch start(WatchRegistration wanted, WatchListener listener, boolean register) {
    JobWatch handle;
    List<Runnable> fx;
    synchronized (this) {
      handle = startLocked(wanted, listener, register);
      fx = takeEffects();
    }
    run(fx);
    return handle;
  }

  /** Starts one watch; the caller holds the lock and runs the effects after releasing it. */
  private JobWatch startLocked(WatchRegistration wanted, WatchListener listener,
      boolean register) {
    JobId id = wanted.jobId();
    Handle handle = new Handle(id, listener);
    Optional<JobSnapshot> stored = store.find(id);
    if (closed) {
      handle.result.completeExceptionally(
          ended(Reason.CLOSED, id, stored.orElse(null), "The engine is closed", null));
      return handle;
    }
    if (stored.isPresent() && stored.get().isTerminal()) {
      JobSnapshot done = stored.get();
      emitTo(handle, eventFor(done, Optional.empty()), true);
      effects.add(() -> handle.result.complete(done));
      finishRegistration(id);
      return handle;
    }
    WatchRegistration inForce = register
        ? registry.register(wanted, owner, scheduler.now().plus(policy.lease()))
        : wanted;
    Poller poller = pollers.get(id);
    if (poller == null) {
      poller = new Poller(id, nanos(inForce.startedAt()), stored.orElse(null));
      pollers.put(id, poller);
      enqueue(poller, now());
    }
    handle.poller = poller;
    poller.handles.add(handle);
    long delay = nanos(inForce.deadline()) - now();
    handle.deadline = scheduler.schedule(Duration.ofNanos(Math.max(0, delay)),
        () -> onDeadline(handle));
    ensureRenewal();
    pump();
    return handle;
  }

  // ---------------------------------------------------------------- the pump

  /** Sends every due poll the budget allows, then arranges to wake for the next one. */
  private void pump() {
    if (closed) {
      return;
    }
    long now = now();
    while (true) {
      Entry head = due.peek();
      if (head == null) {
        return;
      }
      if (head.poller.entry != head || head.poller.ended) {
        due.poll();
        continue;
      }
      if (head.at > now) {
        wakeAt(head.at);
        return;
      }
      if (pausedUntil > now) {
        wakeAt(pausedUntil);
        return;
      }
      if (inFlight >= policy.maxInFlight()) {
        return;
      }
      long slot = budget.nextSlot(now);
      if (slot > now) {
        wakeAt(slot);
        return;
      }
      due.poll();
      head.poller.entry = null;
      dispatch(head.poller, now);
    }
  }

  private void dispatch(Poller poller, long now) {
    inFlight++;
    poller.inFlight = true;
    poller.lastPollAt = now;
    CompletableFuture<JobSnapshot> answer;
    try {
      answer = source.fetch(poller.id);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    // The budget counts when the request left, not when this pump began: handing a request to
    // the source takes time (an HTTP client may start a thread), and a pump that sends many
    // would otherwise date them all early and let the next window open too soon.
    budget.record(Math.max(now, now()));
    answer.whenComplete((snapshot, error) ->
        scheduler.execute(() -> onAnswer(poller, snapshot, error)));
  }

  private void wakeAt(long at) {
    if (wakeTimer != null && wakeAt <= at) {
      return;
    }
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
    wakeAt = at;
    wakeTimer = scheduler.schedule(Duration.ofNanos(Math.max(0, at - now())), this::onWake);
  }

  private void onWake() {
    List<Runnable> fx;
    synchronized (this) {
      wakeTimer = null;
      wakeAt = Long.MAX_VALUE;
      pump();
      fx = takeEffects();
    }
    run(fx);
  }

  // ---------------------------------------------------------------- answers

  private void onAnswer(Poller poller, JobSnapshot snapshot, Throwable error) {
    List<Runnable> fx;
    synchronized (this) {
      inFlight--;
      poller.inFlight = false;
      if (!poller.ended && !closed) {
        long now = now();
        if (error != null) {
          onFailure(poller, asSourceException(error), now);
        } else if (!snapshot.id().equals(poller.id)) {
          onFailure(poller, new SourceException(SourceException.Kind.BAD_RESPONSE,
              "The source answered for job " + snapshot.id() + " instead of " + poller.id), now);
        } else {
          onSnapshot(poller, snapshot, now);
        }
      }
      pump();
      fx = takeEffects();
    }
    run(fx);
  }

  private void onSnapshot(Poller poller, JobSnapshot snapshot, long now) {
    SaveResult saved;
    try {
      saved = store.save(snapshot);
    } catch (RuntimeException e) {
      retryAfterFailure(poller, e, now);
      return;
    }
    poller.failures = 0;
    poller.lastError = null;
    JobSnapshot current = saved.current();
    poller.latest = current;
    completeGetters(poller, current);
    switch (saved.outcome()) {
      case ADVANCED:
      case PROGRESSED:
        if (current.state() instanceof JobState.Running running) {
          poller.estimator.add(now, running.progress());
        }
        emit(poller, eventFor(current, estimate(poller)));
        break;
      case ANOMALY:
        emit(poller, new WatchEvent(Type.ANOMALY, poller.id, instant(now), Optional.of(snapshot),
            Optional.empty(), Optional.empty(), Optional.empty()));
        break;
      default:
        if (current.state() instanceof JobState.Running running) {
          poller.estimator.add(now, running.progress());
        }
        break;
    }
    if (current.isTerminal()) {
      if (!saved.outcome().replacesCurrent()) {
        emit(poller, eventFor(current, Optional.empty()));
      }
      endPoller(poller, current);
      finishRegistration(poller.id);
      return;
    }
    if (poller.handles.isEmpty()) {
      stopPoller(poller);
      return;
    }
    enqueue(poller, nextPoll(poller, current.state(), now));
  }

  private void onFailure(Poller poller, SourceException failure, long now) {
    poller.lastError = failure;
    failGetters(poller, failure);
    switch (failure.kind()) {
      case UNAUTHORIZED:
      case FORBIDDEN:
        Reason reason = failure.kind() == SourceException.Kind.UNAUTHORIZED
            ? Reason.UNAUTHORIZED : Reason.FORBIDDEN;
        for (Poller each : new ArrayList<>(pollers.values())) {
          failGetters(each, failure);
          endPoller(each, reason, failure.getMessage(), failure, true);
        }
        return;
      case NOT_FOUND:
        if (now - poller.startedAt < policy.notFoundGrace().toNanos()) {
          retryAt(poller, failure, now + minNanos);
        } else {
          endPoller(poller, Reason.NOT_FOUND, failure.getMessage(), failure, true);
          finishRegistration(poller.id);
        }
        return;
      case RATE_LIMITED:
        long pause = failure.retryAfter().orElse(policy.rateLimitPause()).toNanos();
        pausedUntil = Math.max(pausedUntil, now + pause);
        retryAt(poller, failure, Math.max(now, pausedUntil));
        return;
      default:
        retryAfterFailure(poller, failure, now);
    }
  }

  private void retryAfterFailure(Poller poller, Throwable failure, long now) {
    poller.failures++;
    if (poller.failures >= policy.maxConsecutiveFailures()) {
      Reason reason = reasonFor(failure);
      endPoller(poller, reason, "Gave up after " + poller.failures + " failed polls in a row: "
          + failure.getMessage(), failure, true);
      return;
    }
    long ceiling = policy.backoffBase().toNanos();
    for (int i = 1; i < poller.failures && ceiling < policy.backoffCap().toNanos(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, policy.backoffCap().toNanos());
    long delay = Math.max(policy.backoffFloor().toNanos(), (long) (random.nextDouble() * ceiling));
    retryAt(poller, failure, now + delay);
  }

  private void retryAt(Poller poller, Throwable failure, long at) {
    emit(poller, new WatchEvent(Type.POLL_FAILED, poller.id, instant(now()),
        Optional.ofNullable(poller.latest), Optional.empty(), Optional.of(instant(at)),
        Optional.of(failure)));
    if (poller.handles.isEmpty()) {
      stopPoller(poller);
      return;
    }
    enqueue(poller, at);
  }

  // ---------------------------------------------------------------- timing of the next poll

  private long nextPoll(Poller poller, JobState state, long now) {
    long base = poller.lastPollAt;
    if (!(state instanceof JobState.Running)) {
      poller.aimedAtEta = false;
      return base + jittered(queuedNanos);
    }
    if (poller.aimedAtEta) {
      // We polled at the predicted completion and the job is still running.
      poller.aimedAtEta = false;
      return base + minNanos;
    }
    long eta = poller.estimator.eta();
    if (eta == ProgressEstimator.NONE) {
      return base + jittered(poller.estimator.stalled() ? maxNanos : minNanos);
    }
    long target = eta + etaMarginNanos;
    if (target <= base + minNanos) {
      poller.aimedAtEta = true;
      return base + minNanos;
    }
    if (target >= base + maxNanos) {
      return base + maxNanos;
    }
    poller.aimedAtEta = true;
    return target;
  }

  private long jittered(long interval) {
    double spread = policy.jitter();
    long value = (long) (interval * (1 - spread + 2 * spread * random.nextDouble()));
    return Math.max(minNanos, Math.min(Math.max(maxNanos, queuedNanos), value));
  }

  private Optional<Instant> estimate(Poller poller) {
    long eta = poller.estimator.eta();
    return eta == ProgressEstimator.NONE ? Optional.empty() : Optional.of(instant(eta));
  }

  // ---------------------------------------------------------------- ending

  private void onDeadline(Handle handle) {
    List<Runnable> fx;
    synchronized (this) {
      Poller poller = handle.poller;
      if (handle.done || poller == null) {
        return;
      }
      Throwable last = poller.lastError;
      Reason reason = last instanceof SourceException failure && failure.retryable()
          ? reasonFor(failure) : Reason.TIMEOUT;
      String message = "No result before the deadline"
          + (last == null ? "" : "; last poll failed: " + last.getMessage());
      endHandle(handle, reason, message, last, true);
      if (poller.handles.isEmpty() && !poller.ended) {
        finishRegistration(poller.id);
        if (poller.getters.isEmpty()) {
          stopPoller(poller);
        }
      }
      fx = takeEffects();
    }
    run(fx);
  }

  boolean cancel(Handle handle) {
    List<Runnable> fx;
    synchronized (this) {
      if (handle.done) {
        return false;
      }
      Poller poller = handle.poller;
      endHandle(handle, Reason.CANCELLED, "The watch was cancelled", null, false);
      if (poller != null && poller.handles.isEmpty() && !poller.ended) {
        finishRegistration(poller.id);
        if (poller.getters.isEmpty()) {
          stopPoller(poller);
        }
      }
      fx = takeEffects();
    }
    run(fx);
    return true;
  }

  /** Ends every watch of the poller with a final snapshot. */
  private void endPoller(Poller poller, JobSnapshot finalSnapshot) {
    for (Handle handle : new ArrayList<>(poller.handles)) {
      handle.done = true;
      cancelDeadline(handle);
      effects.add(() -> handle.result.complete(finalSnapshot));
    }
    poller.handles.clear();
    stopPoller(poller);
  }

  /** Ends every watch of the poller without a render outcome. */
  private void endPoller(Poller poller, Reason reason, String message, Throwable cause,
      boolean announce) {
    boolean first = true;
    for (Handle handle : new ArrayList<>(poller.handles)) {
      endHandle(handle, reason, message, cause, announce, first);
      first = false;
    }
    failGetters(poller, ended(reason, poller.id, poller.latest, message, cause));
    stopPoller(poller);
  }

  private void endHandle(Handle handle, Reason reason, String message, Throwable cause,
      boolean announce) {
    endHandle(handle, reason, message, cause, announce, true);
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
      emitTo(handle, new WatchEvent(Type.GAVE_UP, handle.id, instant(now()),
          Optional.ofNullable(last), Optional.empty(), Optional.empty(), Optional.of(ended)),
          alsoGlobal);
    }
    effects.add(() -> handle.result.completeExceptionally(ended));
  }

  private void stopPoller(Poller poller) {
    poller.ended = true;
    poller.entry = null;
    pollers.remove(poller.id, poller);
    if (pollers.isEmpty()) {
      cancelTimers();
    }
  }

  /**
   * Marks the job's watch finished once the effects before it have run: after every caller has
   * been handed the result (and its synchronous callbacks, such as printing it, have run), so a
   * crash in between leaves the watch registered and a resume reports the job again rather than
   * never.
   */
  private void finishRegistration(JobId id) {
    finishing.add(id);
    effects.add(() -> {
      try {
        registry.finish(id);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not mark the watch of " + id + " finished",
            e);
      } finally {
        synchronized (this) {
          finishing.remove(id);
        }
      }
    });
  }

  // ---------------------------------------------------------------- leases

  private void ensureRenewal() {
    if (renewTimer == null && !closed) {
      renewTimer = scheduler.schedule(policy.lease().dividedBy(3), this::renew);
    }
  }

  private void renew() {
    synchronized (this) {
      renewTimer = null;
      if (closed || pollers.isEmpty()) {
        return;
      }
      try {
        registry.renew(owner, scheduler.now(), policy.lease());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not renew the watch leases", e);
      }
      ensureRenewal();
    }
  }

  private void cancelTimers() {
    if (wakeTimer != null) {
      wakeTimer.cancel();
      wakeTimer = null;
      wakeAt = Long.MAX_VALUE;
    }
    if (renewTimer != null) {
      renewTimer.cancel();
      renewTimer = null;
    }
  }

  private static void cancelDeadline(Handle handle) {
    if (handle.deadline != null) {
      handle.deadline.cancel();
    }
  }

  // ---------------------------------------------------------------- events and effects

  private void emit(Poller poller, WatchEvent event) {
    boolean first = true;
    for (Handle handle : poller.handles) {
      emitTo(handle, event, first);
      first = false;
    }
    if (first) {
      emitTo(null, event, true);
    }
  }

  private void emitTo(Handle handle, WatchEvent event, boolean alsoGlobal) {
    WatchListener own = handle == null ? WatchListener.NONE : handle.listener;
    if (own == WatchListener.NONE && (!alsoGlobal || globalListener == WatchListener.NONE)) {
      return;
    }
    effects.add(() -> {
      notify(own, event);
      if (alsoGlobal) {
        notify(globalListener, event);
      }
    });
  }

  private static void notify(WatchListener listener, WatchEvent event) {
    if (listener == WatchListener.NONE) {
      return;
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "A watch listener failed on " + event.type(), e);
    }
  }

  private WatchEvent eventFor(JobSnapshot snapshot, Optional<Instant> eta) {
    Type type;
    switch (snapshot.state().kind()) {
      case QUEUED:
        type = Type.QUEUED;
        break;
      case RUNNING:
        type = Type.PROGRESS;
        break;
      case COMPLETED:
        type = Type.COMPLETED;
        break;
      case FAILED:
        type = Type.FAILED;
        break;
      default:
        type = Type.UNRECOGNIZED;
    }
    return new WatchEvent(type, snapshot.id(), instant(now()), Optional.of(snapshot), eta,
        Optional.empty(), Optional.empty());
  }

  private void completeGetters(Poller poller, JobSnapshot current) {
    if (poller.getters.isEmpty()) {
      return;
    }
    List<CompletableFuture<JobSnapshot>> waiting = new ArrayList<>(poller.getters);
    poller.getters.clear();
    effects.add(() -> waiting.forEach(f -> f.complete(current)));
  }

  private void failGetters(Poller poller, Throwable failure) {
    if (poller.getters.isEmpty()) {
      return;
    }
    List<CompletableFuture<JobSnapshot>> waiting = new ArrayList<>(poller.getters);
    poller.getters.clear();
    effects.add(() -> waiting.forEach(f -> f.completeExceptionally(failure)));
  }

  private List<Runnable> takeEffects() {
    if (effects.isEmpty()) {
      return List.of();
    }
    List<Runnable> taken = effects;
    effects = new ArrayList<>();
    return taken;
  }

  private static void run(List<Runnable> fx) {
    for (Runnable effect : fx) {
      effect.run();
    }
  }

  // ---------------------------------------------------------------- small helpers

  private void enqueue(Poller poller, long at) {
    Entry entry = new Entry(poller, at, sequence++);
    poller.entry = entry;
    due.add(entry);
  }

  private long now() {
    return nanos(scheduler.now());
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  private static SourceException asSourceException(Throwable error) {
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

  private static Reason reasonFor(Throwable failure) {
    if (failure instanceof SourceException source) {
      switch (source.kind()) {
        case RATE_LIMITED:
          return Reason.RATE_LIMITED;
        case BAD_RESPONSE:
          return Reason.BAD_RESPONSE;
        default:
          return Reason.UNAVAILABLE;
      }
    }
    return Reason.UNAVAILABLE;
  }

  private static WatchEndedException ended(Reason reason, JobId id, JobSnapshot last,
      String message, Throwable cause) {
    return new WatchEndedException(reason, id, last, "Watch of " + id + " ended ("
        + reason.name().toLowerCase(java.util.Locale.ROOT) + "): " + message, cause);
  }

  // ---------------------------------------------------------------- state holders

  /** One job's poll loop, shared by every watch of that job. */
  private static final class Poller {
    final JobId id;
    final long startedAt;
    final List<Handle> handles = new ArrayList<>(1);
    final List<CompletableFuture<JobSnapshot>> getters = new ArrayList<>(0);
    final ProgressEstimator estimator = new ProgressEstimator();
    JobSnapshot latest;
    Entry entry;
    boolean inFlight;
    boolean ended;
    boolean aimedAtEta;
    long lastPollAt;
    int failures;
    Throwable lastError;

    Poller(JobId id, long startedAt, JobSnapshot latest) {
      this.id = id;
      this.startedAt = startedAt;
      this.latest = latest;
    }
  }

  /** A poller's place in the due queue; stale once the poller holds another entry. */
  private static final class Entry implements Comparable<Entry> {
    final Poller poller;
    final long at;
    final long sequence;

    Entry(Poller poller, long at, long sequence) {
      this.poller = poller;
      this.at = at;
      this.sequence = sequence;
    }

    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  /** One caller's watch. */
  final class Handle implements JobWatch {
    final JobId id;
    final WatchListener listener;
    final CompletableFuture<JobSnapshot> result = new CompletableFuture<>();
    Poller poller;
    Scheduler.Timer deadline;
    boolean done;

    Handle(JobId id, WatchListener listener) {
      this.id = id;
      this.listener = listener;
    }

    @Override
    public JobId jobId() {
      return id;
    }

    @Override
    public CompletableFuture<JobSnapshot> result() {
      return result;
    }

    @Override
    public boolean cancel() {
      return Engine.this.cancel(this);
    }

    @Override
    public String toString() {
      return "JobWatch[" + id + (done ? ", ended" : "") + "]";
    }
  }
}
