package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Archives one output file of one job: checks what is on disk, fetches, renames, records. */
final class FileTask {

  private final Archiver archiver;
  private final JobId jobId;
  private final OutputFile file;
  private final URI url;
  private final ArchivedFile known;
  private final AtomicReference<DiskException> disk;

  FileTask(Archiver archiver, JobId jobId, OutputFile file, URI url, ArchivedFile known,
      AtomicReference<DiskException> disk) {
    this.archiver = archiver;
    this.jobId = jobId;
    this.file = file;
    this.url = url;
    this.known = known;
    this.disk = disk;
  }

  /** The temporary name a file is written under, in the same folder as its final name. */
  static Path partOf(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".part");
  }

  FileResult run() {
    FileResult result = attempt();
    archiver.listener().finished(result);
    return result;
  }

  private FileResult attempt() {
    if (disk.get() != null) {
      return error("not attempted: the archive folder cannot take files (see above)");
    }
    Path target = archiver.pathOf(jobId, file);
    String changed = "";
    if (known != null && !known.gone() && Files.isRegularFile(target)) {
      Optional<FileResult> already = already(target);
      if (already.isPresent()) {
        return already.get();
      }
      changed = "changed on disk since it was archived (its size or SHA-256 differs from the recorded"
          + " one); fetched again";
    }
    try {
      prepareFolder(target.getParent());
      return fetch(target, changed);
    } catch (DiskException e) {
      disk.compareAndSet(null, e);
      return error(e.getMessage());
    }
  }

  /**
   * The file as it was recorded, if it still is: of the recorded size and, unless the archiver
   * verifies every file, of the recorded modification time (trusted without reading it); else
   * of the recorded SHA-256, hashed again (and its time recorded, so the next run trusts it).
   */
  private Optional<FileResult> already(Path target) {
    Optional<Instant> modified;
    try {
      BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
      if (attributes.size() != known.bytes()) {
        return Optional.empty();
      }
      modified = Optional.of(micros(attributes.lastModifiedTime()));
      boolean trusted = !archiver.verify() && known.modifiedAt().equals(modified);
      if (!trusted && !Checksums.of(target).equals(known.sha256())) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!known.path().equals(target) || !known.modifiedAt().equals(modified)) {
      archiver.records().record(new ArchivedFile(jobId, file, known.url(), target, known.bytes(),
          known.sha256(), false, archiver.clock().instant(), modified));
    }
    return Optional.of(new FileResult(jobId, file, FileResult.Status.ALREADY,
        Optional.of(target), known.bytes(), known.sha256(), 0, ""));
  }

  /** A file time as kept in the records: to the microsecond. */
  static Instant micros(FileTime time) {
    return time.toInstant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The file's modification time now, if it can be read. */
  private static Optional<Instant> modifiedAt(Path target) {
    try {
      return Optional.of(micros(Files.getLastModifiedTime(target)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private FileResult fetch(Path target, String changed) throws DiskException {
    Path part = partOf(target);
    FetchException last = null;
    for (int attempt = 1; attempt <= archiver.attempts(); attempt++) {
      if (attempt > 1 && !pause(attempt)) {
        return error("interrupted; run archive again to resume");
      }
      FileFetcher.Fetched fetched;
      try {
        fetched = archiver.fetcher().fetch(url, part, archiver.maxBytes(), progress());
      } catch (FetchException e) {
        switch (e.kind()) {
          case GONE:
            deleteQuietly(part);
            archiver.records().record(new ArchivedFile(jobId, file, url, target, 0, "", true,
                archiver.clock().instant()));
            return new FileResult(jobId, file, FileResult.Status.GONE, Optional.empty(), 0, "",
                0, e.getMessage());
          case REFUSED:
            deleteQuietly(part);
            return error(e.getMessage());
          default:
            last = e;
            continue;
        }
      } catch (DiskException e) {
        // The partial file only takes space the user needs back now.
        deleteQuietly(part);
        throw e;
      }
      install(part, target);
      archiver.records().record(new ArchivedFile(jobId, file, url, target, fetched.bytes(),
          fetched.sha256(), false, archiver.clock().instant(), modifiedAt(target)));
      return new FileResult(jobId, file, FileResult.Status.ARCHIVED, Optional.of(target),
          fetched.bytes(), fetched.sha256(), fetched.transferred(), changed);
    }
    return error(last.getMessage() + " (gave up after " + archiver.attempts() + " attempts;"
        + " run archive again to resume)");
  }

  private FileFetcher.Progress progress() {
    ArchiveListener listener = archiver.listener();
    return new FileFetcher.Progress() {
      @Override
      public void length(long total, long resumedAt) {
        listener.expecting(jobId, file, total, resumedAt);
      }

      @Override
      public void received(long bytes) {
        listener.received(bytes);
      }
    };
  }

  private boolean pause(int attempt) {
    long millis = archiver.backoff().toMillis() << Math.min(attempt - 2, 10);
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Renames the complete, forced file to its final name. The folder's entry is forced once per
   * job, when all its files are done ({@link #forceFolder}): a rename lost in a crash of the
   * machine leaves no file under the final name, and the next run fetches it again.
   */
  private static void install(Path part, Path target) throws DiskException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DiskException("Cannot rename " + part + " to " + target + ": " + e.getMessage()
          + "; check the archive folder's permissions or choose another --dir", e);
    }
  }

  /** Forces a folder's entries (the renames into it) to the disk, where the system allows it. */
  static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a folder for syncing; the renames themselves are done.
    }
  }

  private static void prepareFolder(Path folder) throws DiskException {
    try {
      Files.createDirectories(folder);
    } catch (AccessDeniedException e) {
      throw new DiskException("Cannot create the archive folder " + folder + ": permission"
          + " denied at " + e.getFile() + "; choose a writable --dir", e);
    } catch (FileAlreadyExistsException e) {
      throw new DiskException("Cannot create the archive folder " + folder + ": " + e.getFile()
          + " exists and is not a folder; choose another --dir", e);
    } catch (IOException e) {
      throw new DiskException("Cannot create the archive folder " + folder + ": "
          + e.getMessage() + "; choose a writable --dir", e);
    }
    if (!Files.isWritable(folder)) {
      throw new DiskException("The archive folder " + folder + " is not writable; fix its"
          + " permissions or choose another --dir");
    }
  }

  private FileResult error(String message) {
    return new FileResult(jobId, file, FileResult.Status.ERROR, Optional.empty(), 0, "", 0,
        message);
  }

  private static void deleteQuietly(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException e) {
      // Left for the next run, which resumes or rewrites it.
    }
  }
}
