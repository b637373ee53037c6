package dev.entente.examples;

import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.OrganizationStoreContract;
import org.junit.jupiter.api.DisplayName;

// sample begins
@DisplayName("SynchronizedMapStore, an embedding product's store, passes the store contract")
class SynchronizedMapStoreTest extends OrganizationStoreContract {
  @Override
  protected OrganizationStore newStore() {
    return new SynchronizedMapStore(); // your store, on a fresh database
  }
}
// sample ends
