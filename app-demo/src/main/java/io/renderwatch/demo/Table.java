package io.renderwatch.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The results table for people: job id, status, the video's length, the render's time, then
 * the one most useful detail. On a terminal it fits the terminal's width (a link shortened in the
 * middle, other text at the end); off a terminal every value is whole, one row per line, in
 * columns that stay put for {@code cut} and {@code awk} (an empty cell is {@code -}, and the
 * detail, which may hold spaces, comes last).
 */
final class Table {

  private static final String[] HEADER = {"JOB ID", "STATUS", "VIDEO", "RENDER", "DETAIL"};
  private static final int VIDEO = 2;
  private static final int RENDER = 3;
  private static final int DETAIL = 4;
  private static final String GAP = "  ";
  /**
   * Narrower than this, the detail makes the duration columns give way (render time first):
   * room for {@code 4001: Invalid voice name} or a link's host and file name. At 80 columns the
   * table shows id, status and detail; the bars above it showed each video's length.
   */
  private static final int DETAIL_MIN = 30;

  /**
   * How the table is laid out.
   *
   * @param width the terminal's width, or empty off a terminal (values are then whole)
   * @param ellipsis the mark of a shortened value
   */
  record Layout(OptionalInt width, String ellipsis) {

    /** Off a terminal: whole values. */
    static Layout plain() {
      return new Layout(OptionalInt.empty(), "...");
    }

    /** On a terminal {@code width} columns wide. */
    static Layout terminal(int width, Look look) {
      return new Layout(OptionalInt.of(width), look.ellipsis());
    }
  }

  private Table() {}

  /** Renders the results, one row per job, with a header. */
  static String render(List<JobResult> results, Layout layout) {
    List<String[]> rows = new ArrayList<>();
    for (JobResult r : results) {
      rows.add(new String[] {r.id().toString(), r.status(), clock(r.videoLength()),
          clock(r.renderTime()), r.detail().isEmpty() ? "-" : r.detail()});
    }
    int[] widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    boolean[] shown = {true, true, true, true, true};
    if (layout.width().isPresent()) {
      int usable = Math.max(20, layout.width().getAsInt() - 1);
      // The durations give way before the detail becomes too short to read.
      for (int drop : new int[] {RENDER, VIDEO}) {
        if (room(widths, shown, usable) < Math.min(DETAIL_MIN, widths[DETAIL])) {
          shown[drop] = false;
        }
      }
      widths[DETAIL] = Math.max(0, Math.min(widths[DETAIL], room(widths, shown, usable)));
    }
    StringBuilder out = new StringBuilder();
    line(out, HEADER, widths, shown, layout, false);
    for (int i = 0; i < rows.size(); i++) {
      line(out, rows.get(i), widths, shown, layout,
          results.get(i).status().equals(JobResult.COMPLETED));
    }
    return out.toString();
  }

  /** The columns left for the detail once the other shown columns and their gaps are placed. */
  private static int room(int[] widths, boolean[] shown, int usable) {
    int used = 0;
    for (int c = 0; c < DETAIL; c++) {
      if (shown[c]) {
        used += widths[c] + GAP.length();
      }
    }
    return usable - used;
  }

  private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] shown,
      Layout layout, boolean link) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (!shown[c]) {
        continue;
      }
      String cell = cells[c];
      if (c == DETAIL) {
        if (layout.width().isPresent()) {
          cell = link ? Text.fitMiddle(cell, widths[c], layout.ellipsis())
              : Text.fitEnd(cell, widths[c], layout.ellipsis());
        }
        line.append(cell);
      } else {
        line.append(c == VIDEO || c == RENDER ? padLeft(cell, widths[c]) : pad(cell, widths[c]))
            .append(GAP);
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String clock(Optional<Duration> duration) {
    return duration.map(Durations::clock).orElse("-");
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static String padLeft(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }
}
