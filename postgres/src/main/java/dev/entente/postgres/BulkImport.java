package dev.entente.postgres;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bulk import: many new organizations in one transaction, {@value #CHUNK} to a statement
 * through {@code unnest} of text arrays, each with its creation record, the change counter taken
 * only for the last statements so that other writers wait for the commit, not for the length.
 */
final class BulkImport {
  /** Organizations per statement: large enough to amortise a round trip. */
  private static final int CHUNK = 1_000;

  private final Connections connections;
  private final Tables tables;
  private final String directory;
  private final OrganizationWrites writes;

  BulkImport(
      Connections connections, Tables tables, OrganizationWrites writes, HostDirectory directory) {
    this.connections = connections;
    this.tables = tables;
    this.writes = writes;
    this.directory = directory.value();
  }

  /** See {@link PostgresOrganizationStore#createAll}. */
  List<ConnectedOrganization> createAll(Collection<ConnectedOrganization> organizations) {
    List<ConnectedOrganization> orgs = List.copyOf(organizations);
    checkAmongThemselves(orgs);
    if (orgs.isEmpty()) {
      return orgs;
    }
    return writes.write(
        "createAll",
        Connections.Mode.TRANSACTION,
        c -> {
          for (int from = 0; from < orgs.size(); from += CHUNK) {
            insertChunk(c, orgs.subList(from, Math.min(orgs.size(), from + CHUNK)));
          }
          long last = bumpCounter(c, orgs.size());
          try (PreparedStatement s = connections.bounded(c, "SELECT pg_notify(?, ?)")) {
            s.setString(1, tables.channel);
            s.setString(2, Tables.payload(last, directory));
            s.executeQuery().close();
          }
          for (int from = 0; from < orgs.size(); from += CHUNK) {
            List<ConnectedOrganization> chunk =
                orgs.subList(from, Math.min(orgs.size(), from + CHUNK));
            recordCreations(c, chunk, last - orgs.size() + 1 + from);
          }
          return orgs;
        });
  }

  /** Refuses, before anything is written, what the import holds wrong on its own. */
  private static void checkAmongThemselves(List<ConnectedOrganization> orgs) {
    Map<OrganizationId, ConnectedOrganization> byId = new HashMap<>();
    Map<IdentitySourceKey, ConnectedOrganization> byKey = new HashMap<>();
    for (int i = 0; i < orgs.size(); i++) {
      ConnectedOrganization org = orgs.get(i);
      if (!org.version().equals(Version.initial())) {
        throw new ValidationException(
            "organizations[" + i + "].version",
            org.version(),
            "is not the version of a new organization",
            "version 1");
      }
      if (byId.putIfAbsent(org.id(), org) != null) {
        throw new DuplicateOrganizationException(org.id());
      }
      for (IdentitySource src : org.identitySources()) {
        ConnectedOrganization holder = byKey.putIfAbsent(src.key(), org);
        if (holder != null) {
          throw new IdentitySourceConflictException(src.key(), holder.id(), holder.displayName());
        }
      }
    }
  }

  /** Inserts a chunk of new organizations with their sources and sponsors, a statement a table. */
  private void insertChunk(Connection c, List<ConnectedOrganization> orgs) throws SQLException {
    List<@Nullable String[]> rows = new ArrayList<>(orgs.size());
    orgs.forEach(org -> rows.add(OrganizationRows.textRow(org)));
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement s =
        connections.bounded(
            c,
            "INSERT INTO "
                + tables.organization
                + " ("
                + Tables.COLUMNS
                + ") SELECT ?::text, "
                // the parts travel as array literals in a text column, each cast back here
                + Tables.ORGANIZATION_COLUMNS
                    .replace("source_parts", "source_parts::text[]")
                    .replace("sponsor_parts", "sponsor_parts::text[]")
                + " FROM "
                + Tables.unnest(
                    "text, bigint, text, text, text, text, timestamptz, text, timestamptz, text,"
                        + " text, text")
                + " AS u ("
                + Tables.ORGANIZATION_COLUMNS
                + ") ON CONFLICT (host_directory, id) DO NOTHING RETURNING id")) {
      s.setString(1, directory);
      OrganizationRows.bindColumns(c, s, 2, rows, 12);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          inserted.add(r.getString(1));
        }
      }
    }
    for (ConnectedOrganization org : orgs) {
      if (!inserted.contains(org.id().toString())) {
        throw new DuplicateOrganizationException(org.id());
      }
    }
    try (PreparedStatement s =
        connections.bounded(c, "WITH o AS (SELECT 1)" + tables.insertParts("o") + " SELECT 1")) {
      OrganizationRows.bindParts(c, s, 1, directory, orgs);
      OrganizationWrites.returnsRow(s, orgs);
    }
  }

  /**
   * Adds {@code count} to the directory's counter row, creating it at the directory's first write
   * and locking it until the commit; the new value.
   */
  private long bumpCounter(Connection c, int count) throws SQLException {
    try (PreparedStatement s =
        connections.bounded(
            c,
            "INSERT INTO "
                + tables.directoryCounter
                + " AS k (host_directory, value) VALUES (?, ?) ON CONFLICT (host_directory)"
                + " DO UPDATE SET value = k.value + EXCLUDED.value RETURNING k.value")) {
      s.setString(1, directory);
      s.setInt(2, count);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Writes the creation records of a chunk, numbered from {@code first}. */
  private void recordCreations(Connection c, List<ConnectedOrganization> orgs, long first)
      throws SQLException {
    List<@Nullable String[]> rows = new ArrayList<>();
    for (int i = 0; i < orgs.size(); i++) {
      ConnectedOrganization org = orgs.get(i);
      rows.add(
          new String[] {
            Long.toString(first + i),
            org.id().toString(),
            Long.toString(org.version().value()),
            AuditEvent.Kind.CREATED.name(),
            org.createdBy().toString(),
            org.createdAt().toString()
          });
    }
    try (PreparedStatement s =
        connections.bounded(
            c,
            "INSERT INTO "
                + tables.changeLog
                + " (host_directory, sequence, organization_id, version, kind, actor, at,"
                + " changed_fields) SELECT ?::text, *, '{}'::text[] FROM "
                + Tables.unnest("bigint, text, bigint, text, text, timestamptz"))) {
      s.setString(1, directory);
      OrganizationRows.bindColumns(c, s, 2, rows, 6);
      s.executeUpdate();
    }
  }
}
