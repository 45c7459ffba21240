package io.renderwatch.testkit.http;

import java.time.Instant;
import java.util.Objects;

/**
 * One request the {@link PictorySimulator} answered, as its served log records it.
 *
 * @param at when the request arrived, on the simulator's clock
 * @param path the request's raw path
 * @param jobId the raw job segment of a jobs path (a UUID or whatever was sent), empty otherwise
 * @param status the HTTP status sent, or 0 when the connection was dropped without an answer
 * @param fault the name of the injected {@link io.renderwatch.testkit.sim.Fault.Kind} (including
 *     {@code RATE_LIMITED} for the account's own limit), empty for a normal answer
 */
public record ServedRequest(Instant at, String path, String jobId, int status, String fault) {

  /** Requires every component. */
  public ServedRequest {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(fault, "fault == null");
  }

  /** Whether a fault (or the rate limit) was injected into this request. */
  public boolean faulted() {
    return !fault.isEmpty();
  }
}
