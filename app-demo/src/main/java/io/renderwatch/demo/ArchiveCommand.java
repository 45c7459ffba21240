package io.renderwatch.demo;

import io.renderwatch.core.model.JobId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archive [JOBID...]}: downloads stored completed jobs' output files, verified. */
@Command(name = "archive", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Downloads the output files of stored completed jobs into DIR/<job id>/",
        "(video.mp4, audio.mp3, thumbnail.jpg, subtitles.srt, subtitles.vtt, transcript.txt),",
        "verified by size and SHA-256 and resumable. Needs no API key.",
        "Ids may also come from @FILE (one per line) or - (stdin)."},
    footer = {"", "Exit codes: 0 every file archived (or already was), 2 bad usage,",
        "3 a file is gone or in error, a job is not stored as completed, or the disk is full."})
final class ArchiveCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Mixin
  DatabaseOption db = new DatabaseOption();

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the files go, one folder per job (default "
          + "$XDG_DATA_HOME/renderwatch/archive, else ~/.local/share/renderwatch/archive).")
  Path dir;

  @Option(names = "--all", description = "Archive every stored completed job.")
  boolean all;

  @Option(names = "--json", description = "Print one JSON object per job, per line.")
  boolean json;

  @Option(names = "--max-bytes", paramLabel = "SIZE", defaultValue = "10GiB",
      converter = Sizes.class,
      description = "Refuse any one file larger than this (default ${DEFAULT-VALUE}).")
  long maxBytes;

  @Option(names = "--verify",
      description = "Hash every file already on disk again, even one whose size and modification"
          + " time are those recorded when it was archived (such a file is trusted otherwise).")
  boolean verify;

  @Parameters(paramLabel = "JOBID", arity = "0..*",
      description = "Job ids (UUIDs), @FILE with one id per line, or - for standard input.")
  List<String> jobIds = new ArrayList<>();

  ArchiveCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    if (all == !jobIds.isEmpty()) {
      throw new UsageException(all ? "give either --all or job ids, not both"
          : "no job to archive; give JOBID..., @FILE, - (stdin) or --all;"
              + " see 'renderwatch archive --help'");
    }
    if (maxBytes < 1) {
      throw new UsageException("--max-bytes 0 would refuse every file; give e.g. 10GiB");
    }
    List<JobId> ids = Ids.resolve(jobIds, cli.in());
    if (!all && ids.isEmpty()) {
      throw new UsageException("no job ids found in the given input; give one UUID per line");
    }
    String database = db.resolve(cli);
    Path folder = defaultDir(cli, dir);
    return new ArchiveRun(cli, database, folder, maxBytes, json, verify).run(all, ids);
  }

  /** The --dir value, else CLI.md's default folder. */
  static Path defaultDir(Cli cli, Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String xdg = cli.env().get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(cli.env().getOrDefault("HOME", System.getProperty("user.home")), ".local",
            "share");
    return base.resolve("renderwatch").resolve("archive");
  }
}
