package dev.entente.consumer;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.Capability;
import dev.entente.testkit.OrganizationStoreContract;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A consumer's store passes the testkit's store contract on the consumer's own JUnit")
class InMemoryStoreContractTest extends OrganizationStoreContract {
  @Override
  protected OrganizationStore newStore() {
    return new InMemoryOrganizationStore();
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.MANY_DIRECTORIES);
  }
}
