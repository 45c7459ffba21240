package io.renderwatch.core.port;

import io.renderwatch.core.model.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which jobs are being watched, so that a restarted process resumes them, and — for a registry
 * shared by several processes — which process is watching each, by lease.
 *
 * <p>A registration is <em>live</em> from {@link #register} until it is {@linkplain #finish
 * finished} (the job ended: the registration is gone) or {@linkplain #end ended} (the watch
 * stopped without a result: the registration keeps its reason, holds no lease, and only an
 * explicit {@link #claimEnded} takes it again). A process takes live registrations that are
 * <em>free, its own, or expired</em> — never one another owner holds on a lease that has not run
 * out — keeps them by {@linkplain #renew renewing} its lease, and {@linkplain #release releases}
 * them when it stops watching without ending them. Implementations are thread-safe; storage
 * failures surface as {@link StoreException}. Times are passed in so that callers on a virtual
 * clock get exact behaviour.
 */
public interface WatchRegistry {

  /**
   * Records a new watch of the job — this start and deadline, replacing those of any earlier
   * registration of the job, live or ended — held by {@code owner} until {@code now + lease},
   * provided the job's registration is free, {@code owner}'s own, ended, or held on a lease that
   * ended before {@code now}. Returns the registration in force, or empty (changing nothing)
   * when another owner holds the job on a live lease.
   */
  Optional<WatchRegistration> register(WatchRegistration registration, String owner, Instant now,
      Duration lease);

  /**
   * Registers each watch, in order, as {@link #register} would, for one owner at one time; the
   * answers come back in the same order. A registry may do it in fewer transactions (the JDBC
   * one inserts the new jobs' registrations in batches); this default registers them one at a
   * time.
   */
  default List<Optional<WatchRegistration>> registerAll(List<WatchRegistration> registrations,
      String owner, Instant now, Duration lease) {
    Objects.requireNonNull(registrations, "registrations == null");
    List<Optional<WatchRegistration>> answers = new ArrayList<>(registrations.size());
    for (WatchRegistration registration : registrations) {
      answers.add(register(registration, owner, now, lease));
    }
    return answers;
  }

  /** Removes the job's registration: the job ended with a result (or can never have one). */
  void finish(JobId jobId);

  /**
   * Removes each job's registration, as {@link #finish} would. A registry may do it in fewer
   * transactions (the JDBC one does); this default finishes them one at a time.
   */
  default void finishAll(Collection<JobId> jobIds) {
    Objects.requireNonNull(jobIds, "jobIds == null");
    for (JobId jobId : jobIds) {
      finish(jobId);
    }
  }

  /**
   * Marks {@code owner}'s live registration of the job as ended without a result, for
   * {@code reason} (a short lower-case code such as {@code unauthorized}), and frees its lease.
   * Does nothing when {@code owner} does not hold it.
   */
  void end(JobId jobId, String owner, String reason);

  /** Every live registration, whoever holds it, soonest deadline first. */
  List<WatchRegistration> unfinished();

  /**
   * Takes up to {@code max} live registrations that are free, {@code owner}'s own, or whose
   * lease ended before {@code now}, giving them to {@code owner} until {@code now + lease},
   * soonest deadline first. No registration is handed to two owners whose leases overlap.
   */
  List<WatchRegistration> claim(String owner, Instant now, Duration lease, int max);

  /**
   * Takes up to {@code max} ended registrations whose reason is one of {@code reasons}, making
   * each live again under {@code owner} until {@code now + lease}, with its start moved to
   * {@code now} and its deadline to {@code now} plus its original length.
   */
  List<WatchRegistration> claimEnded(String owner, Instant now, Duration lease,
      Collection<String> reasons, int max);

  /**
   * Extends {@code owner}'s lease on each of {@code jobs} that it still holds live, to
   * {@code now + lease}; returns those (a job missing from the answer was taken over by another
   * owner, or ended or finished elsewhere). Registrations not named are left alone.
   */
  Set<JobId> renew(String owner, Collection<JobId> jobs, Instant now, Duration lease);

  /** Gives up {@code owner}'s hold on the job without ending its watch. */
  void release(String owner, JobId jobId);
}
