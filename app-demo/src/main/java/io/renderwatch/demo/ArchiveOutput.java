package io.renderwatch.demo;

import io.renderwatch.core.json.JsonObject;
import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.JobArchive;
import io.renderwatch.core.model.JobId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How archived files are printed: archive's JSON lines, and the paths in show and list. */
final class ArchiveOutput {

  private ArchiveOutput() {}

  /** One NDJSON line per CLI.md: {@code job_id} and {@code files}. */
  static String json(JobArchive archive) {
    List<String> files = new ArrayList<>();
    for (FileResult f : archive.files()) {
      JsonObject file = new JsonObject().put("field", f.file().field())
          .put("path", f.path().map(Object::toString).orElse(null));
      if (f.onDisk()) {
        file.put("bytes", f.bytes()).put("sha256", f.sha256());
      } else {
        file.put("bytes", (Double) null).put("sha256", (String) null);
      }
      file.put("status", f.status().label());
      if (!f.message().isEmpty()) {
        file.put("message", f.message());
      }
      files.add(file.toString());
    }
    return new JsonObject().put("job_id", archive.jobId().toString()).toString()
        .replaceFirst("}$", ",\"files\":[" + String.join(",", files) + "]}");
  }

  /** A job that could not be archived at all, as one NDJSON line with no files. */
  static String notArchivable(JobId id, String message) {
    return new JsonObject().put("job_id", id.toString()).put("status", "error")
        .put("error_message", message).toString()
        .replaceFirst("}$", ",\"files\":[]}");
  }

  /** Adds to a stored job's JSON line the files archived for it (show, list). */
  static String withFiles(String jobJson, List<ArchivedFile> files) {
    return io.renderwatch.core.json.JobObject.withFiles(jobJson, files);
  }

  /** The results table with, under each job's row, one line per archived file's local path. */
  static String table(List<JobResult> results, Map<JobId, List<ArchivedFile>> files,
      Table.Layout layout) {
    String table = Table.render(results, layout);
    if (files.isEmpty()) {
      return table;
    }
    String[] lines = table.split("\n", -1);
    StringBuilder out = new StringBuilder(lines[0]).append('\n');
    for (int i = 0; i < results.size(); i++) {
      out.append(lines[i + 1]).append('\n');
      for (ArchivedFile f : files.getOrDefault(results.get(i).id(), List.of())) {
        out.append("  ").append(f.gone()
            ? "gone      " + f.file().fileName() + " (the CDN no longer has it)"
            : "archived  " + f.path()).append('\n');
      }
    }
    return out.toString();
  }

  /** One line for people about a file that is done. */
  static String line(FileResult f) {
    String what = f.jobId() + "/" + f.file().fileName();
    return switch (f.status()) {
      case ARCHIVED -> "archived  " + what + "  " + Sizes.format(f.bytes())
          + (f.transferred() < f.bytes() ? " (resumed, " + Sizes.format(f.transferred())
              + " fetched)" : "")
          + (f.message().isEmpty() ? "" : "  " + f.message());
      case ALREADY -> "already   " + what;
      case GONE -> "gone      " + what + "  " + f.message();
      case ERROR -> "error     " + what + "  " + f.message();
    };
  }
}
