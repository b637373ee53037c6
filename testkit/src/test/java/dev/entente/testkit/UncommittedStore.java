package dev.entente.testkit;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationStore;

/**
 * A store that never commits, as a JDBC store does that writes on a pooled connection with
 * autocommit off and neither commits nor gives the connection back: each thread — each connection —
 * reads its own writes, and no other thread ever sees them. For {@link ContractKitPowerTest}.
 */
final class UncommittedStore extends ForwardingOrganizationStore {
  private final ThreadLocal<InMemoryOrganizationStore> connection =
      ThreadLocal.withInitial(InMemoryOrganizationStore::new);

  @Override
  protected OrganizationStore delegate() {
    return connection.get();
  }
}
