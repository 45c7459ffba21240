package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** What goes over the wire. */
class RequestTest extends ServerTestSupport {

  @Test
  void theExactRequestLineAndHeaders() throws Exception {
    fetch(json(resource("api-md/queued.json")));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getRequestLine())
        .isEqualTo("GET /pictoryapis/v1/jobs/265a7c1a-4985-4058-9208-68114f131a2b HTTP/1.1");
    assertThat(request.getHeaders().values("Authorization")).containsExactly(KEY);
    assertThat(request.getHeaders().values("Accept")).containsExactly("application/json");
    assertThat(request.getHeaders().values("User-Agent"))
        .containsExactly("renderwatch/" + Version.get() + " (+java)");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void theDefaultUserAgentNamesTheBuiltVersion() {
    // Maven filters version.properties, so a build from the reactor knows its version.
    assertThat(Version.get()).isNotEqualTo("dev").doesNotContain("${").matches("\\S+");
    assertThat(source().userAgent()).isEqualTo("renderwatch/" + Version.get() + " (+java)");
  }

  @Test
  void aCustomUserAgent() throws Exception {
    use(builder().userAgent("acme-render-dashboard/2.1 renderwatch").build());
    fetch(json(resource("api-md/queued.json")));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("User-Agent"))
        .isEqualTo("acme-render-dashboard/2.1 renderwatch");
  }

  @Test
  void aBaseUrlPathPrefixIsKept() throws Exception {
    use(builder().baseUrl(baseUrl() + "proxy/pictory").build());
    fetch(json(resource("api-md/queued.json")));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/proxy/pictory/pictoryapis/v1/jobs/" + JOB);
  }

  @Test
  void requestsRunOnTheLibrarysDaemonThreadsNotTheCallers() throws Exception {
    server.enqueue(json(resource("api-md/queued.json")));
    Thread[] completer = new Thread[1];
    source().fetch(JOB).thenAccept(s -> completer[0] = Thread.currentThread())
        .get(5, TimeUnit.SECONDS);
    assertThat(completer[0]).isNotSameAs(Thread.currentThread());
    // OkHttp names its dispatcher thread after the call while it runs ("OkHttp <url>"), and
    // restores the factory's name ("renderwatch-http-N") afterwards.
    assertThat(completer[0].getName()).satisfiesAnyOf(
        name -> assertThat(name).startsWith("renderwatch-http-"),
        name -> assertThat(name).startsWith("OkHttp "));
    assertThat(completer[0].isDaemon()).isTrue();
  }
}
