package io.renderwatch.demo;

import io.renderwatch.cache.Caching;
import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.archive.ArchiveListener;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.OutputArchive;
import io.renderwatch.http.HttpFileFetcher;
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.jdbc.JdbcStores;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.UnaryOperator;

/**
 * The composition root, wired by hand: the JDBC adapter's durable store behind the cache
 * adapter's memo; the HTTP adapter's source behind the cache adapter's coalescing source; the
 * engine over both, with the JDBC adapter's registry. The only class that knows the adapters.
 */
final class Wiring implements AutoCloseable {

  private final JdbcStores stores;
  private final JobStore store;
  private final PictoryHttpSource http;
  private final RenderWatch engine;
  private HttpFileFetcher fetcher;

  /** Opens the durable store only: for show and list, which never touch the network. */
  static Wiring offline(String db) {
    JdbcStores stores = openStores(db);
    return new Wiring(stores, null, null, Caching.store(stores.jobStore()));
  }

  /**
   * Opens the store and the source and builds the engine.
   *
   * @throws IllegalArgumentException for an unusable key or URL (checked before the database is
   *     opened, so nothing is written)
   */
  static Wiring online(String db, String apiKey, String baseUrl, PollPolicy policy) {
    return online(db, apiKey, baseUrl, policy, WatchListener.NONE, UnaryOperator.identity(),
        false);
  }

  /**
   * Like {@link #online(String, String, String, PollPolicy)}, with a listener of every event
   * and a decorator of the source (for {@code serve}'s metrics); with {@code shareBudget}, the
   * policy's budget is the account's, shared equally by the processes on the database.
   */
  static Wiring online(String db, String apiKey, String baseUrl, PollPolicy policy,
      WatchListener listener, UnaryOperator<JobStatusSource> decorate, boolean shareBudget) {
    PictoryHttpSource http;
    try {
      PictoryHttpSource.Builder source = PictoryHttpSource.builder()
          .apiKey(apiKey)
          .baseUrl(baseUrl)
          .allowInsecureHttp(io.renderwatch.core.model.Links.isLoopback(
              java.net.URI.create(baseUrl).getHost()));
      if (shareBudget) {
        source.userAgent(userAgent(ownerFor(db)));
      }
      http = source.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(Main.firstLine(e.getMessage()), Main.USAGE);
    }
    JdbcStores stores;
    try {
      stores = openStores(db);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    JobStore cached = Caching.store(stores.jobStore());
    JobStatusSource source = Caching.source(decorate.apply(http));
    WatchRegistry registry = stores.watchRegistry();
    RenderWatch.Builder builder = RenderWatch.builder()
        .source(source)
        .store(cached)
        .registry(registry)
        .policy(policy)
        .owner(ownerFor(db))
        .listener(listener);
    if (shareBudget) {
      builder.shareBudget(stores.budgetShares());
    }
    RenderWatch engine = builder.build();
    return new Wiring(stores, http, engine, cached);
  }

  private Wiring(JdbcStores stores, PictoryHttpSource http, RenderWatch engine, JobStore store) {
    this.stores = stores;
    this.store = store;
    this.http = http;
    this.engine = engine;
  }

  /**
   * The name under which this process holds watch leases: stable for a private H2 file, so that a
   * restart after a crash reclaims its watches at once; unique per process for a shared database.
   */
  static String ownerFor(String db) {
    if (!db.startsWith("jdbc:")) {
      return "local";
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return "renderwatch@" + host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  /**
   * The User-Agent of one of several processes sharing an account: it names the process by an
   * opaque tag of its lease owner (not its host or pid), so that a request log tells them apart.
   */
  static String userAgent(String owner) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(owner.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "renderwatch/" + Version.current() + " (+java; instance "
          + java.util.HexFormat.of().formatHex(hash, 0, 6) + ")";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** Opens the database, or fails with one line for people (exit 3), having written nothing. */
  static JdbcStores openStores(String db) {
    try {
      return JdbcStores.open(db);
    } catch (IllegalArgumentException | StoreException e) {
      throw new UsageException(Main.firstLine(e.getMessage()), Main.ERROR);
    }
  }

  /** Checks a --db value without opening anything. */
  static void checkDb(String db) {
    if (db == null || db.isBlank()) {
      throw new UsageException("--db is empty; give an H2 file path or a"
          + " jdbc:postgresql://host/db URL");
    }
    if (db.startsWith("jdbc:") && !db.startsWith("jdbc:postgresql:")) {
      throw new UsageException("--db " + Text.printable(db.substring(0,
          Math.min(db.length(), 16))) + "… is not supported; give an H2 file path or a"
          + " jdbc:postgresql://host/db URL");
    }
  }

  JobStore store() {
    return store;
  }

  RenderWatch engine() {
    return engine;
  }

  /** The durable stores (for the service's settings). */
  JdbcStores stores() {
    return stores;
  }

  /** Whether the database answers now. */
  boolean ready() {
    try {
      stores.jobStore().find(io.renderwatch.core.model.JobId.random());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The durable registry of watches. */
  WatchRegistry registry() {
    return stores.watchRegistry();
  }

  /** The records of archived output files. */
  OutputArchive archive() {
    return stores.outputArchive();
  }

  /** An archiver into {@code dir} over the store's records and a CDN fetcher of its own. */
  Archiver archiver(java.nio.file.Path dir, long maxBytes, ArchiveListener listener) {
    return archiver(dir, maxBytes, false, listener);
  }

  /**
   * An archiver into {@code dir}; with {@code verify}, files already on disk are hashed even when
   * their size and modification time are those recorded.
   */
  synchronized Archiver archiver(java.nio.file.Path dir, long maxBytes, boolean verify,
      ArchiveListener listener) {
    if (fetcher == null) {
      fetcher = HttpFileFetcher.builder().build();
    }
    return Archiver.builder().records(stores.outputArchive()).fetcher(fetcher).directory(dir)
        .maxBytes(maxBytes).verify(verify).listener(listener).build();
  }

  /** Which process archives which job now (serve --archive on a shared database). */
  io.renderwatch.core.archive.ArchiveClaims archiveClaims() {
    return stores.archiveClaims();
  }

  @Override
  public void close() {
    if (fetcher != null) {
      fetcher.close();
    }
    try {
      if (engine != null) {
        engine.close();
      }
    } finally {
      try {
        if (http != null) {
          http.close();
        }
      } finally {
        stores.close();
      }
    }
  }
}
