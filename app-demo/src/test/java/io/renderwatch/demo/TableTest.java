package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The results table on narrow and wide terminals, and off a terminal. */
class TableTest {

  private static final Look UNICODE = new Look(true, true);

  private static List<String> lines(String table) {
    return table.lines().toList();
  }

  @Test
  void at80ColumnsNothingWrapsTheLinkIsShortenedInTheMiddleAndEveryIdIsWhole() {
    List<String> lines = lines(Table.render(Results.all(), Table.Layout.terminal(80, UNICODE)));

    assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line.length()).isLessThan(80));
    assertThat(lines.get(0)).startsWith("JOB ID").contains("STATUS", "DETAIL");
    String completed = lines.get(1);
    assertThat(completed).startsWith(Results.COMPLETED + "  completed");
    String link = completed.substring(completed.lastIndexOf(' ') + 1);
    assertThat(link).startsWith("https://cdn.").endsWith("/video.mp4").contains("…");
    assertThat(lines.get(2)).startsWith(Results.FAILED.toString())
        .endsWith("failed     4001: Invalid voice name");
    assertThat(lines.get(3)).startsWith(Results.ERROR.toString()).contains("error",
        "timeout: no outcome within 2m").doesNotContain("Watch of");
  }

  @Test
  void at200ColumnsValuesAreWholeAndTheDurationsHaveTheirOwnColumns() {
    List<String> lines = lines(Table.render(Results.all(), Table.Layout.terminal(200, UNICODE)));

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
    assertThat(lines.get(0).split(" {2,}")).containsExactly("JOB ID", "STATUS", "VIDEO",
        "RENDER", "DETAIL");
    assertThat(lines.get(1).split(" {2,}")).containsExactly(Results.COMPLETED.toString(),
        "completed", "1:03.5", "0:41.3", Results.VIDEO);
    assertThat(lines.get(2).split(" {2,}")).containsExactly(Results.FAILED.toString(), "failed",
        "-", "-", "4001: Invalid voice name");
  }

  @Test
  void offATerminalValuesAreWholeOneRowPerLineInColumnsForAwk() {
    String table = Table.render(Results.all(), Table.Layout.plain());
    List<String> lines = lines(table);

    assertThat(lines).hasSize(4);
    assertThat(table).contains(Results.VIDEO).doesNotContain("…");
    // Under the header (as with docker ps, skip it with awk 'NR > 1'), $1 to $4 never shift.
    List<String[]> fields = lines.subList(1, 4).stream().map(line -> line.split("\\s+", 5))
        .toList();
    assertThat(fields).allSatisfy(f -> assertThat(f).hasSize(5));
    assertThat(fields.stream().map(f -> f[1])).containsExactly("completed", "failed", "error");
    assertThat(fields.stream().map(f -> f[2])).containsExactly("1:03.5", "-", "-");
    assertThat(fields.get(0)[4]).isEqualTo(Results.VIDEO);
    assertThat(fields.get(1)[4]).isEqualTo("4001: Invalid voice name");
    // Columns stay put for cut -c: each column starts at the same place on every line.
    int status = lines.get(0).indexOf("STATUS");
    int detail = lines.get(0).indexOf("DETAIL");
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.charAt(status - 1)).isEqualTo(' ');
      assertThat(line.charAt(status)).isNotEqualTo(' ');
      assertThat(line.charAt(detail)).isNotEqualTo(' ');
    });
  }

  @Test
  void withoutUnicodeTheShortenedLinkIsMarkedInAscii() {
    String table = Table.render(List.of(Results.completed()),
        Table.Layout.terminal(80, new Look(false, false)));

    assertThat(table).contains("...").doesNotContain("…");
    assertThat(Arrays.stream(table.split("\n"))).allSatisfy(l -> assertThat(l.length())
        .isLessThan(80));
  }
}
