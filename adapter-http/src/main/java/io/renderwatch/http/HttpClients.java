package io.renderwatch.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.internal.Internal;

/**
 * Builds the OkHttp client of a {@link PictoryHttpSource} and takes down the parts it owns.
 *
 * <p>The client always runs on a {@link Dispatcher} of the source's own, with room for
 * {@code maxRequests} calls at once to the API's host: a request the engine counts as sent goes
 * on the wire at once and never waits in OkHttp's queue to be released later in a burst. A
 * caller's client lends its threads, connection pool, TLS and interceptors, not its queue.
 */
final class HttpClients {

  private HttpClients() {}

  /** The client for the builder's settings. */
  static OkHttpClient create(PictoryHttpSource.Builder b, HttpUrl baseUrl) {
    OkHttpClient.Builder http;
    Dispatcher dispatcher;
    if (b.client != null) {
      http = b.client.newBuilder();
      // The caller's threads, but a queue of our own whose limits fit the engine's in-flight cap.
      dispatcher = new Dispatcher(b.client.dispatcher().executorService());
      if (b.callTimeout == null && b.client.callTimeoutMillis() == 0) {
        http.callTimeout(PictoryHttpSource.DEFAULT_CALL_TIMEOUT);
      }
    } else {
      dispatcher = new Dispatcher(newDispatcherExecutor());
      http = new OkHttpClient.Builder()
          .connectionPool(new ConnectionPool())
          .connectTimeout(PictoryHttpSource.DEFAULT_CONNECT_TIMEOUT)
          .readTimeout(PictoryHttpSource.DEFAULT_READ_TIMEOUT)
          .callTimeout(PictoryHttpSource.DEFAULT_CALL_TIMEOUT);
    }
    dispatcher.setMaxRequests(orDefault(b.maxRequests));
    dispatcher.setMaxRequestsPerHost(orDefault(b.maxRequestsPerHost));
    http.dispatcher(dispatcher);
    if (b.connectTimeout != null) {
      http.connectTimeout(b.connectTimeout);
    }
    if (b.readTimeout != null) {
      http.readTimeout(b.readTimeout);
    }
    if (b.callTimeout != null) {
      http.callTimeout(b.callTimeout);
    }
    return http
        // OkHttp would silently send a request again after a connection failure, behind the
        // engine's request budget: a misbehaving server would see two requests per poll. The
        // engine retries itself, within its budget, with backoff.
        .retryOnConnectionFailure(false)
        .addInterceptor(new RequestHeadersInterceptor(b.apiKey, b.userAgent))
        .addInterceptor(new BodyLimitInterceptor(b.maxResponseBytes))
        .addNetworkInterceptor(new AuthorizationGuard(baseUrl))
        .build();
  }

  /** How many calls the client sends at once to the API's host before OkHttp queues one. */
  static int capacity(OkHttpClient client) {
    Dispatcher dispatcher = client.dispatcher();
    return Math.min(dispatcher.getMaxRequests(), dispatcher.getMaxRequestsPerHost());
  }

  /** Cancels the client's calls; when the source owns the client, also stops its threads. */
  static void close(OkHttpClient client, boolean owned) {
    // The dispatcher is always this source's own: canceling touches none of a caller's calls.
    client.dispatcher().cancelAll();
    if (!owned) {
      return;
    }
    ExecutorService threads = client.dispatcher().executorService();
    threads.shutdown();
    try {
      // Cancelled calls end quickly; once they have, their connections are idle and evictable.
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.connectionPool().evictAll();
    // OkHttp's pool cleaner waits on the pool for up to the keep-alive (5 min) and evictAll()
    // does not wake it: a closed source would hold one shared "OkHttp ConnectionPool" thread
    // that long. Woken, it finds the pool empty and ends.
    Object pool = Internal.instance.realConnectionPool(client.connectionPool());
    synchronized (pool) {
      pool.notifyAll();
    }
  }

  private static int orDefault(Integer limit) {
    return limit == null ? PictoryHttpSource.DEFAULT_MAX_REQUESTS : limit;
  }

  /** Like OkHttp's own, but with daemon threads named after this library. */
  private static ExecutorService newDispatcherExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, "renderwatch-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), threads);
  }
}
