package io.renderwatch.core.archive;

/** A file could not be fetched: it is gone, the fetch was refused, or it failed. */
public final class FetchException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of failure, which decides whether to try again. */
  public enum Kind {
    /** The server says the file is not there (403, 404, 410): purged by the CDN. */
    GONE,
    /** Trying again could help (a network failure, a 5xx, a short body). */
    TRANSIENT,
    /** Trying again will not help (a forbidden URL or redirect, a file too large). */
    REFUSED
  }

  private final Kind kind;

  /** A failure of the given kind, with a message for people. */
  public FetchException(Kind kind, String message) {
    super(message);
    this.kind = java.util.Objects.requireNonNull(kind, "kind == null");
  }

  /** A failure of the given kind, with a message for people and its cause. */
  public FetchException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind == null");
  }

  /** What kind of failure this is. */
  public Kind kind() {
    return kind;
  }
}
