package dev.entente.postgres;

import dev.entente.model.ConnectedOrganization;
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

  ChangeLogTable(Connections connections, Tables tables) {
    this.connections = connections;
    this.tables = tables;
  }

  List<ChangeRecord> changesAfter(long sequence, int limit) {
    return connections.read(
        "changesAfter",
        c -> {
          try (PreparedStatement s =
              connections.bounded(
                  c,
                  "SELECT sequence, organization_id, version, kind, actor, at, changed_fields,"
                      + " sponsor_id FROM "
                      + tables.changeLog
                      + " WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
            s.setLong(1, sequence);
            s.setInt(2, limit);
            List<ChangeRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(recordOf(r, 1));
              }
            }
            return out;
          }
        });
  }

  /** The record whose eight columns start at {@code first}. */
  private static ChangeRecord recordOf(ResultSet r, int first) throws SQLException {
    return new ChangeRecord(
        r.getLong(first),
        OrganizationId.of(r.getString(first + 1)),
        Version.of(r.getLong(first + 2)),
        AuditEvent.Kind.valueOf(r.getString(first + 3)),
        OrganizationRows.actor(r.getString(first + 4)),
        r.getObject(first + 5, OffsetDateTime.class).toInstant(),
        Set.of(OrganizationRows.strings(r, first + 6)),
        Optional.ofNullable(r.getString(first + 7)));
  }

  /**
   * The records after {@code sequence} with the state of the organizations they name and the change
   * counter, in one statement, so from one snapshot, under the statement timeout: the counter's one
   * row, joined to the records (none, when none comes after), each organization joined to the first
   * record that names it. One round trip.
   */
  ChangeFeed.Changes changes(long sequence, int limit) {
    return connections.read(
        "changesAfter",
        c -> {
          try (PreparedStatement s = connections.bounded(c, tables.changesAfter())) {
            s.setLong(1, sequence);
            s.setInt(2, limit);
            List<ChangeRecord> records = new ArrayList<>();
            Map<OrganizationId, ConnectedOrganization> organizations = new HashMap<>();
            long last = 0;
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                last = r.getLong(20);
                if (r.getObject(12) != null) {
                  records.add(recordOf(r, 12));
                }
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

  /** The sequence of the last committed change, under the statement timeout. */
  long lastSequence() {
    return connections.read(
        "lastSequence",
        c -> {
          try (PreparedStatement s =
                  connections.bounded(c, "SELECT value FROM " + tables.changeCounter);
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  /** The sequence of the last committed change, as the transaction of {@code c} sees it. */
  static long lastSequence(Connection c, Tables tables) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM " + tables.changeCounter);
        ResultSet r = s.executeQuery()) {
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
              connections.bounded(c, "DELETE FROM " + tables.changeLog + " WHERE sequence <= ?")) {
            s.setLong(1, sequence);
            return s.executeUpdate();
          }
        });
  }
}
