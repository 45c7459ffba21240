package io.renderwatch.demo;

import io.renderwatch.core.archive.ArchiveClaims;
import io.renderwatch.core.archive.ArchiveListener;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.DiskException;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.OutputArchive;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --archive DIR}: archives each job's files once its completed result is stored,
 * on a thread of its own (never a webhook's or a request's), one job at a time and its files a
 * few at once. At start, and then every few minutes, it sweeps the store for completed jobs with
 * a file neither archived nor gone (completed while the service was down, or by an instance
 * without {@code --archive}). Instances sharing a database claim each job before fetching its
 * files ({@link ArchiveClaims}), renewing the claim while they work, so no file is fetched by
 * two at once, and a claim left by an instance that died passes to another after one lease.
 */
final class ServeArchiving implements WatchListener, AutoCloseable {

  static final Duration SWEEP_EVERY = Duration.ofMinutes(5);
  private static final int PAGE = 500;

  private final Path dir;
  private final long maxBytes;
  private final PrintStream err;
  private final Set<JobId> queued = new LinkedHashSet<>();
  private final ScheduledExecutorService worker;
  private final ScheduledExecutorService renewer;
  private volatile Parts parts;
  private volatile JobId current;
  private volatile boolean diskFailed;

  /** What the archiving works with, once the service's store is open. */
  record Parts(JobStore store, OutputArchive records, ArchiveClaims claims, Archiver archiver,
      String owner, Duration lease, Clock clock) {}

  ServeArchiving(Path dir, long maxBytes, PrintStream err) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.err = err;
    this.worker = Executors.newSingleThreadScheduledExecutor(daemon("renderwatch-serve-archive"));
    this.renewer = Executors.newSingleThreadScheduledExecutor(daemon("renderwatch-archive-claim"));
  }

  /** Starts archiving over the open service: a sweep now, then queued jobs, then sweeps. */
  void start(Wiring wiring, String owner, Duration lease) {
    Archiver archiver = wiring.archiver(dir, maxBytes, false, new ArchiveListener() {
      @Override
      public void finished(FileResult result) {
        if (result.status() != FileResult.Status.ALREADY) {
          err.println("renderwatch serve: " + ArchiveOutput.line(result));
        }
      }
    });
    start(new Parts(wiring.store(), wiring.archive(), wiring.archiveClaims(), archiver, owner,
        lease, Clock.systemUTC()));
  }

  void start(Parts value) {
    parts = value;
    long renewEvery = Math.max(200, value.lease().toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    worker.scheduleWithFixedDelay(this::sweep, 0, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    drain();
  }

  /** Queues a job whose completed result was just stored; returns at once. */
  @Override
  public void onEvent(WatchEvent event) {
    if (event instanceof WatchEvent.Completed completed) {
      submit(completed.jobId());
    }
  }

  /** Queues a job to archive (once, however often it is given before its turn). */
  void submit(JobId id) {
    boolean added;
    synchronized (queued) {
      added = queued.add(id);
    }
    if (added && parts != null) {
      drain();
    }
  }

  private void drain() {
    worker.execute(() -> {
      while (true) {
        JobId next;
        synchronized (queued) {
          if (queued.isEmpty()) {
            return;
          }
          next = queued.iterator().next();
          queued.remove(next);
        }
        archive(next);
      }
    });
  }

  /** Queues every stored completed job that has a file neither archived nor gone. */
  void sweep() {
    Parts p = parts;
    diskFailed = false;
    try {
      Optional<String> cursor = Optional.empty();
      do {
        Page<JobSnapshot> page = p.store().page(cursor, PAGE);
        List<JobSnapshot> completed = new ArrayList<>();
        for (JobSnapshot snapshot : page.items()) {
          if (snapshot.state() instanceof JobState.Completed) {
            completed.add(snapshot);
          }
        }
        Map<JobId, List<ArchivedFile>> known =
            p.records().findAll(completed.stream().map(JobSnapshot::id).toList());
        for (JobSnapshot snapshot : completed) {
          if (!recorded(snapshot, known.getOrDefault(snapshot.id(), List.of()))) {
            synchronized (queued) {
              queued.add(snapshot.id());
            }
          }
        }
        cursor = page.next();
      } while (cursor.isPresent());
    } catch (RuntimeException e) {
      err.println("renderwatch serve: could not look for jobs to archive: "
          + Main.firstLine(e.getMessage()));
    }
    drain();
  }

  /** Whether every output of a completed job has a record (archived or gone). */
  static boolean recorded(JobSnapshot snapshot, List<ArchivedFile> known) {
    Set<OutputFile> missing = EnumSet.noneOf(OutputFile.class);
    var output = ((JobState.Completed) snapshot.state()).output();
    for (OutputFile file : OutputFile.values()) {
      file.url(output).ifPresent(url -> missing.add(file));
    }
    known.forEach(record -> missing.remove(record.file()));
    return missing.isEmpty();
  }

  private void archive(JobId id) {
    Parts p = parts;
    if (diskFailed) {
      return;
    }
    try {
      Optional<JobSnapshot> stored = p.store().find(id);
      if (stored.isEmpty() || !(stored.get().state() instanceof JobState.Completed)) {
        return;
      }
      if (!claim(p, id)) {
        return; // another instance archives it now
      }
      current = id;
      try {
        if (!recorded(stored.get(), p.records().find(id))) {
          p.archiver().archive(stored.get());
        }
      } finally {
        current = null;
        p.claims().release(id, p.owner());
      }
    } catch (DiskException e) {
      diskFailed = true;
      err.println("renderwatch serve: " + Main.firstLine(e.getMessage())
          + "; archiving pauses until the next look for jobs to archive (every "
          + SWEEP_EVERY.toMinutes() + " minutes)");
    } catch (RuntimeException e) {
      err.println("renderwatch serve: could not archive job " + id + ": "
          + Main.firstLine(e.getMessage()));
    }
  }

  private static boolean claim(Parts p, JobId id) {
    var now = p.clock().instant();
    return p.claims().claim(id, p.owner(), now, now.plus(p.lease()));
  }

  private void renew() {
    JobId id = current;
    Parts p = parts;
    if (id == null || p == null) {
      return;
    }
    try {
      claim(p, id);
    } catch (RuntimeException e) {
      err.println("renderwatch serve: could not renew the archiving claim of job " + id + ": "
          + Main.firstLine(e.getMessage()));
    }
  }

  /** Stops at once: a download in flight is left as a partial file, resumed at the next start. */
  @Override
  public void close() {
    renewer.shutdownNow();
    worker.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
