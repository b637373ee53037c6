package dev.entente.testkit;

import dev.entente.model.ConnectedOrganization;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole store page by page, as a caller would. */
final class Pages {
  private Pages() {}

  /** Every organization of {@code store}, in id order, read in pages of {@code size}. */
  static List<ConnectedOrganization> all(OrganizationStore store, int size) {
    List<ConnectedOrganization> out = new ArrayList<>();
    Page<ConnectedOrganization> page = store.list(PageRequest.first(size));
    out.addAll(page.items());
    while (page.next().isPresent()) {
      page = store.list(PageRequest.after(page.next().get(), size));
      out.addAll(page.items());
    }
    return out;
  }
}
