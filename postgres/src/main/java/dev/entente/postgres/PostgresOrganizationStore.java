package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

/**
 * An {@link OrganizationStore} on PostgreSQL, over the host's {@link DataSource} (any pool): every
 * write is one transaction, conditional on the version, and the unique index on the identity-source
 * key column alone keeps a key with one organization across every instance (R-SRC-2). It passes
 * {@code OrganizationStoreContract}, races included.
 *
 * <pre>{@code
 * PostgresSchema.migrate(dataSource);                     // or run the shipped scripts yourself
 * Entente entente = Entente.builder().store(PostgresOrganizationStore.of(dataSource)).build();
 * }</pre>
 *
 * <p>Refusals are the SPI's typed exceptions; anything else the database does — a lost connection,
 * a timeout, a serialization failure — is a {@link PortFailureException} with the {@link
 * SQLException} as its cause, never a raw {@code SQLException}, and never a half-written
 * organization: a failed transaction is rolled back. All SQL is parameterised; {@code LIKE}
 * patterns escape {@code %}, {@code _} and {@code \}.
 */
public final class PostgresOrganizationStore implements OrganizationStore, ChangeLog {
  /** The organization row's columns, bound by {@link #bindOrganization} for inserts and updates. */
  private static final String COLUMNS =
      "id, version, display_name, display_name_lower, description, state, created_at, created_by,"
          + " modified_at, modified_by, source_parts, sponsor_parts";

  private static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[]";

  /** Elements a source takes in {@code source_parts}: {@link #sourceRow} without its key. */
  private static final int SOURCE_PARTS = 7;

  /** Elements a sponsor takes in {@code sponsor_parts}: side, directory id, kind, display name. */
  private static final int SPONSOR_PARTS = 4;

  private final DataSource dataSource;
  private final PostgresSchema schema;
  private final String organization;
  private final String source;
  private final String sponsor;
  private final String changeLog;
  private final String changeCounter;

  /**
   * One organization a row, with its sources and sponsors in the row's own arrays: one index
   * lookup, one snapshot.
   */
  private final String selectWhole;

  private PostgresOrganizationStore(DataSource dataSource, PostgresSchema schema) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.schema = requireNonNull(schema, "schema");
    this.organization = schema.quoted() + ".organization";
    this.source = schema.quoted() + ".identity_source";
    this.sponsor = schema.quoted() + ".sponsor";
    this.changeLog = schema.quoted() + ".change_log";
    this.changeCounter = schema.quoted() + ".change_counter";
    this.selectWhole =
        "SELECT o.id, o.version, o.display_name, o.description, o.state, o.created_at,"
            + " o.created_by, o.modified_at, o.modified_by, o.source_parts, o.sponsor_parts FROM "
            + organization
            + " o";
  }

  /**
   * A store in the schema {@value PostgresSchema#DEFAULT}.
   *
   * @param dataSource the host's data source
   * @return the store
   */
  public static PostgresOrganizationStore of(DataSource dataSource) {
    return new PostgresOrganizationStore(dataSource, PostgresSchema.standard());
  }

  /**
   * A store in {@code schema}.
   *
   * @param dataSource the host's data source
   * @param schema the schema its tables are in
   * @return the store
   */
  public static PostgresOrganizationStore of(DataSource dataSource, PostgresSchema schema) {
    return new PostgresOrganizationStore(dataSource, schema);
  }

  /**
   * The schema the tables are in.
   *
   * @return the schema
   */
  public PostgresSchema schema() {
    return schema;
  }

  // ---------------------------------------------------------------------------------------------
  // reads

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    requireNonNull(id, "id");
    List<ConnectedOrganization> found = read("get", byIdSql(), List.of(id.toString()));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    requireNonNull(key, "key");
    List<ConnectedOrganization> found = read("findByKey", byKeySql(), List.of(key.toString()));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The statement of {@link #get}, one parameter: the id. */
  String byIdSql() {
    return selectWhole + " WHERE o.id = ?";
  }

  /** The statement of {@link #findByKey}, one parameter: the key's text. */
  String byKeySql() {
    return selectWhole
        + " WHERE o.id = (SELECT organization_id FROM "
        + source
        + " WHERE source_key = ?)";
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return search(OrganizationQuery.all(), page);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    requireNonNull(query, "query");
    requireNonNull(page, "page");
    StringBuilder sql = new StringBuilder(selectWhole + " WHERE true");
    List<Object> args = new ArrayList<>();
    page.cursor()
        .ifPresent(
            c -> {
              sql.append(" AND o.id > ?");
              args.add(c.afterId().toString());
            });
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
                    " AND EXISTS (SELECT 1 FROM "
                        + source
                        + " s WHERE s.organization_id = o.id AND s.kind IN ('EMAIL_DOMAIN',"
                        + " 'FEDERATION') AND s.domain_name = ?)",
                    d.ascii()));
    query
        .tenantId()
        .ifPresent(
            t ->
                add(
                    sql,
                    args,
                    " AND EXISTS (SELECT 1 FROM "
                        + source
                        + " s WHERE s.organization_id = o.id AND s.kind = 'ENTRA_TENANT' AND"
                        + " s.tenant_id = ?)",
                    t.value()));
    query
        .issuer()
        .ifPresent(
            i ->
                add(
                    sql,
                    args,
                    " AND EXISTS (SELECT 1 FROM "
                        + source
                        + " s WHERE s.organization_id = o.id AND s.kind = 'FEDERATION' AND"
                        + " s.issuer_uri = ?)",
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

  /** The organization of the current row of a {@link #selectWhole} query. */
  private static ConnectedOrganization organizationOf(ResultSet r) throws SQLException {
    return organizationOf(rowOf(r));
  }

  /** The columns of a {@link #selectWhole} row, read but not yet checked and built. */
  @SuppressWarnings("ArrayRecordComponent") // internal, handed over once, never compared
  record Row(
      String id,
      long version,
      String displayName,
      @Nullable String description,
      String state,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime modifiedAt,
      String modifiedBy,
      String[] sources,
      String[] sponsors) {}

  /** The current row of a {@link #selectWhole} query: the cheap part, on the reading thread. */
  static Row rowOf(ResultSet r) throws SQLException {
    return new Row(
        r.getString(1),
        r.getLong(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getObject(6, OffsetDateTime.class),
        r.getString(7),
        r.getObject(8, OffsetDateTime.class),
        r.getString(9),
        strings(r, 10),
        strings(r, 11));
  }

  /** The organization of a row: parsing and checking every value, the costly part. */
  static ConnectedOrganization organizationOf(Row r) {
    ConnectedOrganization.Builder b =
        ConnectedOrganization.builder()
            .id(OrganizationId.of(r.id()))
            .version(Version.of(r.version()))
            .displayName(r.displayName())
            .description(Optional.ofNullable(r.description()))
            .state(OrganizationState.valueOf(r.state()))
            .createdAt(r.createdAt().toInstant())
            .createdBy(actor(r.createdBy()))
            .modifiedAt(r.modifiedAt().toInstant())
            .modifiedBy(actor(r.modifiedBy()));
    String[] sources = r.sources();
    for (int i = 0; i < sources.length; i += SOURCE_PARTS) {
      b.addIdentitySources(
          sourceOf(
              sources[i],
              sources[i + 1],
              sources[i + 2],
              sources[i + 3],
              sources[i + 4],
              sources[i + 5],
              sources[i + 6]));
    }
    String[] sponsors = r.sponsors();
    for (int i = 0; i < sponsors.length; i += SPONSOR_PARTS) {
      Sponsor.Builder sp =
          Sponsor.builder().id(sponsors[i + 1]).kind(Sponsor.Kind.valueOf(sponsors[i + 2]));
      if (sponsors[i + 3] != null) {
        sp.displayName(sponsors[i + 3]);
      }
      if (sponsors[i].equals("INTERNAL")) {
        b.addInternalSponsors(sp.build());
      } else {
        b.addExternalSponsors(sp.build());
      }
    }
    return b.build();
  }

  /** A text-array column; empty for SQL null, the aggregate of no rows. */
  @SuppressWarnings("NullAway") // a text[] column's elements are null where the row's column is
  private static String[] strings(ResultSet r, int column) throws SQLException {
    java.sql.Array array = r.getArray(column);
    if (array == null) {
      return new String[0];
    }
    try {
      return (String[]) array.getArray();
    } finally {
      array.free();
    }
  }

  private static IdentitySource sourceOf(
      String kind,
      @Nullable String tenant,
      @Nullable String cloud,
      @Nullable String domain,
      @Nullable String issuer,
      @Nullable String provider,
      String name) {
    switch (IdentitySource.Kind.valueOf(kind)) {
      case ENTRA_TENANT:
        return EntraTenant.of(
            TenantId.of(requireNonNull(tenant)), Cloud.valueOf(requireNonNull(cloud)), name);
      case FEDERATION:
        return Federation.of(
            DomainName.of(requireNonNull(domain)), IssuerUri.of(requireNonNull(issuer)), name);
      case EMAIL_DOMAIN:
        return EmailDomain.of(DomainName.of(requireNonNull(domain)), name);
      default:
        return SocialProvider.builder()
            .provider(AccountProvider.valueOf(requireNonNull(provider)))
            .displayName(name)
            .build();
    }
  }

  private static Actor actor(String text) {
    if (text.equals("system")) {
      return Actor.system();
    }
    int colon = text.indexOf(':');
    String id = text.substring(colon + 1);
    return text.startsWith("application:") ? Actor.application(id) : Actor.administrator(id);
  }

  // ---------------------------------------------------------------------------------------------
  // writes

  /**
   * Creates the organization with its change record: {@link AuditEvent.Kind#CREATED} by its {@code
   * createdBy} at its {@code createdAt} (R-LOG-1: this store records every committed change).
   */
  @Override
  public ConnectedOrganization create(ConnectedOrganization org) {
    requireNonNull(org, "organization");
    return create(
        org,
        AuditEvent.of(
            AuditEvent.Kind.CREATED, org.createdBy(), org.createdAt(), Set.of(), null, org, null));
  }

  /**
   * Updates the organization with its change record: {@link AuditEvent.Kind#UPDATED} by its {@code
   * modifiedBy} at its {@code modifiedAt}, no fields named (R-LOG-1).
   */
  @Override
  public ConnectedOrganization update(ConnectedOrganization next) {
    requireNonNull(next, "next");
    return update(
        next,
        AuditEvent.of(
            AuditEvent.Kind.UPDATED,
            next.modifiedBy(),
            next.modifiedAt(),
            Set.of(),
            null,
            next,
            null));
  }

  /**
   * Deletes the organization with its change record: {@link AuditEvent.Kind#DELETED} by the system,
   * now (R-LOG-1).
   */
  @Override
  public void delete(OrganizationId id, Version expected) {
    requireNonNull(id, "id");
    delete(
        id,
        expected,
        new AuditEvent(
            AuditEvent.Kind.DELETED,
            id,
            Actor.system(),
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            Set.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  /**
   * Creates the organization and, in the same transaction, its change record (R-LOG-1). One
   * statement: the organization, its sources, its sponsors and the record are inserted together, or
   * none of them.
   *
   * @param org the organization
   * @param change the record of the change
   * @return the stored organization
   */
  @Override
  public ConnectedOrganization create(ConnectedOrganization org, AuditEvent change) {
    requireNonNull(change, "change");
    requireNonNull(org, "organization");
    if (!org.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", org.version(), "is not the version of a new organization", "version 1");
    }
    return write(
        "create",
        false,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "WITH o AS (INSERT INTO "
                      + organization
                      + " ("
                      + COLUMNS
                      + ") VALUES ("
                      + PLACEHOLDERS
                      + ") ON CONFLICT (id) DO NOTHING RETURNING id)"
                      + insertParts("o")
                      + logTail("o"))) {
            bindOrganization(s, org);
            bindChange(c, s, bindParts(c, s, 13, List.of(org)), change, org.id(), org.version());
            if (!returnsRow(s, List.of(org))) {
              throw new DuplicateOrganizationException(org.id());
            }
          }
          return org;
        });
  }

  /**
   * Updates the organization and, in the same transaction, writes its change record (R-LOG-1). Two
   * statements: the conditional update with the removal of the old sources and sponsors, then the
   * new ones with the record.
   *
   * @param next the new value, at the next version
   * @param change the record of the change
   * @return the stored organization
   */
  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    requireNonNull(change, "change");
    requireNonNull(next, "next");
    if (next.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", next.version(), "is not the version of an update", "at least 2");
    }
    Version previous = Version.of(next.version().value() - 1);
    return write(
        "update",
        true,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "WITH u AS (UPDATE "
                      + organization
                      + " SET ("
                      + COLUMNS
                      + ") = ("
                      + PLACEHOLDERS
                      + ") WHERE id = ? AND version = ? RETURNING id), s AS (DELETE FROM "
                      + source
                      + " WHERE organization_id IN (SELECT id FROM u)), p AS (DELETE FROM "
                      + sponsor
                      + " WHERE organization_id IN (SELECT id FROM u)) SELECT id FROM u")) {
            bindOrganization(s, next);
            s.setString(13, next.id().toString());
            s.setLong(14, previous.value());
            if (!returnsRow(s, List.of())) {
              throw missedVersion(c, next.id(), previous);
            }
          }
          // The old keys are gone in an earlier statement, so the new rows may take them again.
          try (PreparedStatement s =
              c.prepareStatement("WITH o AS (SELECT 1)" + insertParts("o") + logTail("o"))) {
            bindChange(c, s, bindParts(c, s, 1, List.of(next)), change, next.id(), next.version());
            returnsRow(s, List.of(next));
          }
          return next;
        });
  }

  /**
   * Deletes the organization and, in the same transaction, writes its change record (R-LOG-1). One
   * statement.
   *
   * @param id the id
   * @param expected the version the delete is based on
   * @param change the record of the change
   */
  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    requireNonNull(change, "change");
    requireNonNull(id, "id");
    requireNonNull(expected, "expected");
    write(
        "delete",
        false,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "WITH d AS (DELETE FROM "
                      + organization
                      + " WHERE id = ? AND version = ? RETURNING id)"
                      + logTail("d"))) {
            s.setString(1, id.toString());
            s.setLong(2, expected.value());
            bindChange(c, s, 3, change, id, expected);
            if (!returnsRow(s, List.of())) {
              throw missedVersion(c, id, expected);
            }
          }
          return Boolean.TRUE;
        });
  }

  /** The source table's columns and their types, in the order of {@link #sourceRow}'s. */
  private static final String SOURCE_COLUMNS =
      "source_key, organization_id, position, kind, tenant_id, cloud, domain_name, issuer_uri,"
          + " provider, display_name";

  private static final String SOURCE_TYPES =
      "text, text, integer, text, uuid, text, text, text, text, text";
  private static final String SPONSOR_COLUMNS =
      "organization_id, side, position, directory_id, kind, display_name";
  private static final String SPONSOR_TYPES = "text, text, integer, text, text, text";

  /**
   * Common table expressions inserting the sources and the sponsors of organizations, bound by
   * {@link #bindParts}, when the expression {@code gate} has a row.
   */
  private String insertParts(String gate) {
    return ", s AS (INSERT INTO "
        + source
        + " ("
        + SOURCE_COLUMNS
        + ") SELECT * FROM "
        + unnest(SOURCE_TYPES)
        + " WHERE EXISTS (SELECT FROM "
        + gate
        + ")), p AS (INSERT INTO "
        + sponsor
        + " ("
        + SPONSOR_COLUMNS
        + ") SELECT * FROM "
        + unnest(SPONSOR_TYPES)
        + " WHERE EXISTS (SELECT FROM "
        + gate
        + "))";
  }

  /** Binds the parts of {@link #insertParts} from parameter {@code at}; the next parameter. */
  private static int bindParts(
      Connection c, PreparedStatement s, int at, List<ConnectedOrganization> orgs)
      throws SQLException {
    List<String[]> sources = new ArrayList<>();
    List<String[]> sponsors = new ArrayList<>();
    for (ConnectedOrganization org : orgs) {
      int position = 0;
      for (IdentitySource src : org.identitySources()) {
        String[] row = sourceRow(src);
        sources.add(
            new String[] {
              row[0],
              org.id().toString(),
              Integer.toString(position++),
              row[1],
              row[2],
              row[3],
              row[4],
              row[5],
              row[6],
              row[7]
            });
      }
      addSponsorRows(sponsors, org, "INTERNAL", org.internalSponsors());
      addSponsorRows(sponsors, org, "EXTERNAL", org.externalSponsors());
    }
    int next = bind(c, s, at, columns(sources, 10));
    return bind(c, s, next, columns(sponsors, 6));
  }

  /**
   * The end of a write statement that records the change when the expression {@code gate} has a
   * row: it bumps the counter row, whose lock it then holds until the commit, so that sequences
   * become visible in commit order (R-LOG-2), and notifies {@link #channel()} with the sequence —
   * delivered at the commit, never for a write rolled back. It returns a row when it recorded.
   */
  private String logTail(String gate) {
    return ", c AS (UPDATE "
        + changeCounter
        + " SET value = value + 1 WHERE EXISTS (SELECT FROM "
        + gate
        + ") RETURNING value), l AS (INSERT INTO "
        + changeLog
        + " (sequence, organization_id, version, kind, actor, at, changed_fields, sponsor_id)"
        + " SELECT c.value, ?::text, ?::bigint, ?::text, ?::text, ?::timestamptz, ?::text[],"
        + " ?::text FROM c RETURNING sequence) SELECT pg_notify('"
        + channel()
        + "', sequence::text) FROM l";
  }

  /**
   * The {@code LISTEN/NOTIFY} channel on which each committed write announces its sequence: {@code
   * changes_} and the schema's name, within PostgreSQL's 63 characters.
   */
  String channel() {
    String channel = "changes_" + schema.name();
    return channel.length() > 63 ? channel.substring(0, 63) : channel;
  }

  /** Binds the record of {@link #logTail} from parameter {@code at}. */
  private static void bindChange(
      Connection c,
      PreparedStatement s,
      int at,
      AuditEvent change,
      OrganizationId id,
      Version version)
      throws SQLException {
    s.setString(at, id.toString());
    s.setLong(at + 1, version.value());
    s.setString(at + 2, change.kind().name());
    s.setString(at + 3, change.actor().toString());
    s.setTimestamp(at + 4, Timestamp.from(change.at()));
    s.setArray(at + 5, c.createArrayOf("text", change.changedFields().toArray()));
    s.setString(at + 6, change.sponsor().map(Sponsor::id).orElse(null));
  }

  /**
   * Runs a write statement; whether it returned a row. A key another organization holds is {@link
   * KeyTaken}, naming the organizations whose keys the statement inserts.
   */
  private static boolean returnsRow(PreparedStatement s, List<ConnectedOrganization> writers)
      throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      return r.next();
    } catch (SQLException e) {
      if (isUniqueViolation(e, "identity_source_key_unique")) {
        throw new KeyTaken(writers);
      }
      throw e;
    }
  }

  /** Organizations per statement of {@link #createAll}: large enough to amortise a round trip. */
  private static final int CHUNK = 1_000;

  /**
   * Creates many organizations in one transaction — all of them, or, when one is refused, none —
   * each with its change record ({@link AuditEvent.Kind#CREATED} by its {@code createdBy} at its
   * {@code createdAt}, R-LOG-1): the bulk import path. Rows go in {@value #CHUNK} organizations to
   * a statement, through {@code unnest} of arrays, several times faster than one {@link #create}
   * each. The whole import holds the change counter only for its last statements, so other writers
   * wait for its commit, not for its length.
   *
   * @param organizations the organizations, each at version 1
   * @return the stored organizations, in the order given
   * @throws ValidationException on field {@code organizations[i].version} when one is not at
   *     version 1, before anything is written
   * @throws DuplicateOrganizationException when an id is given twice or is already stored
   * @throws IdentitySourceConflictException when a key is given twice, naming the first holder, or
   *     is held by a stored organization, naming it
   * @throws PortFailureException when the database fails
   */
  public List<ConnectedOrganization> createAll(Collection<ConnectedOrganization> organizations) {
    List<ConnectedOrganization> orgs = List.copyOf(organizations);
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
    if (orgs.isEmpty()) {
      return orgs;
    }
    return write(
        "createAll",
        true,
        c -> {
          for (int from = 0; from < orgs.size(); from += CHUNK) {
            insertChunk(c, orgs.subList(from, Math.min(orgs.size(), from + CHUNK)));
          }
          long last = bumpCounter(c, orgs.size());
          try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, channel());
            s.setString(2, Long.toString(last));
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

  /** Inserts a chunk of new organizations with their sources and sponsors, a statement a table. */
  private void insertChunk(Connection c, List<ConnectedOrganization> orgs) throws SQLException {
    int n = orgs.size();
    String[][] rows = new String[12][n];
    for (int i = 0; i < n; i++) {
      ConnectedOrganization org = orgs.get(i);
      rows[0][i] = org.id().toString();
      rows[1][i] = Long.toString(org.version().value());
      rows[2][i] = org.displayName();
      rows[3][i] = org.displayName().toLowerCase(Locale.ROOT);
      rows[4][i] = org.description().orElse(null);
      rows[5][i] = org.state().name();
      rows[6][i] = org.createdAt().toString();
      rows[7][i] = org.createdBy().toString();
      rows[8][i] = org.modifiedAt().toString();
      rows[9][i] = org.modifiedBy().toString();
      rows[10][i] = literal(sourceParts(org));
      rows[11][i] = literal(sponsorParts(org));
    }
    Set<String> inserted = new java.util.HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + organization
                + " ("
                + COLUMNS
                + ") SELECT "
                // the parts travel as array literals in a text column, each cast back here
                + COLUMNS
                    .replace("source_parts", "source_parts::text[]")
                    .replace("sponsor_parts", "sponsor_parts::text[]")
                + " FROM "
                + unnest(
                    "text, bigint, text, text, text, text, timestamptz, text, timestamptz, text,"
                        + " text, text")
                + " AS u ("
                + COLUMNS
                + ") ON CONFLICT (id) DO NOTHING RETURNING id")) {
      bind(c, s, 1, rows);
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
        c.prepareStatement("WITH o AS (SELECT 1)" + insertParts("o") + " SELECT 1")) {
      bindParts(c, s, 1, orgs);
      returnsRow(s, orgs);
    }
  }

  private static void addSponsorRows(
      List<String[]> rows, ConnectedOrganization org, String side, Set<Sponsor> sponsors) {
    int position = 0;
    for (Sponsor sp : sponsors) {
      rows.add(
          new String[] {
            org.id().toString(),
            side,
            Integer.toString(position++),
            sp.id(),
            sp.kind().name(),
            sp.displayName().orElse(null)
          });
    }
  }

  /** Writes the creation records of a chunk, numbered from {@code first}. */
  private void recordCreations(Connection c, List<ConnectedOrganization> orgs, long first)
      throws SQLException {
    List<String[]> rows = new ArrayList<>();
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
        c.prepareStatement(
            "INSERT INTO "
                + changeLog
                + " (sequence, organization_id, version, kind, actor, at, changed_fields)"
                + " SELECT *, '{}'::text[] FROM "
                + unnest("bigint, text, bigint, text, text, timestamptz"))) {
      bind(c, s, 1, columns(rows, 6));
      s.executeUpdate();
    }
  }

  /** {@code unnest(…)} of one text-array parameter a column, each cast to the column's type. */
  private static String unnest(String types) {
    return "unnest(?::text[]::" + types.replace(", ", "[], ?::text[]::") + "[]) ";
  }

  /** Binds each column's values as a text array, from parameter {@code at}; the next one. */
  private static int bind(Connection c, PreparedStatement s, int at, String[][] values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setArray(at + i, c.createArrayOf("text", values[i]));
    }
    return at + values.length;
  }

  /** Row-major rows to column-major arrays. */
  private static String[][] columns(List<String[]> rows, int width) {
    String[][] out = new String[width][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int column = 0; column < width; column++) {
        out[column][i] = rows.get(i)[column];
      }
    }
    return out;
  }

  /** Adds {@code count} to the counter row, locking it until the commit; the new value. */
  private long bumpCounter(Connection c, int count) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE " + changeCounter + " SET value = value + ? RETURNING value")) {
      s.setInt(1, count);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public List<ChangeRecord> changesAfter(long sequence, int limit) {
    if (sequence < 0) {
      throw new ValidationException("sequence", sequence, "is negative", "0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "is out of range", "1 to 10,000");
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT sequence, organization_id, version, kind, actor, at, changed_fields,"
                    + " sponsor_id FROM "
                    + changeLog
                    + " WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
      s.setLong(1, sequence);
      s.setInt(2, limit);
      List<ChangeRecord> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new ChangeRecord(
                  r.getLong(1),
                  OrganizationId.of(r.getString(2)),
                  Version.of(r.getLong(3)),
                  AuditEvent.Kind.valueOf(r.getString(4)),
                  actor(r.getString(5)),
                  r.getTimestamp(6).toInstant(),
                  Set.of(strings(r, 7)),
                  Optional.ofNullable(r.getString(8))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new PortFailureException("PostgresOrganizationStore.changesAfter", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public long lastSequence() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT value FROM " + changeCounter);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new PortFailureException("PostgresOrganizationStore.lastSequence", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public int pruneChangesThrough(long sequence) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM " + changeLog + " WHERE sequence <= ?")) {
      s.setLong(1, sequence);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new PortFailureException("PostgresOrganizationStore.pruneChangesThrough", e);
    }
  }

  /** Why a conditional write touched no row: the organization is gone, or at another version. */
  private RuntimeException missedVersion(Connection c, OrganizationId id, Version expected)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT version FROM " + organization + " WHERE id = ?")) {
      s.setString(1, id.toString());
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? new StaleVersionException(id, expected, Version.of(r.getLong(1)))
            : new OrganizationNotFoundException(id);
      }
    }
  }

  /** Binds the organization's row to parameters 1 to 12, in the order of {@link #COLUMNS}. */
  private static void bindOrganization(PreparedStatement s, ConnectedOrganization org)
      throws SQLException {
    s.setString(1, org.id().toString());
    s.setLong(2, org.version().value());
    s.setString(3, org.displayName());
    s.setString(4, org.displayName().toLowerCase(Locale.ROOT));
    s.setString(5, org.description().orElse(null));
    s.setString(6, org.state().name());
    s.setTimestamp(7, Timestamp.from(org.createdAt()));
    s.setString(8, org.createdBy().toString());
    s.setTimestamp(9, Timestamp.from(org.modifiedAt()));
    s.setString(10, org.modifiedBy().toString());
    s.setString(11, literal(sourceParts(org)));
    s.setString(12, literal(sponsorParts(org)));
  }

  /** The organization's {@code source_parts}: {@value #SOURCE_PARTS} elements a source. */
  private static @Nullable String[] sourceParts(ConnectedOrganization org) {
    List<@Nullable String> out = new ArrayList<>();
    for (IdentitySource src : org.identitySources()) {
      String[] row = sourceRow(src);
      out.addAll(java.util.Arrays.asList(row).subList(1, 1 + SOURCE_PARTS));
    }
    return out.toArray(new String[0]);
  }

  /**
   * The organization's {@code sponsor_parts}: {@value #SPONSOR_PARTS} elements a sponsor, its row
   * in {@code sponsor} without the organization and the position.
   */
  private static @Nullable String[] sponsorParts(ConnectedOrganization org) {
    List<String[]> rows = new ArrayList<>();
    addSponsorRows(rows, org, "INTERNAL", org.internalSponsors());
    addSponsorRows(rows, org, "EXTERNAL", org.externalSponsors());
    List<@Nullable String> out = new ArrayList<>();
    for (String[] row : rows) {
      out.addAll(java.util.Arrays.asList(row[1], row[3], row[4], row[5]));
    }
    return out.toArray(new String[0]);
  }

  /**
   * A PostgreSQL array literal of text elements: each quoted, with {@code "} and {@code \} escaped,
   * and {@code NULL} for null.
   */
  static String literal(@Nullable String[] elements) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String e = elements[i];
      if (e == null) {
        out.append("NULL");
      } else {
        out.append('"').append(e.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return out.append('}').toString();
  }

  /**
   * A source's columns after the organization and position, as text: key, kind, tenant id, cloud,
   * domain, issuer, provider, display name.
   */
  private static @Nullable String[] sourceRow(IdentitySource src) {
    return new @Nullable String[] {
      src.key().toString(),
      src.kind().name(),
      src instanceof EntraTenant t ? t.tenantId().value().toString() : null,
      src instanceof EntraTenant t ? t.cloud().name() : null,
      src instanceof EmailDomain e
          ? e.domainName().ascii()
          : src instanceof Federation f ? f.domainName().ascii() : null,
      src instanceof Federation f ? f.issuerUri().toString() : null,
      src instanceof SocialProvider p ? p.provider().name() : null,
      src.displayName()
    };
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
  private static final class KeyTaken extends RuntimeException {
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
    Map<String, String> holders = new HashMap<>();
    List<String> keys = new ArrayList<>();
    writers.forEach(w -> w.identitySources().forEach(src -> keys.add(src.key().toString())));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT source_key, organization_id FROM "
                    + source
                    + " WHERE source_key = ANY (?::text[])")) {
      s.setArray(1, c.createArrayOf("text", keys.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          holders.put(r.getString(1), r.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new PortFailureException("PostgresOrganizationStore.findByKey", e);
    }
    for (ConnectedOrganization writer : writers) {
      for (IdentitySource src : writer.identitySources()) {
        String holder = holders.get(src.key().toString());
        if (holder != null && !holder.equals(writer.id().toString())) {
          Optional<ConnectedOrganization> held = get(OrganizationId.of(holder));
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

  /** One step of work in a connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** The host's data source, for the live index's listening connection. */
  DataSource dataSource() {
    return dataSource;
  }

  /**
   * The organizations with these ids that exist, read in one statement: one snapshot.
   *
   * @throws PortFailureException when the database fails
   */
  List<ConnectedOrganization> getAll(Collection<OrganizationId> ids) {
    return read(
        "getAll",
        selectWhole + " WHERE o.id = ANY (?::text[])",
        List.of((Object) ids.stream().map(OrganizationId::toString).toArray(String[]::new)));
  }

  /**
   * Streams every organization's row to {@code sink} from one snapshot, a thousand rows at a time,
   * and returns the sequence of the last change that snapshot holds: applying the records after it
   * brings a copy up to date (R-IDX-1). The sink builds the organizations ({@link
   * #organizationOf(Row)}), on other threads if it likes.
   *
   * @throws PortFailureException when the database fails
   */
  long loadAll(Consumer<Row> sink) {
    try (Connection c = dataSource.getConnection()) {
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false); // a cursor, not the whole result in memory
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot
      try {
        long sequence;
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM " + changeCounter);
            ResultSet r = s.executeQuery()) {
          r.next();
          sequence = r.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement(selectWhole)) {
          s.setFetchSize(1_000);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              sink.accept(rowOf(r));
            }
          }
        }
        c.commit();
        return sequence;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new PortFailureException("PostgresOrganizationStore.loadAll", e);
    }
  }

  /**
   * The organizations one {@link #selectWhole} statement returns: one round trip, and, as one
   * statement, one snapshot of each organization with its sources and sponsors.
   */
  private List<ConnectedOrganization> read(String operation, String sql, List<?> args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      List<ConnectedOrganization> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(organizationOf(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new PortFailureException("PostgresOrganizationStore." + operation, e);
    }
  }

  /**
   * Runs {@code work}: in one transaction when it runs several statements, in autocommit when it
   * runs one. A key another organization holds rolls it back and is reported naming that holder;
   * when the holder let the key go in the meantime (a delete or an update committed between the
   * two), the write is tried again, a few times at most.
   */
  private <T> T write(String operation, boolean transaction, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      List<ConnectedOrganization> writers;
      try (Connection c = dataSource.getConnection()) {
        if (!transaction) {
          try {
            return work.run(c);
          } catch (KeyTaken e) {
            writers = e.writers;
          }
        } else {
          c.setAutoCommit(false);
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (KeyTaken e) {
            c.rollback();
            writers = e.writers;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        }
      } catch (SQLException e) {
        throw new PortFailureException("PostgresOrganizationStore." + operation, e);
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
}
