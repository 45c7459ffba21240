package io.renderwatch.core.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, and where the next one starts.
 *
 * @param items this page's items, in order
 * @param next the cursor of the next page, absent on the last page
 */
public record Page<T>(List<T> items, Optional<String> next) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next == null");
  }
}
