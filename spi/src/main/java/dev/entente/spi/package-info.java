/**
 * The ports a host implements (docs/rules.md §2): {@link dev.entente.spi.OrganizationStore} for
 * storage, {@link dev.entente.spi.DirectoryLookup} for resolving domains and tenants, {@link
 * dev.entente.spi.AuditSink} for change events and {@link dev.entente.spi.DeleteGuard} for refusing
 * the deletion of organizations still in use, {@link dev.entente.spi.HostTransactions} for the
 * host's transactions that writes take part in (R-LOG-4). Entente ships a default for each in
 * {@code entente-core}; a team writing its own store depends on this module alone and proves its
 * store with {@code OrganizationStoreContract} from {@code entente-testkit}.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.entente.spi;

import org.jspecify.annotations.NullMarked;
