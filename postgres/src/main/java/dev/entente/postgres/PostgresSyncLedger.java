package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.spi.SyncLedger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link SyncLedger} in the store's PostgreSQL database (R-ENT-5): table {@code sync_ledger} of
 * {@link PostgresSchema} (script V4), one row per sync name. Leases run by the database's clock, so
 * instances whose clocks differ still agree on who holds one.
 *
 * <p>{@link #advance} runs the round's writes and saves the cursor in one transaction, on {@link
 * #transactions()}, after locking the sync's row and checking that the round's lease is still the
 * current one: two instances' rounds never interleave, and one that lost its lease writes nothing.
 * For the writes to commit with the cursor, give the sync a store that joins those transactions:
 *
 * <pre>{@code
 * PostgresSyncLedger ledger = PostgresSyncLedger.of(PostgresOrganizationStore.of(dataSource), "entra");
 * Entente entente = Entente.builder().store(ledger.store()).build(); // writes join the ledger's
 * EntraSync sync = EntraSync.builder(entra, entente.organizations(), ledger).build();
 * }</pre>
 *
 * A store that does not join them still applies each change once (the row lock orders the rounds),
 * but a crash between its writes and the cursor makes the next round read the same entries again
 * and find nothing to change.
 */
public final class PostgresSyncLedger implements SyncLedger {
  private static final String PORT = "SyncLedger";

  private final DataSource dataSource;
  private final String table;
  private final String name;
  private final String directory;
  private final JdbcTransactions transactions = JdbcTransactions.create();
  private final PostgresOrganizationStore store;

  private PostgresSyncLedger(PostgresOrganizationStore store, String name) {
    this.dataSource = store.dataSource();
    this.table = store.schema().name() + ".sync_ledger";
    this.name = name;
    this.directory = store.directory().value();
    this.store = store.joining(transactions);
  }

  /**
   * The ledger of the sync {@code name} of {@code store}'s host directory, beside its tables: each
   * directory's syncs are its own (R-DIR-1).
   *
   * @param store the store the sync writes to, its schema migrated to V5
   * @param name the sync's name: one row per name, so several syncs (one per tenant) share a table
   * @return the ledger
   * @throws ValidationException on field {@code name} blank or longer than 200 characters
   */
  public static PostgresSyncLedger of(PostgresOrganizationStore store, String name) {
    requireNonNull(store, "store");
    requireNonNull(name, "name");
    if (name.isBlank() || name.length() > MAX_HOLDER_LENGTH) {
      throw new ValidationException(
          "name", name, "is blank or too long", "a sync's name of 1 to 200 characters");
    }
    return new PostgresSyncLedger(store, name);
  }

  /**
   * {@return the store to sync into: the one this ledger was made beside, its writes joining the
   * ledger's transactions, so that a round's writes and its cursor commit as one}
   */
  public PostgresOrganizationStore store() {
    return store;
  }

  /**
   * The ledger of the sync {@code name} of the default directory in {@code schema}.
   *
   * @param dataSource the store's database
   * @param schema the schema holding Entente's tables, migrated to V5
   * @param name the sync's name: one row per name, so several syncs (one per tenant) share a table
   * @return the ledger
   * @throws ValidationException on field {@code name} blank or longer than 200 characters
   */
  public static PostgresSyncLedger of(DataSource dataSource, PostgresSchema schema, String name) {
    return of(PostgresOrganizationStore.of(requireNonNull(dataSource, "dataSource"), schema), name);
  }

  /** {@return the transactions {@link #advance} runs in, which {@link #store()} joins} */
  public JdbcTransactions transactions() {
    return transactions;
  }

  @Override
  public Optional<Lease> claim(String holder, Duration ttl) {
    SyncLedger.checkHolder(holder);
    SyncLedger.checkTtl(ttl);
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO "
                  + table
                  + " (host_directory, name) VALUES (?, ?)"
                  + " ON CONFLICT (host_directory, name) DO NOTHING")) {
        s.setString(1, directory);
        s.setString(2, name);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE "
                  + table
                  + " SET epoch = CASE WHEN holder IS DISTINCT FROM ? THEN epoch + 1 ELSE epoch"
                  + " END, holder = ?, lease_until = clock_timestamp() + ? * interval '1"
                  + " millisecond' WHERE host_directory = ? AND name = ? AND (holder = ? OR"
                  + " lease_until IS NULL OR lease_until <= clock_timestamp())"
                  + " RETURNING epoch, lease_until")) {
        s.setString(1, holder);
        s.setString(2, holder);
        s.setLong(3, ttl.toMillis());
        s.setString(4, directory);
        s.setString(5, name);
        s.setString(6, holder);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(
              new Lease(holder, r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new PortFailureException(PORT + ".claim", e);
    }
  }

  @Override
  public Optional<SyncCursor> cursor() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT audit_read_at, reconciled_at, applied_entries FROM "
                    + table
                    + " WHERE host_directory = ? AND name = ?")) {
      s.setString(1, directory);
      s.setString(2, name);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        OffsetDateTime read = r.getObject(1, OffsetDateTime.class);
        OffsetDateTime reconciled = r.getObject(2, OffsetDateTime.class);
        if (read == null || reconciled == null) {
          return Optional.empty();
        }
        Array entries = r.getArray(3);
        return Optional.of(
            new SyncCursor(
                read.toInstant(), reconciled.toInstant(), Set.of((String[]) entries.getArray())));
      }
    } catch (SQLException e) {
      throw new PortFailureException(PORT + ".cursor", e);
    }
  }

  @Override
  public boolean advance(Lease lease, SyncCursor next, Runnable apply) {
    requireNonNull(lease, "lease");
    requireNonNull(next, "next");
    requireNonNull(apply, "apply");
    try {
      return transactions.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT holder = ? AND epoch = ? AND lease_until > clock_timestamp() FROM "
                        + table
                        + " WHERE host_directory = ? AND name = ? FOR UPDATE")) {
              s.setString(1, lease.holder());
              s.setLong(2, lease.epoch());
              s.setString(3, directory);
              s.setString(4, name);
              try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                  return false;
                }
              }
            }
            apply.run();
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE "
                        + table
                        + " SET audit_read_at = ?, reconciled_at = ?, applied_entries = ? WHERE"
                        + " host_directory = ? AND name = ?")) {
              s.setObject(1, next.auditReadAt().atOffset(ZoneOffset.UTC));
              s.setObject(2, next.reconciledAt().atOffset(ZoneOffset.UTC));
              s.setArray(3, c.createArrayOf("text", next.appliedEntries().toArray()));
              s.setString(4, directory);
              s.setString(5, name);
              s.executeUpdate();
            }
            return true;
          });
    } catch (SQLException e) {
      throw new PortFailureException(PORT + ".advance", e);
    }
  }

  @Override
  public void release(Lease lease) {
    requireNonNull(lease, "lease");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE "
                    + table
                    + " SET lease_until = clock_timestamp() WHERE host_directory = ? AND name = ?"
                    + " AND holder = ? AND epoch = ?")) {
      s.setString(1, directory);
      s.setString(2, name);
      s.setString(3, lease.holder());
      s.setLong(4, lease.epoch());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new PortFailureException(PORT + ".release", e);
    }
  }

  @Override
  public String toString() {
    return "PostgresSyncLedger[" + table + ", " + directory + ", " + name + "]";
  }
}
