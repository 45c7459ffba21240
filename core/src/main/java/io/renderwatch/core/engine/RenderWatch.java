package io.renderwatch.core.engine;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.BudgetShares;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.time.Scheduler;
import io.renderwatch.core.time.SystemScheduler;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches Pictory render jobs until they end, politely and cheaply, and keeps their results:
 * the entry point of the library.
 *
 * <pre>{@code
 * try (RenderWatch watch = RenderWatch.builder()
 *     .source(source).store(store).registry(registry)
 *     .owns(closeable)                 // closed with the RenderWatch, after polling stopped
 *     .listener(event -> log(event))   // every event of every watch
 *     .build()) {
 *   JobSnapshot done = watch.watch(jobId).result().join();
 * }
 * }</pre>
 *
 * <p>All watches of one instance share one account-wide request budget and one poll loop per
 * job; the instance runs on its {@link Scheduler}, with no thread per job, and makes its store
 * and registry calls on a storage executor, never while holding its lock. Listeners run on the
 * scheduler's thread, one event at a time. Thread-safe.
 */
public final class RenderWatch implements AutoCloseable {

  private final Engine engine;
  private final JobStore store;
  private final PollPolicy policy;
  private final String owner;
  private final SystemScheduler ownedScheduler;
  private final ExecutorService ownedStorage;
  private final List<AutoCloseable> owned;

  private RenderWatch(Builder builder) {
    this.store = builder.store;
    this.policy = builder.policy;
    this.owner = builder.owner != null ? builder.owner : defaultOwner();
    this.owned = List.copyOf(builder.owned);
    Scheduler scheduler = builder.scheduler;
    this.ownedScheduler = scheduler == null ? new SystemScheduler() : null;
    if (scheduler == null) {
      scheduler = ownedScheduler;
    }
    java.util.concurrent.Executor storage = builder.storage;
    this.ownedStorage = storage == null && builder.scheduler == null ? storagePool() : null;
    if (storage == null) {
      storage = ownedStorage != null ? ownedStorage : scheduler;
    }
    this.engine = new Engine(builder.source, builder.store, builder.registry, scheduler, storage,
        builder.policy, builder.listener, owner, builder.seed, builder.progressDelay);
    if (builder.shares != null) {
      engine.shareBudget(builder.shares);
    }
  }

  /** Starts a builder; a source is required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Watches a job with the default options. */
  public JobWatch watch(JobId id) {
    return watch(id, WatchOptions.defaults(), WatchListener.NONE);
  }

  /** Watches a job. */
  public JobWatch watch(JobId id, WatchOptions options) {
    return watch(id, options, WatchListener.NONE);
  }

  /**
   * Watches a job until it completes, fails, or the watch ends; a job whose final result is
   * already stored is answered from the store without a request. Watches of the same job share
   * one poll loop. The deadline is the one these options give, counted from now, whatever an
   * earlier watch of the job had. When another process holds the job on a live lease, that
   * process polls it: this one sends no request of its own, reads the result from the shared
   * store, and takes the job over (lease and polling) once that lease runs out.
   */
  public JobWatch watch(JobId id, WatchOptions options, WatchListener listener) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    return engine.watch(id, options, listener);
  }

  /**
   * Watches each job, in order, with the same options and listener; every job is registered
   * before any is polled, so a process that dies after reporting a result leaves all of them to
   * {@link #resume}.
   */
  public List<JobWatch> watchAll(Collection<JobId> ids, WatchOptions options,
      WatchListener listener) {
    Objects.requireNonNull(ids, "ids == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    List<JobId> list = new ArrayList<>(ids);
    list.forEach(id -> Objects.requireNonNull(id, "ids holds null"));
    return engine.watchAll(list, options, listener);
  }

  /**
   * Watches again what a person asked to resume: every live registered watch this instance can
   * claim (free ones, its own, and those whose holder's lease ran out), each with its original
   * deadline, and — once — every watch that ended for a reason a person can fix
   * ({@link WatchEndedException.Reason#fixable()}: unauthorized, forbidden, unreachable, too
   * many failures), each with a new deadline of its original length. Jobs already watched here
   * are skipped.
   */
  public List<JobWatch> resume(WatchListener listener) {
    Objects.requireNonNull(listener, "listener == null");
    return engine.claim(listener, true);
  }

  /**
   * Takes over the live registered watches this instance can claim, as {@link #resume} does,
   * but never one that ended: for a process that keeps claiming what others left behind.
   */
  public List<JobWatch> takeOver(WatchListener listener) {
    Objects.requireNonNull(listener, "listener == null");
    return engine.claim(listener, false);
  }

  /**
   * Something changed for the job (a webhook said so): if its final result is stored, the
   * returned watch is already done and no request is made; if it is watched here, one
   * confirming poll goes out as soon as the budget allows, sharing a poll already due or in
   * flight; otherwise the job is watched from now with the default options. A hint is never a
   * result by itself: if the confirming poll says the job still runs, the watch goes on. Once
   * hints have been seen to tell of endings (of the last twenty endings, at most one without a
   * hint within the min interval of the poll that saw it), jobs are polled only as a safety net,
   * as late as the max interval allows, until a second ending comes without its hint: then the
   * normal cadence is back.
   */
  public JobWatch hint(JobId id) {
    return engine.hint(Objects.requireNonNull(id, "id == null"));
  }

  /**
   * The job's current state: from the store when a final result is stored (no request), else
   * one request through the shared budget, stored before the future completes. The future
   * fails when the store or the request fails; it never waits for a retry.
   */
  public CompletableFuture<JobSnapshot> get(JobId id) {
    return engine.get(Objects.requireNonNull(id, "id == null"));
  }

  /** The job's stored state, never touching the network. */
  public Optional<JobSnapshot> lookupOffline(JobId id) {
    return store.find(Objects.requireNonNull(id, "id == null"));
  }

  /** The policy in force. */
  public PollPolicy policy() {
    return policy;
  }

  /** The name under which this instance holds leases in the registry. */
  public String owner() {
    return owner;
  }

  /**
   * Diagnostics in this package only: {@code trace} hears each poll as it is sent, with the
   * poller's state (why it is due), under the engine's lock.
   */
  void traceSends(java.util.function.Consumer<Poller> trace) {
    synchronized (engine) {
      engine.sendTrace = trace;
    }
  }

  /** How many jobs are being polled now. */
  public int activeWatches() {
    return engine.activeWatches();
  }

  /**
   * Stops all polling and ends every watch with reason {@code CLOSED} (their futures complete on
   * the closing thread); registrations stay live, their leases released, so that a later
   * {@link #resume} picks them up. Progress {@linkplain Builder#writeProgressBehind written
   * behind} and still pending is written first. Then stops the scheduler and storage threads it
   * made, and closes what it {@linkplain Builder#owns owns}, last given first.
   */
  @Override
  public void close() {
    engine.close();
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
    if (ownedStorage != null) {
      ownedStorage.shutdown();
      try {
        ownedStorage.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    RuntimeException failure = null;
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Could not close " + owned.get(i), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * The default lease owner: {@code renderwatch@<host>/<user>}, the same for every run of one
   * user on one host, so that a restarted process reclaims its own watches at once. Give every
   * process its own {@link Builder#owner} when several share a registry from one host and user.
   */
  static String defaultOwner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      host = "localhost";
    }
    String user = System.getProperty("user.name", "user");
    String name = "renderwatch@" + host + "/" + user;
    return name.length() <= 200 ? name : name.substring(0, 200);
  }

  private static ExecutorService storagePool() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "renderwatch-storage-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Configures a {@link RenderWatch}. */
  public static final class Builder {
    private JobStatusSource source;
    private JobStore store = new InMemoryJobStore();
    private WatchRegistry registry = new InMemoryWatchRegistry();
    private Scheduler scheduler;
    private java.util.concurrent.Executor storage;
    private PollPolicy policy = PollPolicy.defaults();
    private WatchListener listener = WatchListener.NONE;
    private String owner;
    private BudgetShares shares;
    private long seed = System.nanoTime();
    private Duration progressDelay = Duration.ZERO;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Builder() {}

    /** Where job states come from (required). */
    public Builder source(JobStatusSource value) {
      this.source = Objects.requireNonNull(value, "source == null");
      return this;
    }

    /** Where results are kept (default: in memory). */
    public Builder store(JobStore value) {
      this.store = Objects.requireNonNull(value, "store == null");
      return this;
    }

    /** Where watches are registered for resuming (default: in memory). */
    public Builder registry(WatchRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry == null");
      return this;
    }

    /**
     * The clock and task runner (default: a {@link SystemScheduler} closed with this instance).
     * With a scheduler given and no {@link #storage}, store calls run on the scheduler too.
     */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler == null");
      return this;
    }

    /**
     * Where store and registry calls run (default: two daemon threads of this instance, shut
     * down with it; the scheduler itself when a scheduler is given). It must run tasks later on
     * its own threads, never inside {@code execute}, so that none runs under the engine's lock.
     */
    public Builder storage(java.util.concurrent.Executor value) {
      this.storage = Objects.requireNonNull(value, "storage == null");
      return this;
    }

    /** How to poll (default: {@link PollPolicy#defaults()}). */
    public Builder policy(PollPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy == null");
      return this;
    }

    /** Hears every event of every watch, including resumed ones (default: none). */
    public Builder listener(WatchListener value) {
      this.listener = Objects.requireNonNull(value, "listener == null");
      return this;
    }

    /**
     * This process's name in a shared registry's leases (default: {@code
     * renderwatch@<host>/<user>}, stable across runs; give each process its own name when
     * several on one host and user share a registry).
     */
    public Builder owner(String value) {
      Objects.requireNonNull(value, "owner == null");
      if (value.isBlank() || value.length() > 200) {
        throw new IllegalArgumentException("owner must have 1 to 200 characters, not blank");
      }
      this.owner = value;
      return this;
    }

    /**
     * Shares the policy's request budget with the other processes recorded in {@code value}
     * (under this instance's {@link #owner}, which must then differ from theirs): this instance
     * takes an equal share, re-divided as they come and go, and starts polling once it has one
     * (default: none; the whole budget is this instance's).
     */
    public Builder shareBudget(BudgetShares value) {
      this.shares = Objects.requireNonNull(value, "shares == null");
      return this;
    }

    /**
     * Writes a watched job's progress (its queued and running answers) behind: decided in
     * memory, and only the latest written, at most once per {@code delay} per job, instead of
     * stored before each answer is applied (default: zero, off). A final result, an unknown
     * status, a job another process holds the lease of, and an answer a {@code get} waits for
     * are still stored first, so a result is durable before it is announced;
     * {@link RenderWatch#close()} writes what is pending. Meanwhile the store's progress of a
     * job may be up to {@code delay} older than the events told.
     */
    public Builder writeProgressBehind(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      if (delay.isNegative() || delay.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("writeProgressBehind needs a delay from 0 (off) to 1"
            + " hour but got " + delay);
      }
      this.progressDelay = delay;
      return this;
    }

    /** Seeds the jitter, for repeatable simulations (default: the time). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Hands over a resource (an HTTP source, a database) that {@link RenderWatch#close()}
     * closes after polling has stopped, the last given first.
     */
    public Builder owns(AutoCloseable resource) {
      this.owned.add(Objects.requireNonNull(resource, "resource == null"));
      return this;
    }

    /** Returns the engine. */
    public RenderWatch build() {
      if (source == null) {
        throw new IllegalStateException("source is required: call source(...) with a"
            + " JobStatusSource, e.g. the HTTP adapter's PictoryHttpSource");
      }
      return new RenderWatch(this);
    }
  }
}
