package dev.entente.testkit;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.spi.OrganizationStore;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryOrganizationStore passes the store contract")
class InMemoryOrganizationStoreTest extends OrganizationStoreContract {
  @Override
  protected OrganizationStore newStore() {
    return new InMemoryOrganizationStore();
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.MANY_DIRECTORIES);
  }
}
