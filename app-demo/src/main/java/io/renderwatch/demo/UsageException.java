package io.renderwatch.demo;

/** Bad input found before anything was sent or written: one line for people, and an exit code. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  UsageException(String message) {
    this(message, Main.USAGE);
  }

  UsageException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
