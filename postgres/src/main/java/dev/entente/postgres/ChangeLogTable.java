package dev.entente.postgres;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The change log as a reader sees it: the records after a sequence, the last sequence, and pruning.
 * The records themselves are written by each write's own statement ({@link Tables#logTail}) and by
 * the bulk import, in the write's transaction (R-LOG-1).
 */
final class ChangeLogTable {
  private final Connections connections;
  private final Tables tables;
  private final String directory;

  ChangeLogTable(Connections connections, Tables tables, HostDirectory directory) {
    this.connections = connections;
    this.tables = tables;
    this.directory = directory.value();
  }

  List<ChangeRecord> changesAfter(long sequence, int limit) {
    return connections.readCommitted("changesAfter", c -> records(c, sequence, limit));
  }

  private List<ChangeRecord> records(Connection c, long sequence, int limit) throws SQLException {
    try (PreparedStatement s =
        connections.bounded(
            c,
            "SELECT sequence, organization_id, version, kind, actor, at, changed_fields,"
                + " sponsor_id, host_directory FROM "
                + tables.changeLog
                + " WHERE host_directory = ? AND sequence > ? ORDER BY sequence LIMIT ?")) {
      s.setString(1, directory);
      s.setLong(2, sequence);
      s.setInt(3, limit);
      List<ChangeRecord> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(recordOf(r));
        }
      }
      return out;
    }
  }

  private static ChangeRecord recordOf(ResultSet r) throws SQLException {
    return new ChangeRecord(
        r.getLong(1),
        OrganizationId.of(r.getString(2)),
        Version.of(r.getLong(3)),
        AuditEvent.Kind.valueOf(r.getString(4)),
        OrganizationRows.actor(r.getString(5)),
        r.getObject(6, OffsetDateTime.class).toInstant(),
        Set.of(OrganizationRows.strings(r, 7)),
        Optional.ofNullable(r.getString(8)),
        HostDirectory.of(r.getString(9)));
  }

  /**
   * The records after {@code sequence}, then the state of the organizations they name with the last
   * sequence of that statement's snapshot ({@link Tables#statesAt}): two statements on one
   * connection, each under the statement timeout and quick to plan. The states are at least as new
   * as the records, and the sequence says how new.
   */
  ChangeFeed.Changes changes(long sequence, int limit) {
    return connections.readCommitted(
        "changesAfter",
        c -> {
          List<ChangeRecord> records = records(c, sequence, limit);
          try (PreparedStatement s = connections.bounded(c, tables.statesAt())) {
            s.setString(1, directory);
            s.setString(2, directory);
            s.setString(3, directory);
            s.setArray(
                4,
                c.createArrayOf(
                    "text", records.stream().map(r -> r.organizationId().toString()).toArray()));
            Map<OrganizationId, ConnectedOrganization> organizations = new HashMap<>();
            long last = 0;
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                last = r.getLong(12);
                if (r.getString(1) != null) {
                  ConnectedOrganization org = OrganizationRows.organizationOf(r);
                  organizations.put(org.id(), org);
                }
              }
            }
            return new ChangeFeed.Changes(records, organizations, last);
          }
        });
  }

  /** The sequence of the directory's last committed change, under the statement timeout. */
  long lastSequence() {
    return connections.readCommitted(
        "lastSequence",
        c -> {
          try (PreparedStatement s = connections.bounded(c, tables.lastSequence())) {
            return lastSequence(s, directory);
          }
        });
  }

  /**
   * The sequence of {@code directory}'s last committed change, as the transaction of {@code c} sees
   * it.
   */
  static long lastSequence(Connection c, Tables tables, String directory) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(tables.lastSequence())) {
      return lastSequence(s, directory);
    }
  }

  private static long lastSequence(PreparedStatement s, String directory) throws SQLException {
    s.setString(1, directory);
    try (ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  int pruneThrough(long sequence) {
    return connections.write(
        "pruneChangesThrough",
        Connections.Mode.ONE_STATEMENT,
        c -> {
          try (PreparedStatement s =
              connections.bounded(
                  c,
                  "DELETE FROM "
                      + tables.changeLog
                      + " WHERE host_directory = ? AND sequence <= ?")) {
            s.setString(1, directory);
            s.setLong(2, sequence);
            return s.executeUpdate();
          }
        });
  }
}
