package io.renderwatch.core.archive;

/**
 * The archive's folder cannot take a file: the disk is full, the file would not fit, or the
 * folder is not writable. An archive run stops at the first one, since the next file would meet
 * it too; its message names the folder and the fix.
 */
public final class DiskException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A disk problem with a message for people. */
  public DiskException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A disk problem with a message for people. */
  public DiskException(String message) {
    super(message);
  }
}
