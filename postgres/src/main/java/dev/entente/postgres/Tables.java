package dev.entente.postgres;

import org.jspecify.annotations.Nullable;

/**
 * The SQL text of the store, for one schema: its tables' qualified names and the statements and
 * fragments that more than one part of the store uses. Every value is bound as a parameter, the
 * host directory too, which every statement names (R-DIR-1); only the schema's name, checked by
 * {@link PostgresSchema#named}, is ever spliced in.
 */
final class Tables {
  /**
   * The organization row's own columns, after its directory, in {@link OrganizationRows}' order.
   */
  static final String ORGANIZATION_COLUMNS =
      "id, version, display_name, display_name_lower, description, state, created_at, created_by,"
          + " modified_at, modified_by, source_parts, sponsor_parts";

  /** The organization row's columns, bound by {@link OrganizationRows#bind} in this order. */
  static final String COLUMNS = "host_directory, " + ORGANIZATION_COLUMNS;

  /** The placeholders of {@link #COLUMNS}. */
  static final String PLACEHOLDERS =
      "?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?, ?::text[], ?::text[]";

  /**
   * The source table's columns after its directory, in the order of {@link
   * OrganizationRows#sourceRows}'s rows.
   */
  static final String SOURCE_COLUMNS =
      "source_key, organization_id, position, kind, tenant_id, cloud, domain_name, issuer_uri,"
          + " provider, display_name";

  static final String SOURCE_TYPES =
      "text, text, integer, text, uuid, text, text, text, text, text";

  /**
   * The sponsor table's columns after its directory, in the order of {@link
   * OrganizationRows#sponsorRows}'s rows.
   */
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
  final String directoryCounter;

  /**
   * One organization a row, with its sources and sponsors in the row's own arrays: one index
   * lookup, one snapshot. {@link OrganizationRows#rowOf} reads its columns.
   */
  final String selectWhole;

  /**
   * The {@code LISTEN/NOTIFY} channel on which each committed write announces its sequence and
   * directory ({@link #payload}): {@code changes_} and the schema's name, within PostgreSQL's 63
   * characters. One channel for every directory: one listening connection follows them all.
   */
  final String channel;

  Tables(PostgresSchema schema) {
    this.schema = schema;
    this.organization = schema.quoted() + ".organization";
    this.source = schema.quoted() + ".identity_source";
    this.sponsor = schema.quoted() + ".sponsor";
    this.changeLog = schema.quoted() + ".change_log";
    this.directoryCounter = schema.quoted() + ".directory_counter";
    this.selectWhole = "SELECT " + WHOLE + " FROM " + organization + " o";
    String name = "changes_" + schema.name();
    this.channel = name.length() > 63 ? name.substring(0, 63) : name;
  }

  /**
   * A notification's payload: the sequence, a space, the directory (whose identifier holds no
   * space), as {@link #logTail} and the bulk import send it.
   */
  static String payload(long sequence, String directory) {
    return sequence + " " + directory;
  }

  /** The directory a notification's payload names; null for a payload of another form. */
  static @Nullable String directoryOf(String payload) {
    int space = payload.indexOf(' ');
    return space < 0 ? null : payload.substring(space + 1);
  }

  /** The statement of a read by id, two parameters: the directory, the id. */
  String byId() {
    return selectWhole + " WHERE o.host_directory = ? AND o.id = ?";
  }

  /** The statement of a read by key, two parameters: the directory, the key's text. */
  String byKey() {
    return selectWhole
        + " WHERE (o.host_directory, o.id) = (SELECT host_directory, organization_id FROM "
        + source
        + " WHERE host_directory = ? AND source_key = ?)";
  }

  /** The last sequence of one directory, 0 when never written; one parameter: the directory. */
  String lastSequence() {
    return "SELECT COALESCE((SELECT value FROM "
        + directoryCounter
        + " WHERE host_directory = ?), 0)";
  }

  /**
   * The second statement of a change feed's look, four parameters: the directory three times, then
   * the ids of the organizations the records name. The directory's last sequence that the snapshot
   * holds — its log's greatest, read from the primary key, or its counter when the log was pruned
   * empty (the counter's row, updated by every write, is slower to read) — joined to each of those
   * organizations that exist, looked up by primary key: the columns of {@link #selectWhole}, then
   * that sequence; one row of nulls and the sequence when none exists.
   */
  String statesAt() {
    return "SELECT "
        + WHOLE
        + ", s.value FROM (SELECT COALESCE((SELECT max(sequence) FROM "
        + changeLog
        + " WHERE host_directory = ?), (SELECT value FROM "
        + directoryCounter
        + " WHERE host_directory = ?), 0) AS value) s LEFT JOIN LATERAL ("
        + selectWhole
        + " WHERE o.host_directory = ? AND o.id = ANY (?::text[])) o ON true";
  }

  /**
   * Common table expressions inserting the sources and the sponsors of organizations of one
   * directory, bound by {@link OrganizationRows#bindParts}, when the expression {@code gate} has a
   * row.
   */
  String insertParts(String gate) {
    return ", s AS (INSERT INTO "
        + source
        + " (host_directory, "
        + SOURCE_COLUMNS
        + ") SELECT ?::text, * FROM "
        + unnest(SOURCE_TYPES)
        + " WHERE EXISTS (SELECT FROM "
        + gate
        + ")), p AS (INSERT INTO "
        + sponsor
        + " (host_directory, "
        + SPONSOR_COLUMNS
        + ") SELECT ?::text, * FROM "
        + unnest(SPONSOR_TYPES)
        + " WHERE EXISTS (SELECT FROM "
        + gate
        + "))";
  }

  /**
   * The end of a write statement that records the change when the expression {@code gate} has a
   * row, bound by {@link OrganizationRows#bindChange}: it bumps its directory's counter row
   * (creating it at the directory's first write), whose lock it then holds until the commit, so
   * that the directory's sequences become visible in commit order, without gaps (R-LOG-2) — and
   * writes in other directories, with rows of their own, never wait for it (R-DIR-2); it notifies
   * {@link #channel} with the sequence and directory — delivered at the commit, never for a write
   * rolled back. It returns one row when it recorded: the record's sequence.
   */
  String logTail(String gate) {
    return ", c AS (INSERT INTO "
        + directoryCounter
        + " AS k (host_directory, value) SELECT ?::text, 1 WHERE EXISTS (SELECT FROM "
        + gate
        + ") ON CONFLICT (host_directory) DO UPDATE SET value = k.value + 1"
        + " RETURNING k.host_directory, k.value), l AS (INSERT INTO "
        + changeLog
        + " (host_directory, sequence, organization_id, version, kind, actor, at, changed_fields,"
        + " sponsor_id) SELECT c.host_directory, c.value, ?::text, ?::bigint, ?::text, ?::text,"
        + " ?::timestamptz, ?::text[], ?::text FROM c RETURNING host_directory, sequence)"
        + " SELECT sequence, pg_notify('"
        + channel
        + "', sequence::text || ' ' || host_directory) FROM l";
  }

  /** {@code unnest(…)} of one text-array parameter a column, each cast to the column's type. */
  static String unnest(String types) {
    return "unnest(?::text[]::" + types.replace(", ", "[], ?::text[]::") + "[]) ";
  }
}
