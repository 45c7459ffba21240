package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged jar in a child process, as a person runs it: in a folder of its own that is also
 * its HOME, with none of the machine's {@code PICTORY_} or Renderwatch variables.
 */
final class JarProcess {

  static final Path JAR = Path.of(System.getProperty("renderwatch.jar", "target/renderwatch.jar"));

  private static final AtomicInteger RUNS = new AtomicInteger();

  private JarProcess() {}

  /** A builder for {@code java -jar renderwatch.jar ARGS} in {@code dir}, with {@code env} added. */
  static ProcessBuilder builder(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    if (sigintIgnored()) {
      // Started in the background by a shell without job control, this JVM ignores SIGINT and a
      // child would inherit that: Ctrl-C tests would then wait for nothing. GNU env resets it.
      command.addAll(List.of("env", "--default-signal=INT"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PICTORY_")
        || k.startsWith("RENDERWATCH_") || k.equals("XDG_DATA_HOME") || k.equals("NO_COLOR"));
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("TERM", "dumb");
    builder.environment().putAll(env);
    return builder;
  }

  /**
   * Runs the jar to its end and returns what it printed; {@code guard} only stops a run that
   * hangs (the test then fails saying so), it is not a speed check.
   */
  static Runs.Result run(Path dir, Map<String, String> env, Duration guard, String... args)
      throws IOException, InterruptedException {
    int n = RUNS.incrementAndGet();
    Path out = dir.resolve("run" + n + ".out");
    Path err = dir.resolve("run" + n + ".err");
    Process child = builder(dir, env, args).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    boolean ended = child.waitFor(guard.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    Runs.Result result = new Runs.Result(ended ? child.exitValue() : -1, read(out), read(err));
    assertThat(ended).as("still running after %s: %s", guard, result).isTrue();
    return result;
  }

  /** Whether this process ignores SIGINT (Linux: bit 2 of the SigIgn mask in /proc). */
  static boolean sigintIgnored() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    return read(status).lines().filter(l -> l.startsWith("SigIgn:")).findFirst()
        .map(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) & 0b10) != 0)
        .orElse(false);
  }

  /** The file's text, or "" while it does not exist. */
  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
