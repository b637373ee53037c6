package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing or search, and the cursor of the next page if there may be one.
 *
 * @param <T> what the page holds
 * @param items the items, in id order
 * @param next where the next page starts; empty when this is the last page
 */
public record Page<T>(List<T> items, Optional<PageCursor> next) {
  /**
   * Copies the items into an unmodifiable list.
   *
   * @param items the items, in id order
   * @param next where the next page starts; empty when this is the last page
   */
  public Page {
    items = List.copyOf(items);
    requireNonNull(next, "next");
  }

  /**
   * A page.
   *
   * @param <T> what the page holds
   * @param items the items, in id order
   * @param next the cursor of the next page, or null on the last page
   * @return the page
   */
  public static <T> Page<T> of(List<T> items, @Nullable PageCursor next) {
    return new Page<>(items, Optional.ofNullable(next));
  }

  @Override
  public String toString() {
    return "Page{"
        + items.size()
        + " items"
        + next.map(n -> ", next=" + n.afterId()).orElse(", last")
        + "}";
  }
}
