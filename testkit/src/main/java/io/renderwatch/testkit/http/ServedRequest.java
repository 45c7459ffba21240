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
 * @param userAgent the request's {@code User-Agent} header, empty when it sent none: which client
 *     (which process, when several share the account) sent it
 */
public record ServedRequest(Instant at, String path, String jobId, int status, String fault,
    String userAgent) {

  /** Requires every component. */
  public ServedRequest {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(fault, "fault == null");
    Objects.requireNonNull(userAgent, "userAgent == null");
  }

  /** A request without a recorded {@code User-Agent}. */
  public ServedRequest(Instant at, String path, String jobId, int status, String fault) {
    this(at, path, jobId, status, fault, "");
  }

  /** This request as sent by {@code value}. */
  public ServedRequest withUserAgent(String value) {
    return new ServedRequest(at, path, jobId, status, fault, value);
  }

  /** Whether a fault (or the rate limit) was injected into this request. */
  public boolean faulted() {
    return !fault.isEmpty();
  }
}
