package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SourceException.Kind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** close(), cancellation and concurrency. */
class LifecycleTest extends ServerTestSupport {

  @Test
  void closeStopsTheThreadsItCreated() throws Exception {
    PictoryHttpSource source = source();
    fetch(json(resource("api-md/queued.json")));
    ExecutorService executor = source.client().dispatcher().executorService();
    source.close();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(source.client().connectionPool().connectionCount()).isZero();
    source.close(); // idempotent
  }

  @Test
  void closeLeavesACallersClientAlone() throws Exception {
    OkHttpClient caller = new OkHttpClient();
    try {
      PictoryHttpSource source = use(builder().okHttpClient(caller).build());
      fetch(json(resource("api-md/queued.json")));
      source.close();
      assertThat(caller.dispatcher().executorService().isShutdown()).isFalse();
    } finally {
      caller.dispatcher().executorService().shutdown();
      caller.connectionPool().evictAll();
    }
  }

  @Test
  void closeCancelsThisSourcesCallsButNotTheCallersOwnOnTheSameClient() throws Exception {
    OkHttpClient caller = new OkHttpClient();
    try {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      okhttp3.Call callersOwn = caller.newCall(new okhttp3.Request.Builder()
          .url(server.url("/elsewhere")).build());
      callersOwn.enqueue(new okhttp3.Callback() {
        @Override
        public void onFailure(okhttp3.Call call, java.io.IOException e) {}

        @Override
        public void onResponse(okhttp3.Call call, okhttp3.Response response) {
          response.close();
        }
      });
      PictoryHttpSource source = use(builder().okHttpClient(caller).build());
      CompletableFuture<JobSnapshot> pending = source.fetch(JOB);
      server.takeRequest(5, TimeUnit.SECONDS);
      server.takeRequest(5, TimeUnit.SECONDS); // both are on the wire

      source.close();

      assertThat(failureOf(pending).getMessage()).contains("was canceled");
      assertThat(callersOwn.isCanceled()).isFalse();
      assertThat(caller.dispatcher().runningCallsCount()).isEqualTo(1);
      callersOwn.cancel();
    } finally {
      caller.dispatcher().executorService().shutdown();
      caller.connectionPool().evictAll();
    }
  }

  @Test
  void aFetchAfterCloseFailsAsUnavailable() {
    PictoryHttpSource source = source();
    source.close();
    assertThat(failureOf(source.fetch(JOB)).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void closeFailsCallsInFlight() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CompletableFuture<JobSnapshot> pending = source().fetch(JOB);
    server.takeRequest(5, TimeUnit.SECONDS); // the request is on the wire
    source().close();
    assertThat(failureOf(pending).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void cancellingTheFutureCancelsTheCall() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CompletableFuture<JobSnapshot> pending = source().fetch(JOB);
    server.takeRequest(5, TimeUnit.SECONDS);
    CountDownLatch idle = new CountDownLatch(1);
    source().client().dispatcher().setIdleCallback(idle::countDown);
    pending.cancel(true);
    // The dispatcher lets go of the cancelled call well before the 5 s read timeout.
    assertThat(idle.await(3, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void manyFetchesAtOnceAllComplete() throws Exception {
    int n = 20;
    for (int i = 0; i < n; i++) {
      server.enqueue(json(resource("api-md/running.json")));
    }
    java.util.List<CompletableFuture<JobSnapshot>> futures = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(source().fetch(JOB));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new)).get(10, TimeUnit.SECONDS);
    for (CompletableFuture<JobSnapshot> future : futures) {
      assertThat(future.get().state()).isInstanceOf(io.renderwatch.core.model.JobState.Running.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(n);
  }
}
