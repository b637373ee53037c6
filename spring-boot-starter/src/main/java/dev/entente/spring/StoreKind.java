package dev.entente.spring;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.spi.OrganizationStore;
import org.springframework.util.ClassUtils;

/** What the health and info endpoints say the store is. */
final class StoreKind {
  private static final boolean POSTGRES =
      ClassUtils.isPresent(
          "dev.entente.postgres.PostgresOrganizationStore", StoreKind.class.getClassLoader());

  private StoreKind() {}

  /** {@return "postgres", "in-memory", or the class of the application's own store} */
  static String of(OrganizationStore store) {
    if (POSTGRES && store instanceof dev.entente.postgres.PostgresOrganizationStore) {
      return "postgres";
    }
    if (store instanceof InMemoryOrganizationStore) {
      return "in-memory";
    }
    return store.getClass().getName();
  }
}
