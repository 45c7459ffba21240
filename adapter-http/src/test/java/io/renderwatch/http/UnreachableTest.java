package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.SourceException.Kind;
import io.renderwatch.core.port.SourceException.NetworkCause;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "unreachable": a failure that got no answer from the API says which, in plain words,
 * over real sockets; and a silent server cannot hold a request past the call timeout.
 */
class UnreachableTest extends ServerTestSupport {

  /** The failure, checked to be unavailable with the cause and to show no header. */
  private static SourceException unreachable(SourceException e, NetworkCause cause) {
    assertThat(e.kind()).as(e.toString()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.networkCause()).as(e.toString()).contains(cause);
    assertThat(e.getMessage()).contains(cause.words())
        .doesNotContainIgnoringCase("authorization").doesNotContain(KEY);
    return e;
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithTheCallTimeout() {
    use(builder().readTimeout(Duration.ofSeconds(60)).callTimeout(Duration.ofMillis(300))
        .build());
    SourceException e = failure(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    unreachable(e, NetworkCause.TIMEOUT);
    assertThat(e.getMessage()).contains("timed out", "127.0.0.1:" + server.getPort(),
        "did not answer within the configured timeout");
  }

  @Test
  void aClosedPortIsAConnectionRefused() throws IOException {
    // A socket bound but not listening holds the port (no other process can take it while the
    // test runs) and refuses every connection to it.
    try (Socket bound = new Socket()) {
      bound.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = bound.getLocalPort();
      PictoryHttpSource source = use(builder().baseUrl("http://127.0.0.1:" + port).build());
      SourceException e = unreachable(failureOf(source.fetch(JOB)),
          NetworkCause.CONNECTION_REFUSED);
      assertThat(e.getMessage()).contains("connection refused",
          "nothing accepts connections on 127.0.0.1:" + port);
      assertThat(e.networkCause().orElseThrow().mayHaveReachedApi()).isFalse();
    }
  }

  @Test
  void anInvalidHostIsAnUnknownHost() {
    // RFC 2606 reserves .invalid: it never resolves.
    PictoryHttpSource source = use(builder().baseUrl("https://api.pictory.invalid").build());
    SourceException e = unreachable(failureOf(source.fetch(JOB)), NetworkCause.UNKNOWN_HOST);
    assertThat(e.getMessage()).contains("unknown host",
        "the name api.pictory.invalid does not resolve");
  }

  @Test
  void httpsToAPlainTextServerIsATlsFailure() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> answerInPlainText(listener));
      PictoryHttpSource source = use(builder()
          .baseUrl("https://127.0.0.1:" + listener.getLocalPort()).build());
      SourceException e = unreachable(failureOf(source.fetch(JOB)), NetworkCause.TLS);
      assertThat(e.getMessage()).contains("TLS handshake failed",
          "could not set up a secure connection to 127.0.0.1:" + listener.getLocalPort());
      peer.get(10, TimeUnit.SECONDS);
    }
  }

  /** Answers whatever arrives with a plain HTTP 400, as an http-only server does. */
  private static void answerInPlainText(ServerSocket listener) {
    try (Socket socket = listener.accept()) {
      socket.getInputStream().read(new byte[512]);
      socket.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
          + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aSelfSignedCertificateIsATlsFailure(@TempDir Path dir) throws Exception {
    server.useHttps(SelfSigned.create(dir).getSocketFactory(), false);
    server.enqueue(json(resource("api-md/queued.json")));
    PictoryHttpSource source = use(builder()
        .baseUrl("https://127.0.0.1:" + server.getPort()).build());
    SourceException e = unreachable(failureOf(source.fetch(JOB)), NetworkCause.TLS);
    assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
    assertThat(server.getRequestCount()).as("no request got through").isZero();
  }

  @Test
  void aConnectionDroppedBeforeTheAnswerIsAConnectionReset() {
    SourceException e = failure(new MockResponse()
        .setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    unreachable(e, NetworkCause.CONNECTION_RESET);
    assertThat(e.getMessage()).contains("closed the connection before the answer was complete");
  }

  @Test
  void aConnectionResetByThePeerIsAConnectionReset() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> resetAfterRequest(listener));
      PictoryHttpSource source = use(builder()
          .baseUrl("http://127.0.0.1:" + listener.getLocalPort()).build());
      unreachable(failureOf(source.fetch(JOB)), NetworkCause.CONNECTION_RESET);
      peer.get(10, TimeUnit.SECONDS);
    }
  }

  /** Reads the request head, then closes with SO_LINGER 0: the peer gets an RST. */
  private static void resetAfterRequest(ServerSocket listener) {
    try (Socket socket = listener.accept()) {
      InputStream in = socket.getInputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aCancelledCallIsNotANetworkFailure() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    CompletableFuture<io.renderwatch.core.model.JobSnapshot> pending = source().fetch(JOB);
    server.takeRequest(5, TimeUnit.SECONDS);
    source().close();
    SourceException e = failureOf(pending);
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.networkCause()).isEmpty();
    assertThat(e.getMessage()).contains("was canceled");
  }

  @Test
  void causesAreReadFromTheWholeChain() {
    assertThat(TransportFailure.causeOf(new NoRouteToHostException("No route to host")))
        .isEqualTo(NetworkCause.NO_ROUTE);
    assertThat(TransportFailure.causeOf(new ConnectException("Network is unreachable")))
        .isEqualTo(NetworkCause.NO_ROUTE);
    assertThat(TransportFailure.causeOf(wrapped(new ConnectException("Connection refused"))))
        .isEqualTo(NetworkCause.CONNECTION_REFUSED);
    assertThat(TransportFailure.causeOf(wrapped(new SocketTimeoutException("connect timed out"))))
        .isEqualTo(NetworkCause.TIMEOUT);
    assertThat(TransportFailure.causeOf(new InterruptedIOException("timeout")))
        .isEqualTo(NetworkCause.TIMEOUT);
    assertThat(TransportFailure.causeOf(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo(NetworkCause.TLS);
    assertThat(TransportFailure.causeOf(new SocketException("Connection reset")))
        .isEqualTo(NetworkCause.CONNECTION_RESET);
    assertThat(TransportFailure.causeOf(new IOException("something else")))
        .isEqualTo(NetworkCause.NETWORK);
  }

  private static IOException wrapped(IOException cause) {
    ConnectException outer = new ConnectException("Failed to connect to /127.0.0.1:1");
    outer.initCause(cause);
    return outer;
  }
}
