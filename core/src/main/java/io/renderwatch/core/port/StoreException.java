package io.renderwatch.core.port;

/** The storage behind a {@link JobStore} or {@link WatchRegistry} failed or refused the data. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with a message that names the problem and, where possible, the fix. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure with a message that names the problem and, where possible, the fix. */
  public StoreException(String message) {
    super(message);
  }
}
