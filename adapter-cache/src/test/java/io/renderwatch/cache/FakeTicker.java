package io.renderwatch.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock for Caffeine that moves only when the test says so. */
final class FakeTicker implements Ticker {

  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long read() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Runs Caffeine's maintenance on the calling thread and reads this clock. */
  Tuning tuning() {
    return new Tuning(Runnable::run, this);
  }
}
