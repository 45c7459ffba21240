package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** What a finished bar says, in which colours and marks, and that it fits. */
class BarTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";

  private final Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()),
      Clock.fixed(T0.plusSeconds(14), ZoneOffset.UTC));

  private Progress.Row running(io.renderwatch.core.model.JobId id) {
    Progress.Row row = new Progress.Row(id, T0);
    progress.apply(row, view(id, EventView.Kind.PROGRESS,
        new JobState.Running(94, "Rendering video", "RUNNING")));
    return row;
  }

  private static EventView view(io.renderwatch.core.model.JobId id, EventView.Kind kind,
      JobState state) {
    return new EventView(id, kind, Optional.ofNullable(state), Optional.empty(),
        Optional.empty(), "", Optional.empty());
  }

  private Progress.Row failed() {
    Progress.Row row = running(Results.FAILED);
    String line = progress.apply(row, view(Results.FAILED, EventView.Kind.FAILED,
        new JobState.Failed("4001", "Invalid voice name")));
    assertThat(line).isEqualTo("failed: 4001: Invalid voice name");
    return row;
  }

  @Test
  void aFailedBarSaysWhyItFailedNotWhatItWasDoing() {
    AttributedString bar = Bar.render(failed(), T0.plusSeconds(20), 80, Look.PLAIN);

    assertThat(bar.toString()).startsWith("a98f8b20 [#########-]  94% failed    ")
        .contains("4001: Invalid voice name").doesNotContain("Rendering").endsWith("14s");
    assertThat(bar.columnLength()).isLessThan(80);
  }

  @Test
  void aCompletedBarShowsTheVideoLengthAndAnErrorBarItsReason() {
    Progress.Row done = running(Results.COMPLETED);
    String line = progress.apply(done, view(Results.COMPLETED, EventView.Kind.COMPLETED,
        Results.completed().snapshot().map(JobSnapshot::state).orElseThrow()));
    Progress.Row error = running(Results.ERROR);
    progress.apply(error, new EventView(Results.ERROR, EventView.Kind.ENDED, Optional.empty(),
        Optional.empty(), Optional.empty(), "", Optional.of(new WatchEndedException(
            WatchEndedException.Reason.TIMEOUT, Results.ERROR, null,
            "Watch of " + Results.ERROR + " ended (timeout): no outcome within 2m", null))));

    assertThat(line).isEqualTo("completed: video 1:03.5");
    assertThat(Bar.render(done, T0, 80, Look.PLAIN).toString())
        .contains("[##########] 100% completed video 1:03.5");
    assertThat(Bar.render(error, T0, 80, Look.PLAIN).toString())
        .contains(" error     timeout: no outcome within 2m");
  }

  @Test
  void onAColourTerminalCompletedFailedAndErrorAreGreenRedAndYellow() {
    Look color = new Look(true, true);
    Progress.Row done = running(Results.COMPLETED);
    progress.apply(done, view(Results.COMPLETED, EventView.Kind.COMPLETED,
        new JobState.Completed(RenderOutput.EMPTY)));

    assertThat(Bar.render(failed(), T0, 80, color).toAnsi()).contains(RED + "█████████")
        .contains("4001: Invalid voice name");
    assertThat(Bar.render(done, T0, 80, color).toAnsi()).contains(GREEN);
    assertThat(Bar.render(running(Results.ERROR), T0, 80, color).toAnsi())
        .doesNotContain(RED, GREEN, YELLOW);
    assertThat(Bar.render(failed(), T0, 80, Look.PLAIN).toAnsi()).doesNotContain("\u001b[");
  }

  @Test
  void noColorTurnsColourOffAndAnAsciiCharsetGetsAsciiMarks() throws IOException {
    try (Terminal utf8 = terminal(StandardCharsets.UTF_8);
        Terminal ascii = terminal(StandardCharsets.US_ASCII)) {
      assertThat(Look.of(utf8, Map.of())).isEqualTo(new Look(true, true));
      assertThat(Look.of(utf8, Map.of("NO_COLOR", "1"))).isEqualTo(new Look(false, true));
      assertThat(Look.of(utf8, Map.of("NO_COLOR", ""))).isEqualTo(new Look(true, true));
      assertThat(Look.of(ascii, Map.of("NO_COLOR", "yes"))).isEqualTo(Look.PLAIN);
    }
    assertThat(Bar.render(failed(), T0, 80, new Look(false, true)).toAnsi())
        .doesNotContain("\u001b[").contains("█").contains("░");
  }

  @Test
  void aBarFitsItsTerminalAndKeepsTheTimeLeftWhenThereIsRoom() {
    Progress.Row row = new Progress.Row(Results.COMPLETED, T0);
    progress.apply(row, new EventView(Results.COMPLETED, EventView.Kind.PROGRESS,
        Optional.of(new JobState.Running(40, "Rendering scene 3 of 9", "RUNNING")),
        Optional.of(T0.plusSeconds(30)), Optional.empty(), "", Optional.empty()));

    for (int width : new int[] {40, 60, 80, 120, 200}) {
      assertThat(Bar.render(row, T0.plusSeconds(12), width, Look.PLAIN).columnLength())
          .as("at %d columns", width).isLessThan(width);
    }
    assertThat(Bar.render(row, T0.plusSeconds(12), 80, Look.PLAIN).toString())
        .contains("running   Rendering scene 3 of 9", "12s", "~18s left");
  }

  private static Terminal terminal(Charset charset) throws IOException {
    return TerminalBuilder.builder().system(false).type("xterm-256color").encoding(charset)
        .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
  }
}
