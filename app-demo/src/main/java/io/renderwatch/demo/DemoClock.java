package io.renderwatch.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo simulator's clock: it stands at {@code start} until it is first read (the first
 * request of the watch), then runs with the system clock. So the scripted jobs begin when the
 * watch begins, however long the JVM, the simulator and the store took to start.
 */
final class DemoClock extends Clock {

  private final Instant start;
  private final Clock system;
  private Instant firstRead;

  DemoClock(Instant start, Clock system) {
    this.start = start;
    this.system = system;
  }

  @Override
  public synchronized Instant instant() {
    Instant now = system.instant();
    if (firstRead == null) {
      firstRead = now;
    }
    return start.plus(Duration.between(firstRead, now));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the demo clock is UTC only");
  }
}
