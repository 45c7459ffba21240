package io.renderwatch.cache;

/**
 * A read-only snapshot of a cache decorator's counters since it was created, for logging or
 * export.
 *
 * @param hits lookups answered from memory, including callers that joined a request in flight
 * @param misses lookups that had to ask the delegate
 * @param loads completed calls to the delegate made for lookups, successful or not
 * @param evictions entries dropped to keep within the size bound or because their time ran out
 */
public record CacheStatistics(long hits, long misses, long loads, long evictions) {

  /** Requires every counter to be zero or more. */
  public CacheStatistics {
    if (hits < 0 || misses < 0 || loads < 0 || evictions < 0) {
      throw new IllegalArgumentException("counters must be >= 0: hits=" + hits + ", misses="
          + misses + ", loads=" + loads + ", evictions=" + evictions);
    }
  }

  /** All lookups: hits plus misses. */
  public long requests() {
    return hits + misses;
  }

  /** The share of lookups answered from memory, 0 to 1; 1 when there was no lookup yet. */
  public double hitRate() {
    long requests = requests();
    return requests == 0 ? 1.0 : (double) hits / requests;
  }
}
