package io.renderwatch.demo;

import java.time.Duration;
import java.time.Instant;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * One job's live bar, fitted to the terminal's width: short id, bar, percentage, phase, what is
 * happening (or, once the job ended, how: video length, code and message, reason), time taken
 * and time left.
 */
final class Bar {

  /** Completed, failed and error in green, red and yellow. */
  private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(
      AttributedStyle.GREEN);
  private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(
      AttributedStyle.RED);
  private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(
      AttributedStyle.YELLOW);
  private static final int PHASE = "completed".length();
  /** The usual widest time taken and time left: {@code 9m05s}, {@code ~9m05s left}. */
  private static final int TOOK = "9m05s".length();
  private static final int LEFT = "~9m05s left".length();

  private Bar() {}

  /** The bar of {@code row} at {@code now}, at most {@code width - 1} columns wide. */
  static AttributedString render(Progress.Row row, Instant now, int width, Look look) {
    int usable = Math.max(20, width - 1);
    int cells = usable >= 100 ? 24 : usable >= 76 ? 10 : 6;
    AttributedStyle style = look.color() ? styleOf(row.phase) : AttributedStyle.DEFAULT;

    Duration elapsed = row.elapsed(now);
    String took = padLeft(elapsed.toSeconds() < 1 ? "0s" : Durations.format(elapsed), TOOK);
    // A running row keeps a column for its time left, so that the times line up.
    String left = row.phase.ended() ? "" : pad(timeLeft(row, now), LEFT);
    String text = text(row);

    int fixed = 8 + 2 + cells + 2 + 4 + 1 + PHASE + 1;
    int room = usable - fixed - (2 + took.length()) - (left.isEmpty() ? 0 : 2 + left.length());
    if (room < 8 && !left.isEmpty()) {
      room += 2 + left.length();
      left = "";
    }
    String shown = Text.fitEnd(text, Math.max(0, room), look.ellipsis());

    AttributedStringBuilder line = new AttributedStringBuilder();
    line.append(Progress.shortId(row.id)).append(" [");
    int filled = Math.min(cells, row.percent * cells / 100);
    line.append(String.valueOf(look.filled()).repeat(filled), style);
    line.append(String.valueOf(look.empty()).repeat(cells - filled));
    line.append("] ");
    line.append(String.format("%3d%%", row.percent), style).append(' ');
    line.append(pad(row.phase.label(), PHASE), style).append(' ');
    line.append(pad(shown, Math.max(0, room)), row.phase.ended() ? style
        : AttributedStyle.DEFAULT);
    line.append("  ").append(took);
    if (!left.isBlank()) {
      line.append("  ").append(left.stripTrailing());
    }
    AttributedString result = line.toAttributedString();
    return result.columnLength() > usable ? result.columnSubSequence(0, usable) : result;
  }

  /** What the bar says beside its phase. */
  static String text(Progress.Row row) {
    if (row.phase.ended()) {
      return row.outcome;
    }
    if (!row.note.isEmpty()) {
      return row.note;
    }
    return Text.printable(row.stage);
  }

  private static String timeLeft(Progress.Row row, Instant now) {
    if (row.eta.isEmpty()) {
      return "";
    }
    Duration left = Duration.between(now, row.eta.get());
    return left.toMillis() < 1000 ? "any moment" : "~" + Durations.format(left) + " left";
  }

  private static AttributedStyle styleOf(Progress.Phase phase) {
    switch (phase) {
      case COMPLETED:
        return GREEN;
      case FAILED:
        return RED;
      case ERROR:
        return YELLOW;
      default:
        return AttributedStyle.DEFAULT;
    }
  }

  private static String padLeft(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
