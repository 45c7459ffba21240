package io.renderwatch.demo;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code serve}'s options for archiving completed jobs' files ({@code --archive DIR}). */
final class ServeArchiveOptions {

  @Option(names = "--archive", paramLabel = "DIR",
      description = "Archive the output files of each completed job into DIR/<job id>/, as"
          + " 'renderwatch archive' does, on threads of their own; jobs completed while the"
          + " service was down are archived at start.")
  Path archive;

  @Option(names = "--max-bytes", paramLabel = "SIZE", defaultValue = "10GiB",
      converter = Sizes.class,
      description = "With --archive: refuse any one file larger than this (default"
          + " ${DEFAULT-VALUE}).")
  long maxBytes;

  /** Where and how to archive, when asked; checked before anything is opened. */
  record Target(Path dir, long maxBytes) {}

  /** The checked target, or empty without {@code --archive}. */
  Optional<Target> target() {
    if (maxBytes < 1) {
      throw new UsageException("--max-bytes 0 would refuse every file; give e.g. 10GiB");
    }
    if (archive == null) {
      return Optional.empty();
    }
    if (archive.toString().isBlank()) {
      throw new UsageException("--archive is empty; give the folder to archive the files into");
    }
    return Optional.of(new Target(archive.toAbsolutePath().normalize(), maxBytes));
  }
}
