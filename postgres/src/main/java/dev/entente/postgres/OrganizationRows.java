package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The row codec: an organization to the columns and rows of the store's tables and back, and a
 * change record to the change log's columns. Times travel as {@code java.time} values ({@link
 * OffsetDateTime} in UTC), never {@code java.sql.Timestamp}, whose Julian calendar shifts instants
 * before 1582 by days; so every instant the model accepts reads back equal.
 */
final class OrganizationRows {
  /** Elements a source takes in {@code source_parts}: {@link #sourceRow} without its key. */
  private static final int SOURCE_PARTS = 7;

  /** Elements a sponsor takes in {@code sponsor_parts}: side, directory id, kind, display name. */
  private static final int SPONSOR_PARTS = 4;

  private OrganizationRows() {}

  /** The columns of a {@link Tables#selectWhole} row, read but not yet checked and built. */
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

  /**
   * The current row of a {@link Tables#selectWhole} query: the cheap part, on the reading thread.
   */
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

  /** The organization of the current row of a {@link Tables#selectWhole} query. */
  static ConnectedOrganization organizationOf(ResultSet r) throws SQLException {
    return organizationOf(rowOf(r));
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
  static String[] strings(ResultSet r, int column) throws SQLException {
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
    return switch (IdentitySource.Kind.valueOf(kind)) {
      case ENTRA_TENANT ->
          EntraTenant.of(
              TenantId.of(requireNonNull(tenant)), Cloud.valueOf(requireNonNull(cloud)), name);
      case FEDERATION ->
          Federation.of(
              DomainName.of(requireNonNull(domain)), IssuerUri.of(requireNonNull(issuer)), name);
      case EMAIL_DOMAIN -> EmailDomain.of(DomainName.of(requireNonNull(domain)), name);
      case SOCIAL_PROVIDER ->
          SocialProvider.builder()
              .provider(AccountProvider.valueOf(requireNonNull(provider)))
              .displayName(name)
              .build();
    };
  }

  /** The actor of its text in a row ({@link Actor#toString()}). */
  static Actor actor(String text) {
    if (text.equals("system")) {
      return Actor.system();
    }
    int colon = text.indexOf(':');
    String id = text.substring(colon + 1);
    return text.startsWith("application:") ? Actor.application(id) : Actor.administrator(id);
  }

  /** An instant as the driver binds a {@code timestamptz}: a {@code java.time} value in UTC. */
  static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  /**
   * Binds the organization's row, of {@code directory}, to parameters 1 to 13, in the order of
   * {@link Tables#COLUMNS}.
   */
  static void bind(PreparedStatement s, String directory, ConnectedOrganization org)
      throws SQLException {
    s.setString(1, directory);
    s.setString(2, org.id().toString());
    s.setLong(3, org.version().value());
    s.setString(4, org.displayName());
    s.setString(5, org.displayName().toLowerCase(Locale.ROOT));
    s.setString(6, org.description().orElse(null));
    s.setString(7, org.state().name());
    s.setObject(8, utc(org.createdAt()));
    s.setString(9, org.createdBy().toString());
    s.setObject(10, utc(org.modifiedAt()));
    s.setString(11, org.modifiedBy().toString());
    s.setString(12, literal(sourceParts(org)));
    s.setString(13, literal(sponsorParts(org)));
  }

  /**
   * The organization's row as text, in the order of {@link Tables#COLUMNS}, for bulk statements
   * that cast each column from a text array; times in ISO-8601, which PostgreSQL reads in the same
   * proleptic Gregorian calendar as {@code java.time}.
   */
  static @Nullable String[] textRow(ConnectedOrganization org) {
    return new @Nullable String[] {
      org.id().toString(),
      Long.toString(org.version().value()),
      org.displayName(),
      org.displayName().toLowerCase(Locale.ROOT),
      org.description().orElse(null),
      org.state().name(),
      org.createdAt().toString(),
      org.createdBy().toString(),
      org.modifiedAt().toString(),
      org.modifiedBy().toString(),
      literal(sourceParts(org)),
      literal(sponsorParts(org))
    };
  }

  /**
   * Binds the change record of {@link Tables#logTail} from parameter {@code at}: the change's
   * directory, the organization, its version, and the change's kind, actor, time, changed fields
   * and sponsor.
   */
  static void bindChange(
      Connection c,
      PreparedStatement s,
      int at,
      String directory,
      AuditEvent change,
      OrganizationId id,
      Version version)
      throws SQLException {
    s.setString(at, directory);
    s.setString(at + 1, id.toString());
    s.setLong(at + 2, version.value());
    s.setString(at + 3, change.kind().name());
    s.setString(at + 4, change.actor().toString());
    s.setObject(at + 5, utc(change.at()));
    s.setArray(at + 6, c.createArrayOf("text", change.changedFields().toArray()));
    s.setString(at + 7, change.sponsor().map(Sponsor::id).orElse(null));
  }

  /**
   * Binds the parts of {@link Tables#insertParts} — the directory, the source rows of {@code orgs}
   * one text array a column, the directory, their sponsor rows — from parameter {@code at}; the
   * next parameter.
   */
  static int bindParts(
      Connection c,
      PreparedStatement s,
      int at,
      String directory,
      Collection<ConnectedOrganization> orgs)
      throws SQLException {
    List<@Nullable String[]> sources = new ArrayList<>();
    List<@Nullable String[]> sponsors = new ArrayList<>();
    for (ConnectedOrganization org : orgs) {
      sources.addAll(sourceRows(org));
      sponsors.addAll(sponsorRows(org));
    }
    s.setString(at, directory);
    int next = bindColumns(c, s, at + 1, sources, 10);
    s.setString(next, directory);
    return bindColumns(c, s, next + 1, sponsors, 6);
  }

  /**
   * Binds row-major {@code rows} of {@code width} columns as one text array a column, from
   * parameter {@code at}; the next parameter.
   */
  static int bindColumns(
      Connection c, PreparedStatement s, int at, List<@Nullable String[]> rows, int width)
      throws SQLException {
    for (int column = 0; column < width; column++) {
      @Nullable String[] values = new String[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rows.get(i)[column];
      }
      s.setArray(at + column, c.createArrayOf("text", values));
    }
    return at + width;
  }

  /** The organization's rows in the source table, in {@link Tables#SOURCE_COLUMNS}' order. */
  static List<@Nullable String[]> sourceRows(ConnectedOrganization org) {
    List<@Nullable String[]> rows = new ArrayList<>();
    int position = 0;
    for (IdentitySource src : org.identitySources()) {
      @Nullable String[] parts = sourceRow(src);
      @Nullable String[] row = new String[10];
      row[0] = parts[0];
      row[1] = org.id().toString();
      row[2] = Integer.toString(position++);
      System.arraycopy(parts, 1, row, 3, SOURCE_PARTS);
      rows.add(row);
    }
    return rows;
  }

  /** The organization's rows in the sponsor table, in {@link Tables#SPONSOR_COLUMNS}' order. */
  static List<@Nullable String[]> sponsorRows(ConnectedOrganization org) {
    List<@Nullable String[]> rows = new ArrayList<>();
    addSponsorRows(rows, org, "INTERNAL", org.internalSponsors());
    addSponsorRows(rows, org, "EXTERNAL", org.externalSponsors());
    return rows;
  }

  private static void addSponsorRows(
      List<@Nullable String[]> rows,
      ConnectedOrganization org,
      String side,
      Set<Sponsor> sponsors) {
    int position = 0;
    for (Sponsor sp : sponsors) {
      rows.add(
          new @Nullable String[] {
            org.id().toString(),
            side,
            Integer.toString(position++),
            sp.id(),
            sp.kind().name(),
            sp.displayName().orElse(null)
          });
    }
  }

  /** The organization's {@code source_parts}: {@value #SOURCE_PARTS} elements a source. */
  private static @Nullable String[] sourceParts(ConnectedOrganization org) {
    List<@Nullable String> out = new ArrayList<>();
    for (IdentitySource src : org.identitySources()) {
      out.addAll(Arrays.asList(sourceRow(src)).subList(1, 1 + SOURCE_PARTS));
    }
    return out.toArray(new String[0]);
  }

  /**
   * The organization's {@code sponsor_parts}: {@value #SPONSOR_PARTS} elements a sponsor, its row
   * in the sponsor table without the organization and the position.
   */
  private static @Nullable String[] sponsorParts(ConnectedOrganization org) {
    List<@Nullable String> out = new ArrayList<>();
    for (@Nullable String[] row : sponsorRows(org)) {
      out.addAll(Arrays.asList(row[1], row[3], row[4], row[5]));
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
    @Nullable String tenant = null;
    @Nullable String cloud = null;
    @Nullable String issuer = null;
    @Nullable String provider = null;
    switch (src.kind()) {
      case ENTRA_TENANT -> {
        EntraTenant t = (EntraTenant) src;
        tenant = t.tenantId().value().toString();
        cloud = t.cloud().name();
      }
      case FEDERATION -> issuer = ((Federation) src).issuerUri().toString();
      case SOCIAL_PROVIDER -> provider = ((SocialProvider) src).provider().name();
      case EMAIL_DOMAIN -> {}
    }
    return new @Nullable String[] {
      src.key().toString(),
      src.kind().name(),
      tenant,
      cloud,
      src.domain().map(DomainName::ascii).orElse(null),
      issuer,
      provider,
      src.displayName()
    };
  }
}
