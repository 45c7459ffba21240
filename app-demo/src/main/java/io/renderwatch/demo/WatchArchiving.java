package io.renderwatch.demo;

import io.renderwatch.core.archive.ArchiveListener;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.DiskException;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.JobArchive;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code watch --archive}: archives each completed job's files as soon as its result is stored,
 * one job at a time (its files a few at once), beside the watches; the watch waits for them.
 */
final class WatchArchiving {

  private final Path dir;
  private final List<CompletableFuture<Integer>> pending = new ArrayList<>();
  private ExecutorService executor;
  private Archiver archiver;
  private Progress progress;
  private volatile boolean diskFailed;

  WatchArchiving(Path dir) {
    this.dir = dir;
  }

  void start(Wiring wiring, Progress progress) {
    this.progress = progress;
    this.archiver = wiring.archiver(dir, Archiver.DEFAULT_MAX_BYTES, new ArchiveListener() {
      @Override
      public void finished(FileResult result) {
        if (result.status() != FileResult.Status.ALREADY) {
          progress.note(ArchiveOutput.line(result));
        }
      }
    });
    this.executor = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "renderwatch-watch-archive");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Archives a job's files if it completed; other results are left alone. */
  synchronized void submit(JobSnapshot snapshot) {
    if (!(snapshot.state() instanceof JobState.Completed)) {
      return;
    }
    pending.add(CompletableFuture.supplyAsync(() -> archive(snapshot), executor));
  }

  private int archive(JobSnapshot snapshot) {
    if (diskFailed) {
      return Main.ERROR;
    }
    try {
      JobArchive archive = archiver.archive(snapshot);
      return archive.complete() ? Main.OK : Main.ERROR;
    } catch (DiskException e) {
      diskFailed = true;
      progress.note("renderwatch: " + Main.firstLine(e.getMessage()));
      return Main.ERROR;
    }
  }

  /** Waits for every archive started; 0 when all their files are on disk, else 3. */
  int finish() {
    List<CompletableFuture<Integer>> all;
    synchronized (this) {
      all = new ArrayList<>(pending);
    }
    int code = Main.OK;
    for (CompletableFuture<Integer> future : all) {
      code = Math.max(code, future.join());
    }
    executor.shutdown();
    if (!all.isEmpty()) {
      progress.note("Archived into " + dir + (code == Main.OK ? "." : ", with files gone or in"
          + " error (run 'renderwatch archive' again to retry)."));
    }
    return code;
  }
}
