package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.http.PictorySimulator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: one clear line on stderr, the right exit code, nothing sent, nothing written. */
class BadInputTest {

  @TempDir
  Path dir;

  private PictorySimulator simulator;
  private String db;
  private Map<String, String> env;
  private final String id = JobId.random().toString();

  @BeforeEach
  void start() {
    simulator = Runs.simulator(Runs.account(Runs.quickJobs(1)));
    db = dir.resolve("data").resolve("jobs").toString();
    env = Runs.env("PICTORY_API_KEY", Runs.KEY, "PICTORY_BASE_URL",
        simulator.baseUrl().toString(), "RENDERWATCH_DB", db, "HOME", dir.toString());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of("unknown option", List.of("watch", "--frobnicate", "ID"), "--frobnicate"),
        Arguments.of("unknown command", List.of("wach", "ID"), "wach"),
        Arguments.of("non-UUID id", List.of("watch", "not-a-uuid"), "Not a job id"),
        Arguments.of("non-UUID id for show", List.of("show", "1234"), "Not a job id"),
        Arguments.of("malformed duration", List.of("watch", "--min-interval", "5 parsecs", "ID"),
            "not a duration"),
        Arguments.of("zero duration", List.of("watch", "--timeout", "0s", "ID"),
            "not a positive duration"),
        Arguments.of("max below min", List.of("watch", "--min-interval", "5s", "--max-interval",
            "1s", "ID"), "--max-interval"),
        Arguments.of("bad rate", List.of("watch", "--rate", "0", "ID"), "--rate"),
        Arguments.of("rate not a number", List.of("watch", "--rate", "many", "ID"), "--rate"),
        Arguments.of("malformed URL", List.of("watch", "--base-url", "ht tp://x", "ID"),
            "--base-url"),
        Arguments.of("not http", List.of("watch", "--base-url", "ftp://example.com", "ID"),
            "--base-url"),
        Arguments.of("http to another host", List.of("watch", "--base-url",
            "http://api.pictory.ai", "ID"), "use https://"),
        Arguments.of("no ids", List.of("watch"), "no job to watch"),
        Arguments.of("missing @file", List.of("watch", "@/nonexistent/ids.txt"), "no such file"),
        Arguments.of("unsupported db", List.of("watch", "--db", "jdbc:mysql://x/y", "ID"),
            "not supported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageErrorsExitTwoWithOneLine(String name, List<String> args, String mentions) {
    Runs.Result result = Runs.run(env, substitute(args));

    assertThat(result.code()).as(result.toString()).isEqualTo(2);
    assertOneLineNothingSentNothingWritten(result, mentions);
  }

  @Test
  void aMissingKeyExitsTwo() {
    env.remove("PICTORY_API_KEY");
    Runs.Result result = Runs.run(env, "watch", id);

    assertThat(result.code()).isEqualTo(2);
    assertOneLineNothingSentNothingWritten(result, "PICTORY_API_KEY");
  }

  @Test
  void aKeyWithABlankExitsTwoWithoutShowingIt() {
    Runs.Result result = Runs.run(env, "watch", "--api-key", "pictai_secret part", id);

    assertThat(result.code()).isEqualTo(2);
    assertOneLineNothingSentNothingWritten(result, "API key");
    assertThat(result.err()).doesNotContain("secret");
  }

  @Test
  void aDatabaseBelowAFileExitsThree() throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    Runs.Result result = Runs.run(env, "watch", "--db", file.resolve("jobs").toString(), id);

    assertThat(result.code()).as(result.toString()).isEqualTo(3);
    assertThat(result.errLines()).singleElement().asString().contains("--db");
    assertThat(simulator.requestCount()).isZero();
  }

  @Test
  void aLockedDatabaseExitsThree() throws IOException {
    // Create the database, then hold its file lock as another process would.
    Runs.run(env, "watch", "--json", "--min-interval", "200ms", "--max-interval", "300ms",
        "--timeout", "300ms", id);
    Path file = Path.of(db + ".mv.db");
    assertThat(file).exists();
    long sent = simulator.requestCount();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
      Runs.Result result = Runs.run(env, "watch", id);

      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.errLines()).singleElement().asString().contains("--db");
      assertThat(simulator.requestCount()).isEqualTo(sent);
    }
  }

  private String[] substitute(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      out.add(arg.equals("ID") ? id : arg);
    }
    return out.toArray(String[]::new);
  }

  private void assertOneLineNothingSentNothingWritten(Runs.Result result, String mentions) {
    assertThat(result.errLines()).as(result.toString()).singleElement().asString()
        .startsWith("renderwatch: ").contains(mentions);
    assertThat(result.out()).isEmpty();
    assertThat(simulator.requestCount()).isZero();
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
