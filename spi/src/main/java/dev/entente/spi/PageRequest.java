package dev.entente.spi;

import dev.entente.errors.ValidationException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which page to read: at most {@link #size()} organizations, in id order, after the {@link
 * #cursor()} if there is one.
 */
public final class PageRequest {
  /** Largest page size. */
  public static final int MAX_SIZE = 1_000;

  /** Page size of {@link #first()}. */
  public static final int DEFAULT_SIZE = 100;

  private final int size;
  private final @Nullable PageCursor cursor;

  private PageRequest(int size, @Nullable PageCursor cursor) {
    if (size < 1 || size > MAX_SIZE) {
      throw new ValidationException("pageSize", size, "is out of range", "1 to " + MAX_SIZE);
    }
    this.size = size;
    this.cursor = cursor;
  }

  /** {@return the first page, of {@value #DEFAULT_SIZE}} */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_SIZE, null);
  }

  /**
   * {@return the first page, of {@code size}}
   *
   * @param size how many items the page holds at most
   * @throws ValidationException on field {@code pageSize} outside 1 to {@value #MAX_SIZE}
   */
  public static PageRequest first(int size) {
    return new PageRequest(size, null);
  }

  /**
   * {@return the page after {@code cursor}, of {@code size}}
   *
   * @param cursor the cursor
   * @param size how many items the page holds at most
   * @throws ValidationException on field {@code pageSize} outside 1 to {@value #MAX_SIZE}
   */
  public static PageRequest after(PageCursor cursor, int size) {
    return new PageRequest(size, cursor);
  }

  /** {@return the most organizations the page may hold} */
  public int size() {
    return size;
  }

  /** {@return where the page starts; empty for the first page} */
  public Optional<PageCursor> cursor() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public String toString() {
    return "PageRequest{size=" + size + (cursor == null ? "" : ", after=" + cursor.afterId()) + "}";
  }
}
