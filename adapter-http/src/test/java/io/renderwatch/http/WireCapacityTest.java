package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.model.JobSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "the budget on the wire": a request the engine counts as sent reaches the server
 * then, never held in OkHttp's queue to be released later in a burst. The server holds every
 * answer until all requests have arrived, so only requests truly on the wire at once count.
 */
class WireCapacityTest extends ServerTestSupport {

  private final CountDownLatch release = new CountDownLatch(1);
  private CountDownLatch arrived;

  @AfterEach
  void releaseTheServer() {
    release.countDown();
  }

  /**
   * A source whose timeouts outlast the test's waits: a held request must not time out and
   * make room for a queued one, which would then arrive late and count as if it had been sent.
   */
  private PictoryHttpSource patient(PictoryHttpSource.Builder builder) {
    return use(builder.readTimeout(Duration.ofMinutes(2)).callTimeout(Duration.ofMinutes(2))
        .build());
  }

  /** Every request is answered only once the test lets go, and counted when it arrives. */
  private void holdAnswers(int expected) {
    arrived = new CountDownLatch(expected);
    String queued = resource("api-md/queued.json");
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrived.countDown();
        release.await(30, TimeUnit.SECONDS);
        return json(queued);
      }
    });
  }

  private List<CompletableFuture<JobSnapshot>> fetchAll(PictoryHttpSource source, int n) {
    List<CompletableFuture<JobSnapshot>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(source.fetch(JOB));
    }
    return futures;
  }

  private void allAnswered(List<CompletableFuture<JobSnapshot>> futures) throws Exception {
    CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new))
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void asManyRequestsAsTheEnginesInFlightCapReachTheServerAtOnce() throws Exception {
    PictoryHttpSource source = patient(builder());
    int cap = PollPolicy.defaults().maxInFlight();
    assertThat(source.maxConcurrentRequests()).isGreaterThanOrEqualTo(cap);
    holdAnswers(cap);

    List<CompletableFuture<JobSnapshot>> futures = fetchAll(source, cap);

    assertThat(arrived.await(30, TimeUnit.SECONDS))
        .as("requests on the wire at once: %d of %d", cap - arrived.getCount(), cap).isTrue();
    assertThat(source.client().dispatcher().queuedCallsCount()).isZero();
    release.countDown();
    allAnswered(futures);
    assertThat(server.getRequestCount()).isEqualTo(cap);
  }

  @Test
  void everyRequestUpToTheSourcesCapacityReachesTheServerAtOnce() throws Exception {
    PictoryHttpSource source = patient(builder());
    int capacity = source.maxConcurrentRequests();
    holdAnswers(capacity);

    List<CompletableFuture<JobSnapshot>> futures = fetchAll(source, capacity);

    assertThat(arrived.await(30, TimeUnit.SECONDS))
        .as("requests on the wire at once: %d of %d", capacity - arrived.getCount(), capacity)
        .isTrue();
    release.countDown();
    allAnswered(futures);
  }

  @Test
  void aCallersClientWithOkHttpsDefaultFivePerHostDoesNotQueueTheEnginesRequests()
      throws Exception {
    OkHttpClient caller = new OkHttpClient();
    try {
      PictoryHttpSource source = patient(builder().okHttpClient(caller));
      int cap = PollPolicy.defaults().maxInFlight();
      holdAnswers(cap);

      List<CompletableFuture<JobSnapshot>> futures = fetchAll(source, cap);

      assertThat(arrived.await(30, TimeUnit.SECONDS))
          .as("requests on the wire at once: %d of %d", cap - arrived.getCount(), cap).isTrue();
      release.countDown();
      allAnswered(futures);
    } finally {
      caller.dispatcher().executorService().shutdown();
      caller.connectionPool().evictAll();
    }
  }

  @Test
  void beyondItsCapacityTheSourceHoldsRequestsBackAsItSays() throws Exception {
    PictoryHttpSource source = patient(builder().maxRequestsPerHost(3));
    assertThat(source.maxConcurrentRequests()).isEqualTo(3);
    holdAnswers(3);

    List<CompletableFuture<JobSnapshot>> futures = fetchAll(source, 4);

    assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(source.client().dispatcher().queuedCallsCount()).isEqualTo(1);
    release.countDown();
    allAnswered(futures);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }
}
