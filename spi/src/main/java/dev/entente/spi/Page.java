package dev.entente.spi;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing or search, and the cursor of the next page if there may be one.
 *
 * @param <T> what the page holds
 */
public final class Page<T> {
  private final ImmutableList<T> items;
  private final @Nullable PageCursor next;

  private Page(ImmutableList<T> items, @Nullable PageCursor next) {
    this.items = items;
    this.next = next;
  }

  /** A page; {@code next} is null on the last page. */
  public static <T> Page<T> of(List<T> items, @Nullable PageCursor next) {
    return new Page<>(ImmutableList.copyOf(items), next);
  }

  /** The items, in id order. */
  public List<T> items() {
    return items;
  }

  /** Where the next page starts; empty when this is the last page. */
  public Optional<PageCursor> next() {
    return Optional.ofNullable(next);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Page<?> other
        && items.equals(other.items)
        && java.util.Objects.equals(next, other.next);
  }

  @Override
  public int hashCode() {
    return items.hashCode() * 31 + (next == null ? 0 : next.hashCode());
  }

  @Override
  public String toString() {
    return "Page{"
        + items.size()
        + " items"
        + (next == null ? ", last" : ", next=" + next.afterId())
        + "}";
  }
}
