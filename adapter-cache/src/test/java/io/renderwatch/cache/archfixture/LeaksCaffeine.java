package io.renderwatch.cache.archfixture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/** A deliberately bad public type: its signatures expose Caffeine, which the rule must report. */
public final class LeaksCaffeine {

  /** Leaks in a return type. */
  public Cache<String, String> cache() {
    return Caffeine.newBuilder().build();
  }

  /** Leaks inside a type argument only. */
  public Optional<Caffeine<Object, Object>> builder() {
    return Optional.empty();
  }
}
