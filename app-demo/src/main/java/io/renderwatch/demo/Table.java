package io.renderwatch.demo;

import java.util.List;

/** The aligned results table for people. */
final class Table {

  private Table() {}

  /** Renders the results, one row per job, columns padded to their widest cell. */
  static String render(List<JobResult> results) {
    String[] header = {"JOB ID", "STATUS", "DETAIL"};
    int idWidth = header[0].length();
    int statusWidth = header[1].length();
    for (JobResult r : results) {
      idWidth = Math.max(idWidth, r.id().toString().length());
      statusWidth = Math.max(statusWidth, r.status().length());
    }
    StringBuilder out = new StringBuilder();
    row(out, idWidth, statusWidth, header[0], header[1], header[2]);
    for (JobResult r : results) {
      row(out, idWidth, statusWidth, r.id().toString(), r.status(), r.detail());
    }
    return out.toString();
  }

  private static void row(StringBuilder out, int idWidth, int statusWidth, String id,
      String status, String detail) {
    out.append(pad(id, idWidth)).append("  ").append(pad(status, statusWidth)).append("  ")
        .append(detail).append('\n');
    int end = out.length() - 1;
    while (end > 0 && out.charAt(end - 1) == ' ') {
      out.deleteCharAt(end - 1);
      end--;
    }
  }

  private static String pad(String text, int width) {
    StringBuilder b = new StringBuilder(text);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
