package io.renderwatch.http;

import io.renderwatch.core.archive.DiskException;
import io.renderwatch.core.archive.FetchException;
import io.renderwatch.core.archive.FileFetcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Downloads output files from the CDN with a client of its own: these are not API requests, so
 * they carry no key and spend nothing of the account's request budget. Only {@code https} URLs
 * (or plain {@code http} to a loopback host) are fetched, and redirects are followed only to
 * {@code https}, at most five. An interrupted file is resumed with {@code Range} when the server
 * honours it, else fetched again; the length is checked against {@code Content-Length} and the
 * SHA-256 computed as the bytes arrive. Close it to release its connections.
 */
public final class HttpFileFetcher implements FileFetcher, AutoCloseable {

  private final OkHttpClient client;
  private final String userAgent;

  private HttpFileFetcher(Builder b) {
    this.client = new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .connectionPool(new ConnectionPool(8, 1, TimeUnit.MINUTES))
        .build();
    this.userAgent = "renderwatch/" + Version.get() + " (+java; archive)";
  }

  /** Starts a builder with the defaults: connect timeout 10s, read timeout 30s. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Fetched fetch(URI url, Path part, long maxBytes, Progress progress)
      throws FetchException, DiskException {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(part, "part == null");
    Objects.requireNonNull(progress, "progress == null");
    return new Download(client, userAgent, url, part, maxBytes, progress).run();
  }

  /**
   * Cancels what is running and releases the client's threads and connections, its pool cleaner
   * thread included.
   */
  @Override
  public void close() {
    HttpClients.close(client, true);
  }

  /** Configures an {@link HttpFileFetcher}; every setter checks its argument at once. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** How long to wait for a connection (default 10s). */
    public Builder connectTimeout(Duration value) {
      connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /** How long to wait for the next bytes of a download before retrying it (default 30s). */
    public Builder readTimeout(Duration value) {
      readTimeout = positive(value, "readTimeout");
      return this;
    }

    /** Returns the fetcher. */
    public HttpFileFetcher build() {
      return new HttpFileFetcher(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }
  }
}
