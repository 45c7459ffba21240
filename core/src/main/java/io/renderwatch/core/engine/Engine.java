package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The watch engine: one lock over the pollers, the {@link Dispatch}, the {@link Leases} and the
 * {@link Cadence}/{@link Verdicts} deciders. Every store, registry and network call runs outside
 * the lock (store and registry calls on the storage executor); its result is applied under the
 * lock afterwards. Effects run through {@link Events} on the scheduler's thread. The life of one
 * poll — its answer, its failure, the end of its watches — lives in {@link Polls}.
 */
final class Engine {

  static final System.Logger LOG = System.getLogger(Engine.class.getName());

  final JobStatusSource source;
  final JobStore store;
  final WatchRegistry registry;
  final Scheduler scheduler;
  final Executor storage;
  final PollPolicy policy;
  final String owner;
  final Cadence cadence;
  final Verdicts verdicts;
  final Dispatch dispatch;
  final Leases leases = new Leases();
  final CallbackTrust trust;
  final Events events;
  final Polls polls;
  final Settlements settlements = new Settlements(this);
  private final Answers answers = new Answers(this);
  /** Progress written behind, or null when every answer is stored before it is applied. */
  final ProgressWrites behind;
  final Followers followers = new Followers(this);
  private final Renewals renewals = new Renewals(this);
  final Map<JobId, Poller> pollers = new HashMap<>();
  boolean closed;
  /** Hears every poll as it is sent, under the lock; for diagnostics in this package, or null. */
  java.util.function.Consumer<Poller> sendTrace;
  private ShareKeeper shareKeeper;
  private Scheduler.Timer wakeTimer;
  private long wakeAt = Long.MAX_VALUE;
  private boolean pumpQueued;

  Engine(JobStatusSource source, JobStore store, WatchRegistry registry, Scheduler scheduler,
      Executor storage, PollPolicy policy, WatchListener listener, String owner, long seed,
      Duration progressDelay) {
    this.source = source;
    this.store = store;
    this.registry = registry;
    this.scheduler = scheduler;
    this.storage = storage;
    this.policy = policy;
    this.owner = owner;
    this.cadence = new Cadence(policy, new SplittableRandom(seed));
    this.verdicts = new Verdicts(policy, cadence);
    this.dispatch = new Dispatch(policy);
    this.trust = new CallbackTrust(policy.minInterval().toNanos(),
        policy.maxInterval().plus(policy.minInterval()).toNanos());
    this.events = new Events(scheduler, listener);
    this.polls = new Polls(this);
    this.behind = progressDelay.isZero() ? null : new ProgressWrites(this, progressDelay);
  }

  /** Keeps to this process's share of the budget from now on; see {@link ShareKeeper}. */
  synchronized void shareBudget(io.renderwatch.core.port.BudgetShares shares) {
    shareKeeper = new ShareKeeper(this, shares);
    shareKeeper.start();
  }

  // ---------------------------------------------------------------- starting watches

  JobWatch watch(JobId id, WatchOptions options, WatchListener listener) {
    return watchAll(List.of(id), options, listener).get(0);
  }

  /**
   * Registers every job first and only then starts polling any of them, so that once a result
   * can have been reported, each of these jobs is registered and a crash leaves none unknown to
   * a resume.
   */
  List<JobWatch> watchAll(List<JobId> ids, WatchOptions options, WatchListener listener) {
    Instant now = scheduler.now();
    Instant deadline = now.plus(policy.timeoutFor(options));
    List<Runnable> starts = new ArrayList<>(ids.size());
    JobWatch[] watches = new JobWatch[ids.size()];
    List<Optional<JobSnapshot>> found = new ArrayList<>(ids.size());
    List<WatchRegistration> unfinished = new ArrayList<>();
    for (JobId id : ids) {
      Optional<JobSnapshot> stored = store.find(id);
      found.add(stored);
      if (stored.isEmpty() || !stored.get().isTerminal()) {
        unfinished.add(new WatchRegistration(id, now, deadline));
      }
    }
    List<Optional<WatchRegistration>> answers = unfinished.isEmpty() ? List.of()
        : registry.registerAll(unfinished, owner, now, policy.lease());
    int answer = 0;
    for (int i = 0; i < ids.size(); i++) {
      JobId id = ids.get(i);
      int slot = i;
      Optional<JobSnapshot> stored = found.get(i);
      if (stored.isPresent() && stored.get().isTerminal()) {
        starts.add(() -> watches[slot] = answeredLocked(id, listener, stored.get()));
        continue;
      }
      Optional<WatchRegistration> held = answers.get(answer++);
      if (held.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "Job " + id + " is watched by another process on a"
            + " live lease; following its result in the store until that lease ends");
      }
      starts.add(() -> watches[slot] = attach(id, listener, deadline, stored.orElse(null),
          held.isPresent()));
    }
    synchronized (this) {
      starts.forEach(Runnable::run);
    }
    afterLock();
    return Arrays.asList(watches);
  }

  /** Claims registrations and starts them; see {@link Claims}. */
  List<JobWatch> claim(WatchListener listener, boolean alsoFixable) {
    return new Claims(this).claim(listener, alsoFixable);
  }

  /** A confirming poll for a job something says has changed; see {@link RenderWatch#hint}. */
  JobWatch hint(JobId id) {
    return new Hints(this).hint(id);
  }

  CompletableFuture<JobSnapshot> get(JobId id) {
    Optional<JobSnapshot> stored;
    try {
      stored = store.find(id);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (stored.isPresent() && stored.get().isTerminal()) {
      return CompletableFuture.completedFuture(stored.get());
    }
    CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        answer.completeExceptionally(
            Polls.ended(Reason.CLOSED, id, null, "The engine is closed", null));
        return answer;
      }
      Poller poller = pollers.computeIfAbsent(id, key -> new Poller(key, now(), null));
      poller.getters.add(answer);
      dispatch.pollSoon(poller, now());
    }
    afterLock();
    return answer;
  }

  /** Attaches a new watch to the job's poller (made if needed); the caller holds the lock. */
  Handle attach(JobId id, WatchListener listener, Instant deadline, JobSnapshot known,
      boolean leaseHeld) {
    Handle handle = new Handle(id, listener, this);
    if (closed) {
      handle.done = true;
      handle.fail(Polls.ended(Reason.CLOSED, id, known, "The engine is closed", null));
      if (leaseHeld) {
        storage.execute(() -> registry.release(owner, id));
      }
      return handle;
    }
    if (leaseHeld) {
      leases.hold(id);
    }
    Poller poller = pollers.get(id);
    if (poller == null) {
      poller = new Poller(id, now(), known);
      // Every caller read the store just before: what it found is what the store holds.
      poller.latestIsStored = leaseHeld;
      pollers.put(id, poller);
      if (leaseHeld) {
        long now = now();
        dispatch.schedule(poller, trust.trusted(now) ? cadence.safetyNet(poller, now) : now);
      } else {
        followers.start(poller, deadline);
      }
    } else if (leaseHeld) {
      followers.promote(poller);
    }
    handle.poller = poller;
    poller.handles.add(handle);
    long delay = nanos(deadline) - now();
    handle.deadline = scheduler.schedule(Duration.ofNanos(Math.max(0, delay)),
        () -> polls.onDeadline(handle));
    renewals.ensure();
    return handle;
  }

  JobWatch answered(JobId id, WatchListener listener, JobSnapshot done) {
    Handle handle;
    synchronized (this) {
      handle = answeredLocked(id, listener, done);
    }
    afterLock();
    return handle;
  }

  /** A watch answered from the store: no request; its registration is finished. */
  Handle answeredLocked(JobId id, WatchListener listener, JobSnapshot done) {
    Handle handle = new Handle(id, listener, this);
    handle.done = true;
    if (done.state() instanceof JobState.Cleaned) {
      WatchEndedException ended = Polls.ended(Reason.CLEANED, id, done,
          "The job was cleaned away by the provider; no result will come", null);
      events.to(handle, new WatchEvent.Ended(id, scheduler.now(), ended), true);
      events.then(() -> handle.fail(ended));
    } else {
      WatchEvent event = Events.of(done, scheduler.now(), Optional.empty());
      events.to(handle, event, true);
      events.then(() -> handle.complete(done));
    }
    polls.finishRegistration(id);
    return handle;
  }

  // ---------------------------------------------------------------- sending

  /**
   * After an answer was applied, on the storage executor: when that is the scheduler itself
   * (virtual time, or a scheduler given without a storage executor) this already is the
   * engine's thread, so sending and effects run here rather than as two more tasks.
   */
  void afterAnswer() {
    if (storage != scheduler) {
      afterLock();
      return;
    }
    pump();
    events.drain();
  }

  /** Runs after every locked section: sends what is due (on the engine thread) and effects. */
  void afterLock() {
    boolean queue;
    synchronized (this) {
      queue = !pumpQueued && !closed;
      pumpQueued |= queue;
    }
    if (queue) {
      scheduler.execute(this::pump);
    }
    events.kick();
  }

  private void pump() {
    List<Poller> batch;
    long reserved;
    synchronized (this) {
      pumpQueued = false;
      if (closed) {
        return;
      }
      reserved = now();
      batch = dispatch.take(reserved);
      if (sendTrace != null) {
        batch.forEach(sendTrace);
      }
      wake(dispatch.wakeAt());
    }
    for (Poller poller : batch) {
      CompletableFuture<JobSnapshot> answer;
      try {
        answer = source.fetch(poller.id);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((snapshot, error) ->
          answers.add(poller, snapshot, error));
    }
  }

  private void wake(long at) {
    if (at == Long.MAX_VALUE || (wakeTimer != null && wakeAt <= at)) {
      return;
    }
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
    wakeAt = at;
    wakeTimer = scheduler.schedule(Duration.ofNanos(Math.max(0, at - now())), () -> {
      synchronized (this) {
        wakeTimer = null;
        wakeAt = Long.MAX_VALUE;
      }
      pump();
    });
  }

  // ---------------------------------------------------------------- stopping

  boolean cancel(Handle handle) {
    boolean cancelled = polls.cancel(handle);
    afterLock();
    return cancelled;
  }

  synchronized boolean isDone(Handle handle) {
    return handle.done;
  }

  void close() {
    Set<JobId> held;
    List<Runnable> unsettled;
    List<JobSnapshot> unwritten = List.of();
    synchronized (this) {
      if (closed) {
        return;
      }
      for (Poller poller : new ArrayList<>(pollers.values())) {
        polls.endJob(poller, Reason.CLOSED, "The engine was closed", null);
      }
      closed = true;
      held = leases.releaseAll();
      unsettled = settlements.takeUnsettled();
      if (behind != null) {
        unwritten = behind.takeAll();
      }
      dispatch.clear();
      if (wakeTimer != null) {
        wakeTimer.cancel();
      }
      renewals.cancel();
    }
    events.drain(); // callers hear first, as when the engine runs
    if (behind != null) {
      behind.write(unwritten); // the latest progress, before the leases are given up
      behind.awaitFlushes();
    }
    unsettled.forEach(Runnable::run);
    for (JobId id : held) {
      try {
        registry.release(owner, id);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not release the lease of " + id, e);
      }
    }
    if (shareKeeper != null) {
      shareKeeper.leave();
    }
  }

  synchronized int activeWatches() {
    return pollers.size();
  }

  // ---------------------------------------------------------------- time

  long now() {
    return nanos(scheduler.now());
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }
}
