package dev.entente.postgres;

/**
 * The SQL text of the store, for one schema: its tables' qualified names and the statements and
 * fragments that more than one part of the store uses. Every value is bound as a parameter; only
 * the schema's name, checked by {@link PostgresSchema#named}, is ever spliced in.
 */
final class Tables {
  /** The organization row's columns, bound by {@link OrganizationRows#bind} in this order. */
  static final String COLUMNS =
      "id, version, display_name, display_name_lower, description, state, created_at, created_by,"
          + " modified_at, modified_by, source_parts, sponsor_parts";

  /** The placeholders of {@link #COLUMNS}. */
  static final String PLACEHOLDERS =
      "?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?, ?::text[], ?::text[]";

  /** The source table's columns, in the order of {@link OrganizationRows#sourceRows}'s rows. */
  static final String SOURCE_COLUMNS =
      "source_key, organization_id, position, kind, tenant_id, cloud, domain_name, issuer_uri,"
          + " provider, display_name";

  static final String SOURCE_TYPES =
      "text, text, integer, text, uuid, text, text, text, text, text";

  /** The sponsor table's columns, in the order of {@link OrganizationRows#sponsorRows}'s rows. */
  static final String SPONSOR_COLUMNS =
      "organization_id, side, position, directory_id, kind, display_name";

  static final String SPONSOR_TYPES = "text, text, integer, text, text, text";

  /** The columns of {@link #selectWhole}, of organization {@code o}. */
  static final String WHOLE =
      "o.id, o.version, o.display_name, o.description, o.state, o.created_at, o.created_by,"
          + " o.modified_at, o.modified_by, o.source_parts, o.sponsor_parts";

  final PostgresSchema schema;
  final String organization;
  final String source;
  final String sponsor;
  final String changeLog;
  final String changeCounter;

  /**
   * One organization a row, with its sources and sponsors in the row's own arrays: one index
   * lookup, one snapshot. {@link OrganizationRows#rowOf} reads its columns.
   */
  final String selectWhole;

  /**
   * The {@code LISTEN/NOTIFY} channel on which each committed write announces its sequence: {@code
   * changes_} and the schema's name, within PostgreSQL's 63 characters.
   */
  final String channel;

  Tables(PostgresSchema schema) {
    this.schema = schema;
    this.organization = schema.quoted() + ".organization";
    this.source = schema.quoted() + ".identity_source";
    this.sponsor = schema.quoted() + ".sponsor";
    this.changeLog = schema.quoted() + ".change_log";
    this.changeCounter = schema.quoted() + ".change_counter";
    this.selectWhole = "SELECT " + WHOLE + " FROM " + organization + " o";
    String name = "changes_" + schema.name();
    this.channel = name.length() > 63 ? name.substring(0, 63) : name;
  }

  /** The statement of a read by id, one parameter: the id. */
  String byId() {
    return selectWhole + " WHERE o.id = ?";
  }

  /** The statement of a read by key, one parameter: the key's text. */
  String byKey() {
    return selectWhole
        + " WHERE o.id = (SELECT organization_id FROM "
        + source
        + " WHERE source_key = ?)";
  }

  /**
   * The second statement of a change feed's look, one parameter: the ids of the organizations the
   * records name. The last sequence its snapshot holds — the log's greatest, read from its primary
   * key, or the counter when the log was pruned empty (the counter's one row, updated by every
   * write, is slower to read) — joined to each of those organizations that exist, looked up by
   * primary key: the columns of {@link #selectWhole}, then that sequence; one row of nulls and the
   * sequence when none exists.
   */
  String statesAt() {
    return "SELECT "
        + WHOLE
        + ", s.value FROM (SELECT COALESCE((SELECT max(sequence) FROM "
        + changeLog
        + "), (SELECT value FROM "
        + changeCounter
        + ")) AS value) s LEFT JOIN LATERAL ("
        + selectWhole
        + " WHERE o.id = ANY (?::text[])) o ON true";
  }

  /**
   * Common table expressions inserting the sources and the sponsors of organizations, bound by
   * {@link OrganizationRows#bindParts}, when the expression {@code gate} has a row.
   */
  String insertParts(String gate) {
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

  /**
   * The end of a write statement that records the change when the expression {@code gate} has a
   * row, bound by {@link OrganizationRows#bindChange}: it bumps the counter row, whose lock it then
   * holds until the commit, so that sequences become visible in commit order (R-LOG-2), and
   * notifies {@link #channel} with the sequence — delivered at the commit, never for a write rolled
   * back. It returns one row when it recorded: the record's sequence.
   */
  String logTail(String gate) {
    return ", c AS (UPDATE "
        + changeCounter
        + " SET value = value + 1 WHERE EXISTS (SELECT FROM "
        + gate
        + ") RETURNING value), l AS (INSERT INTO "
        + changeLog
        + " (sequence, organization_id, version, kind, actor, at, changed_fields, sponsor_id)"
        + " SELECT c.value, ?::text, ?::bigint, ?::text, ?::text, ?::timestamptz, ?::text[],"
        + " ?::text FROM c RETURNING sequence) SELECT sequence, pg_notify('"
        + channel
        + "', sequence::text) FROM l";
  }

  /** {@code unnest(…)} of one text-array parameter a column, each cast to the column's type. */
  static String unnest(String types) {
    return "unnest(?::text[]::" + types.replace(", ", "[], ?::text[]::") + "[]) ";
  }
}
