package dev.entente.testkit;

import dev.entente.embedded.InMemoryOrganizationStore;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryOrganizationStore passes the index contract, as its own index")
class InMemoryOrganizationIndexTest extends OrganizationIndexContract {
  @Override
  protected Pair newPair() {
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    return new Pair(store, store);
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.MANY_DIRECTORIES);
  }
}
