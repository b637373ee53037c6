package dev.entente.postgres;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/**
 * The store's writes of one organization — create, update, delete — each one transaction with its
 * change record (R-LOG-1), conditional on the version (R-MGT-4), and the translation of what the
 * database refused into the SPI's typed exceptions: a key another organization holds names that
 * organization (R-SRC-2), a missed version says whether the organization is gone or at another.
 */
final class OrganizationWrites {
  private final Connections connections;
  private final Tables tables;
  private final OrganizationReads reads;
  private final String directory;

  OrganizationWrites(
      Connections connections, Tables tables, OrganizationReads reads, HostDirectory directory) {
    this.connections = connections;
    this.tables = tables;
    this.reads = reads;
    this.directory = directory.value();
  }

  /**
   * Creates the organization and its record in one statement, one round trip: all of them, or none.
   */
  ChangeFeed.Written create(ConnectedOrganization org, AuditEvent change) {
    return write(
        "create",
        Connections.Mode.ONE_STATEMENT,
        c -> {
          try (PreparedStatement s =
              connections.bounded(
                  c,
                  "WITH o AS (INSERT INTO "
                      + tables.organization
                      + " ("
                      + Tables.COLUMNS
                      + ") VALUES ("
                      + Tables.PLACEHOLDERS
                      + ") ON CONFLICT (host_directory, id) DO NOTHING RETURNING id)"
                      + tables.insertParts("o")
                      + tables.logTail("o"))) {
            OrganizationRows.bind(s, directory, org);
            int next = OrganizationRows.bindParts(c, s, 14, directory, List.of(org));
            OrganizationRows.bindChange(c, s, next, directory, change, org.id(), org.version());
            long sequence = recorded(s, List.of(org));
            if (sequence == 0) {
              throw new DuplicateOrganizationException(org.id());
            }
            return new ChangeFeed.Written(org, sequence);
          }
        });
  }

  /**
   * Updates the organization and writes its record: the conditional update with the removal of the
   * old sources and sponsors, then the new ones with the record.
   */
  ChangeFeed.Written update(ConnectedOrganization next, AuditEvent change) {
    Version previous = Version.of(next.version().value() - 1);
    return write(
        "update",
        Connections.Mode.TRANSACTION,
        c -> {
          try (PreparedStatement s =
              connections.bounded(
                  c,
                  "WITH u AS (UPDATE "
                      + tables.organization
                      + " SET ("
                      + Tables.COLUMNS
                      + ") = ("
                      + Tables.PLACEHOLDERS
                      + ") WHERE host_directory = ? AND id = ? AND version = ?"
                      + " RETURNING host_directory, id), s AS (DELETE FROM "
                      + tables.source
                      + " WHERE (host_directory, organization_id) IN (SELECT host_directory, id"
                      + " FROM u)), p AS (DELETE FROM "
                      + tables.sponsor
                      + " WHERE (host_directory, organization_id) IN (SELECT host_directory, id"
                      + " FROM u)) SELECT id FROM u")) {
            OrganizationRows.bind(s, directory, next);
            s.setString(14, directory);
            s.setString(15, next.id().toString());
            s.setLong(16, previous.value());
            if (!returnsRow(s, List.of())) {
              throw missedVersion(c, next.id(), previous);
            }
          }
          // The old keys are gone in an earlier statement, so the new rows may take them again.
          try (PreparedStatement s =
              connections.bounded(
                  c, "WITH o AS (SELECT 1)" + tables.insertParts("o") + tables.logTail("o"))) {
            int at = OrganizationRows.bindParts(c, s, 1, directory, List.of(next));
            OrganizationRows.bindChange(c, s, at, directory, change, next.id(), next.version());
            return new ChangeFeed.Written(next, recorded(s, List.of(next)));
          }
        });
  }

  /** Deletes the organization and writes its record in one statement, one round trip. */
  long delete(OrganizationId id, Version expected, AuditEvent change) {
    return write(
        "delete",
        Connections.Mode.ONE_STATEMENT,
        c -> {
          try (PreparedStatement s =
              connections.bounded(
                  c,
                  "WITH d AS (DELETE FROM "
                      + tables.organization
                      + " WHERE host_directory = ? AND id = ? AND version = ? RETURNING id)"
                      + tables.logTail("d"))) {
            s.setString(1, directory);
            s.setString(2, id.toString());
            s.setLong(3, expected.value());
            OrganizationRows.bindChange(c, s, 4, directory, change, id, expected);
            long sequence = recorded(s, List.of());
            if (sequence == 0) {
              throw missedVersion(c, id, expected);
            }
            return sequence;
          }
        });
  }

  /**
   * Runs the write {@code work} ({@link Connections#write}). A key another organization holds rolls
   * it back and is reported naming that holder; when the holder let the key go in the meantime (a
   * delete or an update committed between the two), the write is tried again, a few times at most.
   */
  <T> T write(String operation, Connections.Mode mode, Connections.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      List<ConnectedOrganization> writers;
      try {
        return connections.write(operation, mode, work);
      } catch (KeyTaken e) {
        writers = e.writers;
      }
      Optional<IdentitySourceConflictException> conflict = conflictOf(writers);
      if (conflict.isPresent()) {
        throw conflict.get();
      }
      if (attempt == 3) {
        ConnectedOrganization writer = writers.get(0);
        throw new IdentitySourceConflictException(
            writer.identitySources().get(0).key(),
            OrganizationId.of("unknown"),
            "an organization that keeps changing");
      }
    }
  }

  /** Why a conditional write touched no row: the organization is gone, or at another version. */
  private RuntimeException missedVersion(Connection c, OrganizationId id, Version expected)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version FROM "
                + tables.organization
                + " WHERE host_directory = ? AND id = ?")) {
      s.setString(1, directory);
      s.setString(2, id.toString());
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? new StaleVersionException(id, expected, Version.of(r.getLong(1)))
            : new OrganizationNotFoundException(id);
      }
    }
  }

  /**
   * Runs a write statement; whether it returned a row. A key another organization holds is {@link
   * KeyTaken}, naming the organizations whose keys the statement inserts.
   */
  static boolean returnsRow(PreparedStatement s, List<ConnectedOrganization> writers)
      throws SQLException {
    try (ResultSet r = query(s, writers)) {
      return r.next();
    }
  }

  /**
   * Runs a write statement that ends in {@link Tables#logTail}: the sequence of the record it
   * wrote, or 0 when it wrote none. A key another organization holds is {@link KeyTaken}.
   */
  static long recorded(PreparedStatement s, List<ConnectedOrganization> writers)
      throws SQLException {
    try (ResultSet r = query(s, writers)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private static ResultSet query(PreparedStatement s, List<ConnectedOrganization> writers)
      throws SQLException {
    try {
      return s.executeQuery();
    } catch (SQLException e) {
      if (isUniqueViolation(e, "identity_source_key_unique")) {
        throw new KeyTaken(writers);
      }
      throw e;
    }
  }

  private static boolean isUniqueViolation(SQLException e, String constraint) {
    return "23505".equals(e.getSQLState())
        && e instanceof PSQLException p
        && p.getServerErrorMessage() != null
        && constraint.equals(p.getServerErrorMessage().getConstraint());
  }

  /**
   * A key of one of {@code writers} another organization holds: the transaction is rolled back,
   * then the key and its holder found.
   */
  static final class KeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<ConnectedOrganization> writers;

    KeyTaken(List<ConnectedOrganization> writers) {
      super(null, null, false, false);
      this.writers = writers;
    }
  }

  /**
   * The first key of {@code writers}, in their order, that an organization other than its writer
   * holds, with that holder; empty when none does (any more).
   */
  private Optional<IdentitySourceConflictException> conflictOf(
      List<ConnectedOrganization> writers) {
    List<String> keys = new ArrayList<>();
    writers.forEach(w -> w.identitySources().forEach(src -> keys.add(src.key().toString())));
    Map<String, String> holders =
        connections.read(
            "findByKey",
            c -> {
              Map<String, String> out = new HashMap<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT source_key, organization_id FROM "
                          + tables.source
                          + " WHERE host_directory = ? AND source_key = ANY (?::text[])")) {
                s.setString(1, directory);
                s.setArray(2, c.createArrayOf("text", keys.toArray()));
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                  }
                }
              }
              return out;
            });
    for (ConnectedOrganization writer : writers) {
      for (IdentitySource src : writer.identitySources()) {
        String holder = holders.get(src.key().toString());
        if (holder != null && !holder.equals(writer.id().toString())) {
          Optional<ConnectedOrganization> held = reads.get(OrganizationId.of(holder));
          if (held.isPresent()) {
            return Optional.of(
                new IdentitySourceConflictException(
                    src.key(), held.get().id(), held.get().displayName()));
          }
        }
      }
    }
    return Optional.empty();
  }
}
