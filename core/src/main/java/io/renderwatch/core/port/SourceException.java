package io.renderwatch.core.port;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a {@link JobStatusSource} could not say what a job's state is: the only failure a source
 * may complete its future with. Messages never contain credentials.
 */
public final class SourceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kinds of failure, each knowing whether asking again can help. */
  public enum Kind {
    /** The API key was refused (HTTP 401): no request will succeed until it is changed. */
    UNAUTHORIZED(false),
    /** Access was denied (HTTP 403, e.g. bot protection rejecting the user agent). */
    FORBIDDEN(false),
    /** The provider does not know the job (never did, or cleaned it away). */
    NOT_FOUND(false),
    /** Too many requests (HTTP 429): wait for the retry-after, then ask again. */
    RATE_LIMITED(true),
    /** The provider or the network failed (5xx, I/O error, timeout): ask again later. */
    UNAVAILABLE(true),
    /**
     * The request never reached the API (unknown host, refused connection, TLS failure): the
     * message says which, in plain words; ask again once the cause is fixed.
     */
    UNREACHABLE(true),
    /** The answer could not be understood (unparseable, too large, another job's body). */
    BAD_RESPONSE(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether asking again later can give a different answer. */
    public boolean retryable() {
      return retryable;
    }
  }

  /**
   * Why a request got no answer from the API, in plain words: set on {@link Kind#UNAVAILABLE}
   * failures of the network itself, never on an HTTP answer.
   */
  public enum NetworkCause {
    /** The API's host name does not resolve (a typo in the URL, or no DNS). */
    UNKNOWN_HOST("unknown host", false),
    /** The host answered that nothing listens on the port. */
    CONNECTION_REFUSED("connection refused", false),
    /** No network route leads to the host (offline, VPN, firewall). */
    NO_ROUTE("no route to host", false),
    /** The TLS handshake failed: not TLS on that port, a bad certificate, or a proxy in between. */
    TLS("TLS handshake failed", false),
    /** Connecting or waiting for the answer took longer than the configured timeout. */
    TIMEOUT("timed out", true),
    /** The connection was reset or closed before the whole answer arrived. */
    CONNECTION_RESET("connection reset", true),
    /** Any other network failure. */
    NETWORK("network error", true);

    private final String words;
    private final boolean mayHaveReachedApi;

    NetworkCause(String words, boolean mayHaveReachedApi) {
      this.words = words;
      this.mayHaveReachedApi = mayHaveReachedApi;
    }

    /** The cause in a few plain words, e.g. {@code "connection refused"}. */
    public String words() {
      return words;
    }

    /**
     * Whether the request may have reached the API before it failed; {@code false} means it
     * certainly did not (no connection, or no finished TLS handshake).
     */
    public boolean mayHaveReachedApi() {
      return mayHaveReachedApi;
    }
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final NetworkCause networkCause;

  /** A failure of the given kind with a message for people. */
  public SourceException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  /**
   * A failure of the given kind.
   *
   * @param retryAfter how long the server asked to wait, or {@code null} when it did not say
   * @param cause the underlying failure, or {@code null}
   */
  public SourceException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    this(kind, null, message, retryAfter, cause);
  }

  /**
   * An {@link Kind#UNAVAILABLE} failure of the network, whose message says in plain words what
   * failed and where (never a credential or a header).
   *
   * @param cause the underlying failure, or {@code null}
   */
  public SourceException(NetworkCause networkCause, String message, Throwable cause) {
    this(Kind.UNAVAILABLE, Objects.requireNonNull(networkCause, "networkCause == null"), message,
        null, cause);
  }

  private SourceException(Kind kind, NetworkCause networkCause, String message,
      Duration retryAfter, Throwable cause) {
    super(Objects.requireNonNull(message, "message == null"), cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter < 0: " + retryAfter);
    }
    this.retryAfter = retryAfter;
    this.networkCause = networkCause;
  }

  /** The kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** How long the server asked to wait before asking again, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Why the network gave no answer, when that is what failed (always {@link Kind#UNAVAILABLE}). */
  public Optional<NetworkCause> networkCause() {
    return Optional.ofNullable(networkCause);
  }

  /** Whether asking again later can help. */
  public boolean retryable() {
    return kind.retryable();
  }

  @Override
  public String toString() {
    return "SourceException[" + kind + (networkCause == null ? "" : ", " + networkCause.words())
        + (retryAfter == null ? "" : ", retry after " + retryAfter) + "]: " + getMessage();
  }
}
