package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Archives the output files of completed jobs into {@code directory/<job id>/}, under the fixed
 * names of {@link OutputFile}, a few files at once. Each file is written under a temporary name
 * and renamed when complete and verified; its size, SHA-256 and modification time are recorded.
 * A file present with its recorded checksum is not fetched again; one changed on disk is, and its
 * result says so. A file whose size and modification time are still those recorded is taken as
 * present with its checksum without reading it, unless {@link Builder#verify} asks to hash it.
 * Build with {@link #builder()}.
 */
public final class Archiver {

  /** The default size cap of one file: 10 GiB. */
  public static final long DEFAULT_MAX_BYTES = 10L << 30;
  /** How many files are downloaded at once by default. */
  public static final int DEFAULT_PARALLELISM = 4;

  private static final int LOOKUP_CHUNK = 500;

  private final OutputArchive records;
  private final FileFetcher fetcher;
  private final Path directory;
  private final int parallelism;
  private final long maxBytes;
  private final int attempts;
  private final Duration backoff;
  private final ArchiveListener listener;
  private final Clock clock;
  private final boolean verify;

  private Archiver(Builder b) {
    this.records = Objects.requireNonNull(b.records, "records are required");
    this.fetcher = Objects.requireNonNull(b.fetcher, "fetcher is required");
    this.directory = Objects.requireNonNull(b.directory, "directory is required")
        .toAbsolutePath().normalize();
    this.parallelism = b.parallelism;
    this.maxBytes = b.maxBytes;
    this.attempts = b.attempts;
    this.backoff = b.backoff;
    this.listener = b.listener;
    this.clock = b.clock;
    this.verify = b.verify;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The folder that holds one folder per job. */
  public Path directory() {
    return directory;
  }

  /** Where a job's output goes: {@code directory/<job id>/<fixed name>}. */
  public Path pathOf(JobId jobId, OutputFile file) {
    return directory.resolve(jobId.toString()).resolve(file.fileName());
  }

  /**
   * Archives one completed job's files.
   *
   * @throws IllegalArgumentException when the snapshot is not of a completed job
   * @throws DiskException when the folder cannot take the files; nothing is left under a final
   *     name that was not verified
   */
  public JobArchive archive(JobSnapshot job) throws DiskException {
    List<JobArchive> one = new ArrayList<>();
    archive(List.of(job), one::add);
    return one.get(0);
  }

  /**
   * Archives completed jobs' files, a few at once, handing each job's result to {@code onJob}
   * (one call at a time) as soon as all its files are done.
   *
   * @throws IllegalArgumentException when a snapshot is not of a completed job (nothing is done)
   * @throws DiskException at the first file the folder could not take, once every started file
   *     has ended; later files are not attempted and end in {@code ERROR}
   */
  public void archive(List<JobSnapshot> jobs, Consumer<JobArchive> onJob) throws DiskException {
    for (JobSnapshot job : jobs) {
      if (!(job.state() instanceof JobState.Completed)) {
        throw new IllegalArgumentException("job " + job.id() + " is not completed but "
            + job.state().kind());
      }
    }
    AtomicReference<DiskException> disk = new AtomicReference<>();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
      Thread thread = new Thread(task, "renderwatch-archive-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int from = 0; from < jobs.size(); from += LOOKUP_CHUNK) {
        List<JobSnapshot> chunk = jobs.subList(from, Math.min(jobs.size(), from + LOOKUP_CHUNK));
        Map<JobId, List<ArchivedFile>> known =
            records.findAll(chunk.stream().map(JobSnapshot::id).toList());
        for (JobSnapshot job : chunk) {
          done.add(start(job, known.getOrDefault(job.id(), List.of()), pool, disk, onJob));
        }
      }
      CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    } finally {
      pool.shutdownNow();
    }
    if (disk.get() != null) {
      throw disk.get();
    }
  }

  private CompletableFuture<Void> start(JobSnapshot job, List<ArchivedFile> known,
      ExecutorService pool, AtomicReference<DiskException> disk, Consumer<JobArchive> onJob) {
    var output = ((JobState.Completed) job.state()).output();
    Map<OutputFile, ArchivedFile> byFile = new LinkedHashMap<>();
    known.forEach(record -> byFile.put(record.file(), record));
    List<CompletableFuture<FileResult>> files = new ArrayList<>();
    for (OutputFile file : OutputFile.values()) {
      file.url(output).ifPresent(url -> {
        FileTask task = new FileTask(this, job.id(), file, url, byFile.get(file), disk);
        files.add(CompletableFuture.supplyAsync(task::run, pool));
      });
    }
    return CompletableFuture.allOf(files.toArray(new CompletableFuture<?>[0])).thenRun(() -> {
      List<FileResult> results = files.stream().map(CompletableFuture::join).toList();
      if (results.stream().anyMatch(r -> r.status() == FileResult.Status.ARCHIVED)) {
        // One sync of the job's folder for all its renames, not one per file.
        FileTask.forceFolder(directory.resolve(job.id().toString()));
      }
      JobArchive archive = new JobArchive(job.id(), results);
      synchronized (this) {
        onJob.accept(archive);
      }
    });
  }

  OutputArchive records() {
    return records;
  }

  FileFetcher fetcher() {
    return fetcher;
  }

  long maxBytes() {
    return maxBytes;
  }

  int attempts() {
    return attempts;
  }

  Duration backoff() {
    return backoff;
  }

  ArchiveListener listener() {
    return listener;
  }

  Clock clock() {
    return clock;
  }

  boolean verify() {
    return verify;
  }

  /** Builds an {@link Archiver}; the records, the fetcher and the directory are required. */
  public static final class Builder {
    private OutputArchive records;
    private FileFetcher fetcher;
    private Path directory;
    private int parallelism = DEFAULT_PARALLELISM;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int attempts = 4;
    private Duration backoff = Duration.ofSeconds(1);
    private ArchiveListener listener = ArchiveListener.NONE;
    private Clock clock = Clock.systemUTC();
    private boolean verify;

    private Builder() {}

    /** Where the records of archived files are kept. */
    public Builder records(OutputArchive value) {
      records = Objects.requireNonNull(value, "records == null");
      return this;
    }

    /** What downloads one file. */
    public Builder fetcher(FileFetcher value) {
      fetcher = Objects.requireNonNull(value, "fetcher == null");
      return this;
    }

    /** The folder that holds one folder per job. */
    public Builder directory(Path value) {
      directory = Objects.requireNonNull(value, "directory == null");
      return this;
    }

    /** How many files are downloaded at once, 1 to 32 (default 4). */
    public Builder parallelism(int value) {
      if (value < 1 || value > 32) {
        throw new IllegalArgumentException("parallelism must be 1 to 32 but was " + value);
      }
      parallelism = value;
      return this;
    }

    /** The largest file accepted, in bytes (default 10 GiB). */
    public Builder maxBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBytes must be at least 1 but was " + value);
      }
      maxBytes = value;
      return this;
    }

    /** How many times a file is tried before it ends in error, 1 to 10 (default 4). */
    public Builder attempts(int value) {
      if (value < 1 || value > 10) {
        throw new IllegalArgumentException("attempts must be 1 to 10 but was " + value);
      }
      attempts = value;
      return this;
    }

    /** The wait before the second attempt, doubled before each further one (default 1s). */
    public Builder backoff(Duration value) {
      Objects.requireNonNull(value, "backoff == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative but was " + value);
      }
      backoff = value;
      return this;
    }

    /** Told how the run advances (default: nobody). */
    public Builder listener(ArchiveListener value) {
      listener = Objects.requireNonNull(value, "listener == null");
      return this;
    }

    /** The clock of the records' times (default: the system's). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    /**
     * Whether a file already on disk is hashed again even when its size and modification time
     * are those recorded when it was hashed (default {@code false}: such a file is trusted).
     */
    public Builder verify(boolean value) {
      verify = value;
      return this;
    }

    /** Returns the archiver. */
    public Archiver build() {
      return new Archiver(this);
    }
  }
}
