package dev.entente.testkit;

import dev.entente.model.ConnectedOrganization;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole store page by page, as a caller would. */
public final class Pages {
  private Pages() {}

  /** Pages read before a store whose cursors never end is taken for one that loops. */
  private static final int MAX_PAGES = 100_000;

  /**
   * Every organization of {@code store}, in id order, read in pages of {@code size}.
   *
   * @param store the store
   * @param size the page size, 1 to {@link PageRequest#MAX_SIZE}
   * @return every organization, in id order
   * @throws AssertionError when the pages never end (a cursor that does not move on)
   */
  public static List<ConnectedOrganization> all(OrganizationStore store, int size) {
    List<ConnectedOrganization> out = new ArrayList<>();
    Page<ConnectedOrganization> page = store.list(PageRequest.first(size));
    out.addAll(page.items());
    for (int pages = 1; page.next().isPresent(); pages++) {
      if (pages == MAX_PAGES || out.size() > 10 * MAX_PAGES) {
        throw new AssertionError(
            "the pages never end: "
                + pages
                + " pages of "
                + size
                + " read, the last after "
                + page.next().get().afterId());
      }
      page = store.list(PageRequest.after(page.next().get(), size));
      out.addAll(page.items());
    }
    return out;
  }
}
