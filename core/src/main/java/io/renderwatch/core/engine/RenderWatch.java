package io.renderwatch.core.engine;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.time.Scheduler;
import io.renderwatch.core.time.SystemScheduler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Watches Pictory render jobs until they end, politely and cheaply, and keeps their results:
 * the entry point of the library.
 *
 * <p>All watches of one instance share one account-wide request budget and one poll loop per
 * job; the instance runs on its {@link Scheduler}, with no thread per job. Thread-safe.
 */
public final class RenderWatch implements AutoCloseable {

  private final Engine engine;
  private final JobStore store;
  private final PollPolicy policy;
  private final SystemScheduler ownedScheduler;

  private RenderWatch(Builder builder) {
    this.store = builder.store;
    this.policy = builder.policy;
    Scheduler scheduler = builder.scheduler;
    SystemScheduler owned = null;
    if (scheduler == null) {
      owned = new SystemScheduler();
      scheduler = owned;
    }
    this.ownedScheduler = owned;
    this.engine = new Engine(builder.source, builder.store, builder.registry, scheduler,
        builder.policy, builder.listener, builder.owner, builder.seed);
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
   * one poll loop.
   */
  public JobWatch watch(JobId id, WatchOptions options, WatchListener listener) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    return engine.watch(id, options, listener);
  }

  /** Watches each job, in order, with the same options and listener. */
  public List<JobWatch> watchAll(Collection<JobId> ids, WatchOptions options,
      WatchListener listener) {
    Objects.requireNonNull(ids, "ids == null");
    List<JobWatch> watches = new ArrayList<>(ids.size());
    for (JobId id : ids) {
      watches.add(watch(id, options, listener));
    }
    return watches;
  }

  /**
   * Watches again every unfinished registered watch that this instance can claim (free ones,
   * its own, and those whose holder's lease ran out), each with its original deadline; jobs this
   * instance already watches are skipped, so calling it again only picks up new ones.
   */
  public List<JobWatch> resume(WatchListener listener) {
    Objects.requireNonNull(listener, "listener == null");
    return engine.resume(listener);
  }

  /**
   * The job's current state: from the store when a final result is stored (no request), else
   * one request through the shared budget, stored before the future completes.
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

  /** How many jobs are being polled now. */
  public int activeWatches() {
    return engine.activeWatches();
  }

  /**
   * Stops all polling and ends every watch with reason {@code CLOSED}; registrations stay
   * unfinished (their leases are released) so that {@link #resume} picks them up later.
   */
  @Override
  public void close() {
    engine.close();
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
  }

  /** Configures a {@link RenderWatch}. */
  public static final class Builder {
    private JobStatusSource source;
    private JobStore store = new InMemoryJobStore();
    private WatchRegistry registry = new InMemoryWatchRegistry();
    private Scheduler scheduler;
    private PollPolicy policy = PollPolicy.defaults();
    private WatchListener listener = WatchListener.NONE;
    private String owner = "renderwatch-" + UUID.randomUUID().toString().substring(0, 8);
    private long seed = System.nanoTime();

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

    /** The clock and task runner (default: a {@link SystemScheduler} closed with the engine). */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler == null");
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

    /** This process's name in a shared registry's leases (default: random). */
    public Builder owner(String value) {
      Objects.requireNonNull(value, "owner == null");
      if (value.isBlank()) {
        throw new IllegalArgumentException("owner is blank");
      }
      this.owner = value;
      return this;
    }

    /** Seeds the jitter, for repeatable simulations (default: the time). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Returns the engine. */
    public RenderWatch build() {
      if (source == null) {
        throw new IllegalStateException("source is required");
      }
      return new RenderWatch(this);
    }
  }
}
