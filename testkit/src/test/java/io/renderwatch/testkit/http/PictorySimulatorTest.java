package io.renderwatch.testkit.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PictorySimulatorTest {

  private static final String KEY = "pictai_test_key";
  private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  private static final JobId QUEUED_THEN_DONE =
      JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");
  private static final JobId FAILS = JobId.parse("0b7d6c2e-1f4a-4c3b-9a8e-2d5f6a7b8c9d");

  private final MutableClock clock = new MutableClock(T0);
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private PictorySimulator simulator;

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  private PictorySimulator start(SimulatedAccount.Builder account) {
    return start(account, 8);
  }

  private PictorySimulator start(SimulatedAccount.Builder builder, int threads) {
    SimulatedAccount account = builder.build();
    account.add(QUEUED_THEN_DONE,
        JobScript.completing(Duration.ofSeconds(10), Duration.ofSeconds(100)), T0);
    account.add(FAILS,
        JobScript.failing(Duration.ZERO, Duration.ofSeconds(10), "4001", "Invalid \"voice\" name"),
        T0);
    simulator = PictorySimulator.builder().apiKey(KEY).account(account).clock(clock)
        .executorThreads(threads).build();
    return simulator;
  }

  private PictorySimulator startWith(FaultPlan plan) {
    return start(SimulatedAccount.builder().faults(plan));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
        .timeout(Duration.ofSeconds(20)).header("Accept", "application/json")
        .header("User-Agent", "simulator-test/1");
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder request = request(path);
    if (key != null) {
      request.header("Authorization", key);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> job(JobId id) throws Exception {
    return get("/pictoryapis/v1/jobs/" + id, KEY);
  }

  private static String completedBody(JobId id) {
    String base = "https://cdn.renderwatch.invalid/renders/" + id + "/";
    return "{\"job_id\":\"" + id + "\",\"success\":true,\"data\":{\"status\":\"completed\","
        + "\"progress\":100,\"videoURL\":\"" + base + "video.mp4\","
        + "\"videoShareURL\":\"https://video.renderwatch.invalid/share/" + id + "\","
        + "\"videoEmbedURL\":\"https://video.renderwatch.invalid/embed/" + id + "\","
        + "\"audioURL\":\"" + base + "audio.mp3\",\"thumbnail\":\"" + base + "thumbnail.jpg\","
        + "\"srtFile\":\"" + base + "subtitles.srt\",\"txtFile\":\"" + base + "transcript.txt\","
        + "\"vttFile\":\"" + base + "subtitles.vtt\",\"videoDuration\":63.5,"
        + "\"encodingDuration\":41.25,\"aiCreditsUsed\":2}}";
  }

  private static String queuedBody(JobId id) {
    return "{\"job_id\":\"" + id + "\",\"success\":true,\"data\":{\"status\":\"in-progress\"}}";
  }

  private static String notFoundBody(String id) {
    return "{\"job_id\":\"" + id + "\",\"success\":false,\"data\":{\"status\":\"failed\","
        + "\"error_code\":\"5000\",\"error_message\":\"JOB_NOT_FOUND\"}}";
  }

  /** Sends one raw HTTP/1.1 request and reads until the server closes the connection. */
  private byte[] rawGet(String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), simulator.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: " + KEY + "\r\nAccept: application/json\r\n\r\n").getBytes(US_ASCII));
      return socket.getInputStream().readAllBytes();
    }
  }

  // ---- shapes -------------------------------------------------------------------------------

  @Test
  void servesQueuedRunningAndCompletedShapesAlongTheTimeline() throws Exception {
    start(SimulatedAccount.builder());

    clock.set(T0.plusSeconds(5));
    HttpResponse<String> queued = job(QUEUED_THEN_DONE);
    clock.set(T0.plusSeconds(60));
    HttpResponse<String> running = job(QUEUED_THEN_DONE);
    clock.set(T0.plusSeconds(110));
    HttpResponse<String> completed = job(QUEUED_THEN_DONE);

    assertThat(queued.statusCode()).isEqualTo(200);
    assertThat(queued.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(queued.body()).isEqualTo(queuedBody(QUEUED_THEN_DONE));
    assertThat(running.body()).isEqualTo("{\"job_id\":\"" + QUEUED_THEN_DONE + "\","
        + "\"success\":true,\"data\":{\"status\":\"in-progress\",\"renderProgress\":50,"
        + "\"renderProgressMessage\":\"Rendering video\",\"renderState\":\"RUNNING\"}}");
    assertThat(completed.statusCode()).isEqualTo(200);
    assertThat(completed.body()).isEqualTo(completedBody(QUEUED_THEN_DONE));
  }

  @Test
  void servesTheFailedShapeWithEscapedTexts() throws Exception {
    start(SimulatedAccount.builder());
    clock.set(T0.plusSeconds(10));

    HttpResponse<String> failed = job(FAILS);

    assertThat(failed.statusCode()).isEqualTo(200);
    assertThat(failed.body()).isEqualTo("{\"job_id\":\"" + FAILS + "\",\"success\":false,"
        + "\"data\":{\"status\":\"failed\",\"error_code\":\"4001\","
        + "\"error_message\":\"Invalid \\\"voice\\\" name\"}}");
  }

  @Test
  void acceptsAnUpperCaseIdAndAnswersWithTheCanonicalOne() throws Exception {
    start(SimulatedAccount.builder());

    HttpResponse<String> response =
        get("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE.toString().toUpperCase(), KEY);

    assertThat(response.body()).isEqualTo(queuedBody(QUEUED_THEN_DONE));
  }

  // ---- key, ids, routes ---------------------------------------------------------------------

  @Test
  void refusesAMissingOrWrongKeyWith401() throws Exception {
    start(SimulatedAccount.builder());
    String path = "/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE;

    for (String key : new String[] {null, "pictai_wrong", "Bearer " + KEY, KEY + "x", ""}) {
      HttpResponse<String> response = get(path, key);
      assertThat(response.statusCode()).as("key %s", key).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }
    assertThat(simulator.account().requests()).isZero();
    assertThat(simulator.served()).extracting(ServedRequest::status).containsOnly(401);
  }

  @Test
  void answersAnUnknownJobLikePictory() throws Exception {
    start(SimulatedAccount.builder());
    JobId unknown = JobId.parse("11111111-2222-4333-8444-555555555555");

    HttpResponse<String> response = job(unknown);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(notFoundBody(unknown.toString()));
    assertThat(simulator.account().requestsFor(unknown)).isEqualTo(1);
  }

  @Test
  void answersASegmentThatIsNoUuidAsNotFound() throws Exception {
    start(SimulatedAccount.builder());

    HttpResponse<String> response = get("/pictoryapis/v1/jobs/not-a-job%2F..", KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(notFoundBody("not-a-job%2F.."));
    assertThat(simulator.served()).singleElement()
        .isEqualTo(new ServedRequest(T0, "/pictoryapis/v1/jobs/not-a-job%2F..",
            "not-a-job%2F..", 200, "", "simulator-test/1"));
  }

  @Test
  void answersOtherPathsWith404AndOtherMethodsWith405() throws Exception {
    start(SimulatedAccount.builder());

    HttpResponse<String> root = get("/", KEY);
    HttpResponse<String> list = get("/pictoryapis/v1/jobs/", KEY);
    HttpResponse<String> deeper = get("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE + "/x", KEY);
    HttpResponse<String> post = client.send(request("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE)
        .header("Authorization", KEY).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        BodyHandlers.ofString());

    for (HttpResponse<String> response : List.of(root, list, deeper)) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET");
    assertThat(post.body()).isEqualTo("{\"message\":\"Method Not Allowed\"}");
    assertThat(simulator.account().requests()).isZero();
    assertThat(simulator.requestCount()).isEqualTo(4);
  }

  // ---- rate limit ---------------------------------------------------------------------------

  @Test
  void answers429WithRetryAfterOverTheAccountLimitAndCountsIt() throws Exception {
    start(SimulatedAccount.builder().rateLimit(3, Duration.ofSeconds(1))
        .retryAfter(Duration.ofSeconds(5)));

    for (int i = 0; i < 3; i++) {
      assertThat(job(QUEUED_THEN_DONE).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = job(FAILS);
    clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> later = job(QUEUED_THEN_DONE);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("5");
    assertThat(limited.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(simulator.account().rateLimited()).isEqualTo(1);
    assertThat(simulator.account().requests()).isEqualTo(5);
    assertThat(simulator.served()).extracting(ServedRequest::status, ServedRequest::fault)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(200, ""),
            org.assertj.core.groups.Tuple.tuple(200, ""),
            org.assertj.core.groups.Tuple.tuple(200, ""),
            org.assertj.core.groups.Tuple.tuple(429, "RATE_LIMITED"),
            org.assertj.core.groups.Tuple.tuple(200, ""));
  }

  @Test
  void sendsNoRetryAfterForAZeroDurationAndRoundsFractionsUp() throws Exception {
    JobId bare = QUEUED_THEN_DONE;
    startWith((id, attempt) -> id.equals(bare)
        ? new Fault(Fault.Kind.RATE_LIMITED, Duration.ZERO)
        : new Fault(Fault.Kind.RATE_LIMITED, Duration.ofMillis(1500)));

    HttpResponse<String> noHeader = job(bare);
    HttpResponse<String> rounded = job(FAILS);

    assertThat(noHeader.statusCode()).isEqualTo(429);
    assertThat(noHeader.headers().firstValue("Retry-After")).isEmpty();
    assertThat(rounded.statusCode()).isEqualTo(429);
    assertThat(rounded.headers().firstValue("Retry-After")).contains("2");
  }

  // ---- faults -------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
      "SERVER_ERROR, 500, text/html, 500 Internal Server Error",
      "BAD_GATEWAY, 502, text/html, 502 Bad Gateway",
      "SERVICE_UNAVAILABLE, 503, text/plain, Service Unavailable"})
  void servesServerErrorsWithNonJsonBodies(Fault.Kind kind, int status, String type, String text)
      throws Exception {
    startWith(FaultPlan.firstRequests(1, Fault.of(kind)));

    HttpResponse<String> failed = job(QUEUED_THEN_DONE);
    HttpResponse<String> next = job(QUEUED_THEN_DONE);

    assertThat(failed.statusCode()).isEqualTo(status);
    assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(
        value -> assertThat(value).startsWith(type));
    assertThat(failed.body()).contains(text).doesNotStartWith("{");
    assertThat(next.body()).isEqualTo(queuedBody(QUEUED_THEN_DONE));
    assertThat(simulator.served()).extracting(ServedRequest::status, ServedRequest::fault)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(status, kind.name()),
            org.assertj.core.groups.Tuple.tuple(200, ""));
  }

  @Test
  void dropsTheConnectionWithoutAnAnswer() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.DROP_CONNECTION)));
    HttpClient fresh = HttpClient.newHttpClient();

    assertThatThrownBy(() -> fresh.send(request("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE)
        .header("Authorization", KEY).build(), BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(rawGet("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE)).isEmpty();
    assertThat(simulator.served()).isNotEmpty().allSatisfy(served -> {
      assertThat(served.status()).isZero();
      assertThat(served.fault()).isEqualTo("DROP_CONNECTION");
    });
  }

  @Test
  void truncatesTheBodyBelowItsContentLengthAndCloses() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.TRUNCATED_BODY)));

    byte[] wire = rawGet("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE);
    String text = new String(wire, UTF_8);
    int split = text.indexOf("\r\n\r\n");
    Map<String, String> headers = text.substring(0, split).lines().skip(1)
        .map(line -> line.split(":\\s*", 2))
        .collect(Collectors.toMap(parts -> parts[0].toLowerCase(), parts -> parts[1]));
    String body = text.substring(split + 4);

    assertThat(text).startsWith("HTTP/1.1 200 ");
    assertThat(Integer.parseInt(headers.get("content-length")))
        .isEqualTo(queuedBody(QUEUED_THEN_DONE).length());
    assertThat(body).isEqualTo(queuedBody(QUEUED_THEN_DONE)
        .substring(0, queuedBody(QUEUED_THEN_DONE).length() / 2));
    assertThatThrownBy(() -> job(QUEUED_THEN_DONE)).isInstanceOf(IOException.class);
  }

  @Test
  void breaksOffMalformedJson() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.MALFORMED_JSON)));

    HttpResponse<String> response = job(QUEUED_THEN_DONE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"job_id\": \"" + QUEUED_THEN_DONE + "\", \"success\": tr");
  }

  @Test
  void servesAnHtmlPageWithStatus200() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.HTML_PAGE)));

    HttpResponse<String> response = job(QUEUED_THEN_DONE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(response.body()).startsWith("<!DOCTYPE html>").endsWith("</html>");
  }

  @Test
  void servesAnUnknownStatus() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.UNKNOWN_STATUS)));

    assertThat(job(QUEUED_THEN_DONE).body()).isEqualTo("{\"job_id\":\"" + QUEUED_THEN_DONE
        + "\",\"success\":true,\"data\":{\"status\":\"archived\"}}");
  }

  @Test
  void servesTheTruthUnderAnotherJobsId() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.WRONG_JOB)));
    clock.set(T0.plusSeconds(200));

    String body = job(QUEUED_THEN_DONE).body();
    String otherId = body.substring("{\"job_id\":\"".length(), "{\"job_id\":\"".length() + 36);

    assertThat(JobId.parse(otherId)).isNotEqualTo(QUEUED_THEN_DONE);
    assertThat(body).isEqualTo(completedBody(QUEUED_THEN_DONE)
        .replace("\"job_id\":\"" + QUEUED_THEN_DONE, "\"job_id\":\"" + otherId));
  }

  @Test
  void streamsATenMebibyteJsonBody() throws Exception {
    startWith(FaultPlan.always(Fault.of(Fault.Kind.HUGE_BODY)));

    HttpResponse<InputStream> response = client.send(request("/pictoryapis/v1/jobs/"
        + QUEUED_THEN_DONE).header("Authorization", KEY).build(), BodyHandlers.ofInputStream());
    byte[] head = new byte[64];
    long total;
    byte[] tail = new byte[3];
    try (InputStream in = response.body()) {
      total = in.readNBytes(head, 0, head.length);
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; total += n) {
        if (n >= 3) {
          System.arraycopy(buffer, n - 3, tail, 0, 3);
        }
      }
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(PictorySimulator.HUGE_BODY_BYTES);
    assertThat(total).isEqualTo(10L * 1024 * 1024);
    assertThat(new String(head, UTF_8)).startsWith("{\"job_id\":\"" + QUEUED_THEN_DONE + "\"");
    assertThat(new String(tail, UTF_8)).isEqualTo("\"}}");
  }

  @Test
  void answersSlowlyWithoutHoldingUpOtherRequests() throws Exception {
    // The slow answer is held for an hour: the fast one cannot lose a race with it, however
    // loaded the machine; closing the simulator afterwards drops it.
    CountDownLatch slowArrived = new CountDownLatch(1);
    start(SimulatedAccount.builder().faults((id, attempt) -> {
      if (id.equals(QUEUED_THEN_DONE)) {
        slowArrived.countDown();
        return new Fault(Fault.Kind.SLOW, Duration.ofHours(1));
      }
      return null;
    }), 1);
    clock.set(T0.plusSeconds(10));

    CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
        request("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE).header("Authorization", KEY).build(),
        BodyHandlers.ofString());
    assertThat(slowArrived.await(1, TimeUnit.MINUTES)).isTrue();
    HttpResponse<String> fast = job(FAILS);

    assertThat(fast.body()).contains("\"error_code\":\"4001\"");
    assertThat(slow).isNotDone();
    assertThat(simulator.served()).extracting(ServedRequest::jobId, ServedRequest::fault)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(FAILS.toString(), ""));
  }

  @Test
  void answersASlowRequestWithTheStateOfItsArrivalAfterTheDelay() throws Exception {
    Duration delay = Duration.ofSeconds(1);
    start(SimulatedAccount.builder().faults((id, attempt) ->
        new Fault(Fault.Kind.SLOW, delay)), 1);
    clock.set(T0.plusSeconds(10));

    long sent = System.nanoTime();
    HttpResponse<String> late = job(QUEUED_THEN_DONE);
    long waited = System.nanoTime() - sent;

    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(late.body()).isEqualTo("{\"job_id\":\"" + QUEUED_THEN_DONE + "\",\"success\":true,"
        + "\"data\":{\"status\":\"in-progress\",\"renderProgress\":0,"
        + "\"renderProgressMessage\":\"Composing scenes\",\"renderState\":\"RUNNING\"}}");
    // A lower bound only: a slow machine makes it longer, never shorter.
    assertThat(waited).isGreaterThanOrEqualTo(delay.toNanos());
    assertThat(simulator.served()).extracting(ServedRequest::fault).containsExactly("SLOW");
  }

  // ---- served log, binding, closing ---------------------------------------------------------

  @Test
  void recordsEveryRequestInOrderWithTheClocksTime() throws Exception {
    startWith(FaultPlan.firstRequests(1, Fault.of(Fault.Kind.BAD_GATEWAY)));

    get("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE, "wrong");
    job(QUEUED_THEN_DONE);
    clock.advance(Duration.ofSeconds(3));
    job(QUEUED_THEN_DONE);
    get("/elsewhere", KEY);

    String path = "/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE;
    String id = QUEUED_THEN_DONE.toString();
    assertThat(simulator.served()).containsExactly(
        new ServedRequest(T0, path, id, 401, "").withUserAgent("simulator-test/1"),
        new ServedRequest(T0, path, id, 502, "BAD_GATEWAY").withUserAgent("simulator-test/1"),
        new ServedRequest(T0.plusSeconds(3), path, id, 200, "").withUserAgent("simulator-test/1"),
        new ServedRequest(T0.plusSeconds(3), "/elsewhere", "", 404, "")
            .withUserAgent("simulator-test/1"));
    assertThat(simulator.requestCount()).isEqualTo(4);
    assertThat(simulator.account().requests()).isEqualTo(2);
    assertThat(simulator.account().faulted()).isEqualTo(1);
  }

  @Test
  void servesConcurrentRequests() throws Exception {
    start(SimulatedAccount.builder());

    List<CompletableFuture<HttpResponse<String>>> responses = java.util.stream.IntStream
        .range(0, 50)
        .mapToObj(i -> client.sendAsync(request("/pictoryapis/v1/jobs/"
            + (i % 2 == 0 ? QUEUED_THEN_DONE : FAILS)).header("Authorization", KEY).build(),
            BodyHandlers.ofString()))
        .collect(Collectors.toList());
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    assertThat(simulator.served()).hasSize(50);
    assertThat(simulator.account().requestsFor(QUEUED_THEN_DONE)).isEqualTo(25);
  }

  @Test
  void bindsToLoopbackOnly() throws Exception {
    start(SimulatedAccount.builder());

    assertThat(simulator.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + simulator.port()));
    assertThat(simulator.baseUrl().getPath()).isEmpty();
    assertThat(simulator.toString()).doesNotContain(KEY);
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces())
        .stream().flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .findFirst();
    // Without one, another loopback address: Linux routes all of 127/8 to lo, so a server bound
    // to every address would answer on 127.0.0.2, and one bound to 127.0.0.1 alone does not.
    InetAddress other = external.orElse(InetAddress.getByName("127.0.0.2"));
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(
          new InetSocketAddress(other, simulator.port()), 2_000))
          .as("connecting to %s", other)
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void closeFreesThePortDropsPendingAnswersAndEndsItsThreads() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    CountDownLatch slowArrived = new CountDownLatch(1);
    start(SimulatedAccount.builder().faults((id, attempt) -> {
      slowArrived.countDown();
      return new Fault(Fault.Kind.SLOW, Duration.ofHours(1));
    }));
    int port = simulator.port();
    CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
        request("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE).header("Authorization", KEY).build(),
        BodyHandlers.ofString());
    assertThat(slowArrived.await(10, TimeUnit.SECONDS)).isTrue();

    long started = System.nanoTime();
    simulator.close();
    simulator.close();
    long took = System.nanoTime() - started;

    // Not a speed check: only that close() does not wait for the hour-long answer.
    assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofMinutes(1));
    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000))
          .isInstanceOf(ConnectException.class);
    }
    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress("127.0.0.1", port));
    }
    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
        .filteredOn(thread -> !before.contains(thread))
        .allSatisfy(thread -> {
          assertThat(thread.getName()).doesNotStartWith("pictory-simulator");
          assertThat(thread.isDaemon()).as("%s is a daemon", thread.getName()).isTrue();
        });
  }

  @Test
  void startsOnAChosenPort() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      free = probe.getLocalPort();
    }
    simulator = PictorySimulator.builder().apiKey(KEY).port(free)
        .account(SimulatedAccount.builder().build()).build();

    assertThat(simulator.port()).isEqualTo(free);
    assertThat(get("/pictoryapis/v1/jobs/" + QUEUED_THEN_DONE, KEY).body())
        .isEqualTo(notFoundBody(QUEUED_THEN_DONE.toString()));
  }

  @Test
  void validatesItsSettings() {
    assertThatThrownBy(() -> PictorySimulator.builder().account(SimulatedAccount.builder()
        .build()).build()).isInstanceOf(IllegalStateException.class).hasMessage("apiKey is required");
    assertThatThrownBy(() -> PictorySimulator.builder().apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("account is required");
    assertThatThrownBy(() -> PictorySimulator.builder().apiKey("pictai bad"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pictai bad");
    assertThatThrownBy(() -> PictorySimulator.builder().apiKey(null))
        .isInstanceOf(NullPointerException.class).hasMessage("apiKey == null");
    assertThatThrownBy(() -> PictorySimulator.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    assertThatThrownBy(() -> PictorySimulator.builder().executorThreads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("executorThreads");
  }
}
