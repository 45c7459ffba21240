package io.renderwatch.core.port;

import io.renderwatch.core.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which jobs are being watched, so that a restarted process resumes them, and — for a registry
 * shared by several processes — which process is watching each, by lease.
 *
 * <p>A registration is <em>unfinished</em> from {@link #register} until {@link #finish}. A process
 * {@linkplain #claim claims} unfinished registrations that nobody holds or whose holder's lease
 * has run out, keeps them by {@linkplain #renew renewing} its lease, and {@linkplain #release
 * releases} them when it stops watching without finishing. Implementations are thread-safe;
 * storage failures surface as {@link StoreException}. Times are passed in so that callers on a
 * virtual clock get exact behaviour.
 */
public interface WatchRegistry {

  /**
   * Records that a job is watched until the registration's deadline, held by {@code owner} until
   * {@code leaseUntil}. Registering a job already registered and unfinished keeps the earlier
   * start and deadline and returns the registration in force.
   */
  WatchRegistration register(WatchRegistration registration, String owner, Instant leaseUntil);

  /** Marks the job's watch as ended (the job ended, or its watch gave up). */
  void finish(JobId jobId);

  /** Every unfinished registration, whoever holds it. */
  List<WatchRegistration> unfinished();

  /**
   * Takes up to {@code max} unfinished registrations that are free or whose lease ended before
   * {@code now}, giving them to {@code owner} until {@code now + lease}. No registration is
   * handed to two owners whose leases overlap.
   */
  List<WatchRegistration> claim(String owner, Instant now, Duration lease, int max);

  /** Extends the lease of every registration {@code owner} holds; returns how many it holds. */
  int renew(String owner, Instant now, Duration lease);

  /** Gives up {@code owner}'s hold on the job without finishing its watch. */
  void release(String owner, JobId jobId);
}
