package io.renderwatch.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.port.SourceException.Kind;
import io.renderwatch.core.port.SourceException.NetworkCause;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceExceptionTest {

  @Test
  void aNetworkFailureIsUnavailableAndSaysWhyInPlainWords() {
    IOException io = new IOException("Connection refused");
    SourceException e = new SourceException(NetworkCause.CONNECTION_REFUSED,
        "No answer for job x: connection refused: nothing accepts connections on h:1", io);
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.networkCause()).contains(NetworkCause.CONNECTION_REFUSED);
    assertThat(e.getCause()).isSameAs(io);
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e).hasToString("SourceException[UNAVAILABLE, connection refused]: " + e.getMessage());
  }

  @Test
  void anHttpFailureHasNoNetworkCause() {
    SourceException e = new SourceException(Kind.UNAVAILABLE, "HTTP 503", Duration.ofSeconds(2),
        null);
    assertThat(e.networkCause()).isEmpty();
    assertThat(e).hasToString("SourceException[UNAVAILABLE, retry after PT2S]: HTTP 503");
  }

  @Test
  void onlyFailuresBeforeAnyConnectionCertainlyNeverReachedTheApi() {
    assertThat(NetworkCause.values()).filteredOn(c -> !c.mayHaveReachedApi()).containsExactly(
        NetworkCause.UNKNOWN_HOST, NetworkCause.CONNECTION_REFUSED, NetworkCause.NO_ROUTE,
        NetworkCause.TLS);
    for (NetworkCause cause : NetworkCause.values()) {
      assertThat(cause.words()).isNotBlank().doesNotContain("_");
    }
  }

  @Test
  void theCauseIsRequired() {
    assertThatThrownBy(() -> new SourceException((NetworkCause) null, "m", null))
        .isInstanceOf(NullPointerException.class).hasMessage("networkCause == null");
  }
}
