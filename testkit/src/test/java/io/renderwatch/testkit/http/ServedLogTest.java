package io.renderwatch.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServedLogTest {

  private static ServedRequest served(int status) {
    return new ServedRequest(Instant.EPOCH, "/p", "", status, "");
  }

  @Test
  void keepsTheMostRecentEntriesUpToItsCapacity() {
    ServedLog log = new ServedLog(3);

    for (int status = 1; status <= 5; status++) {
      log.add(served(status));
    }

    assertThat(log.snapshot()).extracting(ServedRequest::status).containsExactly(3, 4, 5);
    assertThat(PictorySimulator.SERVED_LOG_CAPACITY).isEqualTo(100_000);
  }

  @Test
  void snapshotsDoNotChangeAfterwards() {
    ServedLog log = new ServedLog(3);
    log.add(served(1));

    var snapshot = log.snapshot();
    log.add(served(2));

    assertThat(snapshot).extracting(ServedRequest::status).containsExactly(1);
    assertThatThrownBy(() -> new ServedLog(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be >= 1 but was 0");
  }
}
