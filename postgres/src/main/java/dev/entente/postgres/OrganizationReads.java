package dev.entente.postgres;

import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store's reads of organizations: by id, by key, searches a page at a time, several ids at
 * once, and the whole table from one snapshot. Each is one statement, so one snapshot of each
 * organization with its sources and sponsors.
 */
final class OrganizationReads {
  private final Connections connections;
  private final Tables tables;
  private final String directory;

  OrganizationReads(Connections connections, Tables tables, HostDirectory directory) {
    this.connections = connections;
    this.tables = tables;
    this.directory = directory.value();
  }

  Optional<ConnectedOrganization> get(OrganizationId id) {
    return first(read("get", tables.byId(), List.of(directory, id.toString())));
  }

  Optional<ConnectedOrganization> findByKey(String key) {
    return first(read("findByKey", tables.byKey(), List.of(directory, key)));
  }

  private static Optional<ConnectedOrganization> first(List<ConnectedOrganization> found) {
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    StringBuilder sql = new StringBuilder(tables.selectWhole + " WHERE o.host_directory = ?");
    List<Object> args = new ArrayList<>();
    args.add(directory);
    page.cursor().ifPresent(c -> add(sql, args, " AND o.id > ?", c.afterId().toString()));
    query.state().ifPresent(state -> add(sql, args, " AND o.state = ?", state.name()));
    query
        .nameContains()
        .ifPresent(
            f ->
                add(
                    sql,
                    args,
                    " AND o.display_name_lower LIKE ? ESCAPE '\\'",
                    "%" + like(f) + "%"));
    query
        .namePrefix()
        .ifPresent(
            p -> add(sql, args, " AND o.display_name_lower LIKE ? ESCAPE '\\'", like(p) + "%"));
    query
        .domain()
        .ifPresent(
            d ->
                add(
                    sql,
                    args,
                    sourceWhere("s.kind IN ('EMAIL_DOMAIN', 'FEDERATION') AND s.domain_name = ?"),
                    d.ascii()));
    query
        .tenantId()
        .ifPresent(
            t ->
                add(
                    sql,
                    args,
                    sourceWhere("s.kind = 'ENTRA_TENANT' AND s.tenant_id = ?"),
                    t.value()));
    query
        .issuer()
        .ifPresent(
            i ->
                add(
                    sql,
                    args,
                    sourceWhere("s.kind = 'FEDERATION' AND s.issuer_uri = ?"),
                    i.toString()));
    sql.append(" ORDER BY o.id LIMIT ?");
    args.add(page.size() + 1);
    List<ConnectedOrganization> rows =
        read(query.equals(OrganizationQuery.all()) ? "list" : "search", sql.toString(), args);
    if (rows.size() <= page.size()) {
      return Page.of(rows, null);
    }
    List<ConnectedOrganization> items = rows.subList(0, page.size());
    return Page.of(items, PageCursor.after(items.get(items.size() - 1).id()));
  }

  /** A filter on the organization's sources: one of them meets {@code condition}. */
  private String sourceWhere(String condition) {
    return " AND EXISTS (SELECT 1 FROM "
        + tables.source
        + " s WHERE s.host_directory = o.host_directory AND s.organization_id = o.id AND "
        + condition
        + ")";
  }

  private static void add(StringBuilder sql, List<Object> args, String clause, Object arg) {
    sql.append(clause);
    args.add(arg);
  }

  /**
   * {@code text} for a {@code LIKE} pattern: its {@code %}, {@code _} and {@code \} are literal.
   */
  static String like(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * Streams every organization's row to {@code sink} from one repeatable-read snapshot, a thousand
   * rows at a time, and returns the sequence of the last change that snapshot holds (R-IDX-1).
   *
   * @throws PortFailureException when the database fails
   */
  long loadAll(Consumer<OrganizationRows.Row> sink) {
    return connections.writeOwn( // a transaction: a cursor, not the whole result in memory
        "loadAll",
        Connections.Mode.TRANSACTION,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
            s.execute(); // one snapshot, for this transaction only
          }
          long sequence = ChangeLogTable.lastSequence(c, tables, directory);
          try (PreparedStatement s =
              c.prepareStatement(tables.selectWhole + " WHERE o.host_directory = ?")) {
            s.setString(1, directory);
            s.setFetchSize(1_000);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                sink.accept(OrganizationRows.rowOf(r));
              }
            }
          }
          return sequence;
        });
  }

  /**
   * The organizations one {@link Tables#selectWhole} statement returns: one round trip, and, as one
   * statement, one snapshot of each organization with its sources and sponsors.
   */
  private List<ConnectedOrganization> read(String operation, String sql, List<?> args) {
    return connections.read(
        operation,
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
              s.setObject(i + 1, args.get(i));
            }
            List<ConnectedOrganization> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(OrganizationRows.organizationOf(r));
              }
            }
            return out;
          }
        });
  }
}
