package dev.entente.spring;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.spi.OrganizationStore;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/** What the health and info endpoints say the store is. */
final class StoreKind {
  private static final boolean POSTGRES =
      ClassUtils.isPresent(
          "dev.entente.postgres.PostgresOrganizationStore", StoreKind.class.getClassLoader());

  private StoreKind() {}

  /**
   * {@return "postgres" when a store bean is the PostgreSQL one (under the replica's view),
   * "in-memory", or the class of the application's own store}
   */
  static String of(ObjectProvider<OrganizationStore> stores) {
    List<OrganizationStore> all = stores.orderedStream().toList();
    if (POSTGRES
        && all.stream()
            .anyMatch(s -> s instanceof dev.entente.postgres.PostgresOrganizationStore)) {
      return "postgres";
    }
    if (all.stream().anyMatch(s -> s instanceof InMemoryOrganizationStore)) {
      return "in-memory";
    }
    return EntenteAutoConfiguration.storeOf(stores).getClass().getName();
  }
}
