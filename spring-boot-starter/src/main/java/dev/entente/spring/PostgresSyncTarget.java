package dev.entente.spring;

import dev.entente.model.HostDirectory;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSyncLedger;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.SyncLedger;

/**
 * The ledger beside the PostgreSQL store and the store a sync writes through; a class of its own so
 * that the starter loads {@code entente-postgres} only when it is there.
 */
record PostgresSyncTarget(SyncLedger ledger, OrganizationStore store) {
  static PostgresSyncTarget beside(
      OrganizationStore database, HostDirectory directory, String name) {
    PostgresSyncLedger ledger =
        PostgresSyncLedger.of(((PostgresOrganizationStore) database).inDirectory(directory), name);
    return new PostgresSyncTarget(ledger, ledger.store());
  }
}
