package io.renderwatch.demo;

import io.renderwatch.core.archive.DiskException;
import io.renderwatch.core.archive.JobArchive;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One run of {@code archive}: finds the stored completed jobs, archives them, reports. */
final class ArchiveRun {

  private static final int PAGE = 500;

  private final Cli cli;
  private final String db;
  private final Path dir;
  private final long maxBytes;
  private final boolean json;
  private final boolean verify;
  private final List<JobArchive> done = new ArrayList<>();
  private int complete;
  private int incomplete;

  ArchiveRun(Cli cli, String db, Path dir, long maxBytes, boolean json, boolean verify) {
    this.verify = verify;
    this.cli = cli;
    this.db = db;
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.json = json;
  }

  int run(boolean all, List<JobId> ids) {
    if (!Ids.databaseExists(db)) {
      cli.err().println("renderwatch: no database at " + db + "; watch a job first or pass --db");
      return Main.ERROR;
    }
    int missing = 0;
    try (Wiring wiring = Wiring.offline(db);
        ArchiveProgress progress = ArchiveProgress.create(cli)) {
      List<JobSnapshot> jobs = new ArrayList<>();
      if (all) {
        jobs.addAll(allCompleted(wiring));
      } else {
        for (JobId id : ids) {
          Optional<JobSnapshot> stored = wiring.store().find(id);
          if (stored.isPresent() && stored.get().state() instanceof JobState.Completed) {
            jobs.add(stored.get());
          } else {
            missing++;
            String why = stored.isEmpty()
                ? "job " + id + " is not stored in " + db + " (watch it first, or check --db)"
                : "job " + id + " is stored as " + JobResult.of(stored.get()).status()
                    + ", not completed: it has no files to archive";
            progress.note("renderwatch: " + why);
            if (json) {
              cli.out().println(ArchiveOutput.notArchivable(id, why));
            }
          }
        }
      }
      if (jobs.isEmpty() && missing == 0) {
        progress.note("No completed job stored in " + db + ": nothing to archive.");
        return Main.OK;
      }
      try {
        wiring.archiver(dir, maxBytes, verify, progress).archive(jobs, this::print);
      } catch (DiskException e) {
        cli.out().flush();
        progress.note("renderwatch: " + Main.firstLine(e.getMessage()));
        return Main.ERROR;
      }
      if (!json && !done.isEmpty()) {
        cli.out().print(table(done));
      }
      cli.out().flush();
      progress.note(complete + " job" + (complete == 1 ? "" : "s") + " fully archived, "
          + incomplete + " with files gone or in error" + (missing > 0 ? ", " + missing
              + " not stored as completed" : "") + "; " + progress.summary() + "; in " + dir);
    }
    return incomplete == 0 && missing == 0 ? Main.OK : Main.ERROR;
  }

  private void print(JobArchive archive) {
    if (archive.complete()) {
      complete++;
    } else {
      incomplete++;
    }
    if (json) {
      cli.out().println(ArchiveOutput.json(archive));
      cli.out().flush();
    } else {
      done.add(archive);
    }
  }

  /** The table for people: one row per file, with its path (or why it is not there). */
  static String table(List<JobArchive> archives) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"JOB ID", "FILE", "STATUS", "PATH"});
    for (JobArchive archive : archives) {
      for (var f : archive.files()) {
        rows.add(new String[] {f.jobId().toString(), f.file().fileName(), f.status().label(),
            f.path().map(Object::toString).orElse(f.message())});
      }
    }
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(row[3]).append('\n');
    }
    return out.toString();
  }

  private static List<JobSnapshot> allCompleted(Wiring wiring) {
    List<JobSnapshot> jobs = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<JobSnapshot> page = wiring.store().page(cursor, PAGE);
      for (JobSnapshot snapshot : page.items()) {
        if (snapshot.state() instanceof JobState.Completed) {
          jobs.add(snapshot);
        }
      }
      cursor = page.next();
    } while (cursor.isPresent());
    return jobs;
  }
}
