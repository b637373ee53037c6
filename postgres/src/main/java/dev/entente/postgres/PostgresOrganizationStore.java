package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.HostTransactions;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An {@link OrganizationStore} on PostgreSQL, over the host's {@link DataSource} (any pool): every
 * write is one transaction, conditional on the version, and the unique index on the identity-source
 * key column alone keeps a key with one organization across every instance (R-SRC-2). It passes
 * {@code OrganizationStoreContract}, races included.
 *
 * <h2>Host directories (R-DIR-1, R-DIR-2, R-DIR-5)</h2>
 *
 * <p>One schema holds every directory: the column {@code host_directory} leads every primary key,
 * unique constraint and foreign key, and every statement of a store names its directory. A store
 * made by {@link #of} reads and writes {@link HostDirectory#DEFAULT}; {@link #inDirectory} gives
 * the store of another directory, on the same data source. Each directory has its own change
 * counter row, so writes in two directories never wait on each other and each numbers its changes
 * from 1, without gaps; {@link #directories} lists the directories ever written to.
 *
 * <pre>{@code
 * PostgresSchema.migrate(dataSource);                     // or run the shipped scripts yourself
 * Entente entente = Entente.builder().store(PostgresOrganizationStore.of(dataSource)).build();
 * }</pre>
 *
 * <h2>Connections (R-LOG-3)</h2>
 *
 * <p>A write is a transaction of the store's own, committed before the write returns — a create or
 * a delete one statement in autocommit (one round trip), an update or an import a transaction —
 * whatever state the pool hands the connection out in: autocommit on or off (HikariCP's {@code
 * setAutoCommit(false)}), read-only or not. The connection goes back with the autocommit and
 * read-only settings it came with.
 *
 * <h2>The host's transaction (R-LOG-4)</h2>
 *
 * <p>A store made {@link #joining joining} the host's transactions (the Spring Boot starter makes
 * it so over Spring's) writes inside the one current on the calling thread: on its connection,
 * inside a savepoint, committed or rolled back with the host's work, and Entente acts on the write
 * (replica, audit, listeners) only after the host's commit. A connection that arrives inside a
 * transaction the host began but did not declare — a Spring transaction-aware proxy given to a
 * store that does not join — is refused with {@link HostTransactionException} before anything is
 * sent on it, since the store could neither commit the write at once nor hear of the host's commit.
 * A serialization failure or a deadlock (a pool handing out serializable connections) is rolled
 * back and tried again within the timeout. A read runs on the connection as it comes, inside a host
 * transaction too; a transaction the read opened is rolled back.
 *
 * <h2>Bounded waits</h2>
 *
 * <p>Every statement of a write runs under a timeout ({@value #DEFAULT_WRITE_TIMEOUT_SECONDS}
 * seconds unless {@link #withWriteTimeout} says otherwise; JDBC's query timeout, so the driver
 * cancels it): a write blocked behind another transaction — one holding the change counter, a
 * migration's lock — fails with a {@link PortFailureException} whose cause is a {@link
 * java.sql.SQLTimeoutException}, and nothing is written. Reads wait on no row lock in PostgreSQL
 * and are not bounded by it. The wait for a connection is the pool's (HikariCP's {@code
 * connectionTimeout}); a dead peer is the driver's ({@code socketTimeout}): see the README for the
 * settings a host should give.
 *
 * <h2>Errors</h2>
 *
 * <p>Refusals are the SPI's typed exceptions; anything else the database does — a lost connection,
 * a timeout, a serialization failure that kept failing — is a {@link PortFailureException} with the
 * {@link java.sql.SQLException} as its cause, never a raw {@code SQLException}, and never a
 * half-written organization: a failed transaction is rolled back. A failure of the commit itself
 * leaves the outcome unknown (the change log says which). All SQL is parameterised; {@code LIKE}
 * patterns escape {@code %}, {@code _} and {@code \}.
 */
public final class PostgresOrganizationStore
    implements OrganizationStore, OrganizationStores, ChangeLog {
  /** The write timeout, in seconds, of a store made by {@link #of}. */
  public static final int DEFAULT_WRITE_TIMEOUT_SECONDS = 10;

  private final PostgresSchema schema;
  private final HostDirectory directory;
  private final Connections connections;
  private final Tables tables;
  private final OrganizationReads reads;
  private final OrganizationWrites writes;
  private final ChangeLogTable changeLog;
  private final BulkImport bulkImport;

  private PostgresOrganizationStore(
      DataSource dataSource,
      PostgresSchema schema,
      HostDirectory directory,
      Duration timeout,
      HostTransactions transactions) {
    this.schema = requireNonNull(schema, "schema");
    this.directory = requireNonNull(directory, "directory");
    this.connections = new Connections(dataSource, timeout, transactions);
    this.tables = new Tables(schema);
    this.reads = new OrganizationReads(connections, tables, directory);
    this.writes = new OrganizationWrites(connections, tables, reads, directory);
    this.changeLog = new ChangeLogTable(connections, tables, directory);
    this.bulkImport = new BulkImport(connections, tables, writes, directory);
  }

  /**
   * The store of {@link HostDirectory#DEFAULT} in the schema {@value PostgresSchema#DEFAULT}.
   *
   * @param dataSource the host's data source
   * @return the store
   */
  public static PostgresOrganizationStore of(DataSource dataSource) {
    return of(dataSource, PostgresSchema.standard());
  }

  /**
   * The store of {@link HostDirectory#DEFAULT} in {@code schema}.
   *
   * @param dataSource the host's data source
   * @param schema the schema its tables are in
   * @return the store
   */
  public static PostgresOrganizationStore of(DataSource dataSource, PostgresSchema schema) {
    return new PostgresOrganizationStore(
        dataSource,
        schema,
        HostDirectory.DEFAULT,
        Duration.ofSeconds(DEFAULT_WRITE_TIMEOUT_SECONDS),
        HostTransactions.none());
  }

  /**
   * The store of {@code directory}: the same data source, schema, write timeout and host
   * transactions, reading and writing that directory only (R-DIR-1).
   *
   * @param directory the directory
   * @return its store
   */
  @Override
  public PostgresOrganizationStore inDirectory(HostDirectory directory) {
    return directory.equals(this.directory)
        ? this
        : new PostgresOrganizationStore(
            connections.dataSource(),
            schema,
            directory,
            connections.writeTimeout(),
            connections.transactions());
  }

  /** {@return the directory this store reads and writes} */
  @Override
  public HostDirectory directory() {
    return directory;
  }

  /**
   * {@inheritDoc} One index range scan of the directories' counters.
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
    requireNonNull(after, "after");
    OrganizationStores.checkLimit(limit);
    return connections.read(
        "directories",
        c -> {
          try (java.sql.PreparedStatement s =
              c.prepareStatement(
                  "SELECT host_directory FROM "
                      + tables.directoryCounter
                      + " WHERE host_directory > ? ORDER BY host_directory LIMIT ?")) {
            s.setString(1, after.map(HostDirectory::value).orElse(""));
            s.setInt(2, limit);
            List<HostDirectory> out = new ArrayList<>();
            try (java.sql.ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(HostDirectory.of(r.getString(1)));
              }
            }
            return out;
          }
        });
  }

  /**
   * This store with another write timeout: how long one statement of a write may run or wait for a
   * lock before the driver cancels it and the write fails with a {@link PortFailureException},
   * nothing written.
   *
   * @param writeTimeout whole seconds (JDBC's query timeout counts seconds), from 1 second to 1
   *     hour
   * @return a store on the same data source and schema with this timeout
   * @throws ValidationException on field {@code writeTimeout} for any other duration
   */
  public PostgresOrganizationStore withWriteTimeout(Duration writeTimeout) {
    return new PostgresOrganizationStore(
        connections.dataSource(),
        schema,
        directory,
        Connections.checkedTimeout(writeTimeout),
        connections.transactions());
  }

  /**
   * This store, taking part in the host's transactions (R-LOG-4): while one of {@code transactions}
   * is current, a write runs on its connection — the organization, its audit record and its change
   * record commit or roll back with the host's work — and Entente holds back the write's effects
   * outside the database until the host's commit. The store's reads inside it run on its connection
   * too. Outside a host transaction the store commits each write itself, as always.
   *
   * <p>A write inside a host transaction holds its directory's change counter row lock until the
   * host commits (sequences become visible in commit order, R-LOG-2): keep such transactions short,
   * as every other Entente write in that directory waits for them, at most the write timeout; other
   * directories do not (R-DIR-2).
   *
   * @param transactions how the host declares its transactions ({@code HostTransactions.none()}:
   *     never joins)
   * @return a store on the same data source, schema and timeout that joins them
   */
  public PostgresOrganizationStore joining(HostTransactions transactions) {
    return new PostgresOrganizationStore(
        connections.dataSource(),
        schema,
        directory,
        connections.writeTimeout(),
        requireNonNull(transactions, "transactions"));
  }

  /** {@return the host transactions this store's writes join; none unless {@link #joining} said} */
  @Override
  public HostTransactions transactions() {
    return connections.transactions();
  }

  /**
   * The rule of {@link #withWriteTimeout}, for a front-end (the Spring Boot starter, the command)
   * that checks a setting before it builds a store and reports a refusal in its own terms.
   *
   * @param writeTimeout the timeout
   * @return {@code writeTimeout}, when a store can apply it
   * @throws ValidationException on field {@code writeTimeout} unless it is whole seconds from 1
   *     second to 1 hour (JDBC's query timeout counts seconds)
   */
  public static Duration validWriteTimeout(Duration writeTimeout) {
    return Connections.checkedTimeout(writeTimeout);
  }

  /**
   * The write timeout.
   *
   * @return how long one statement of a write may run or wait
   */
  public Duration writeTimeout() {
    return connections.writeTimeout();
  }

  /**
   * The schema the tables are in.
   *
   * @return the schema
   */
  public PostgresSchema schema() {
    return schema;
  }

  /** {@return the database the store writes to} */
  DataSource dataSource() {
    return connections.dataSource();
  }

  // ---------------------------------------------------------------------------------------------
  // reads

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    requireNonNull(id, "id");
    return reads.get(id);
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    requireNonNull(key, "key");
    return reads.findByKey(key.toString());
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return search(OrganizationQuery.all(), page);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    requireNonNull(query, "query");
    requireNonNull(page, "page");
    return reads.search(query, page);
  }

  // ---------------------------------------------------------------------------------------------
  // writes

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
    return created(org, change).organization();
  }

  /** {@link #create(ConnectedOrganization, AuditEvent)}, with the record's sequence. */
  ChangeFeed.Written created(ConnectedOrganization org, AuditEvent change) {
    OrganizationStore.checkDirectory(this, requireNonNull(change, "change"));
    requireNonNull(org, "organization");
    if (!org.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", org.version(), "is not the version of a new organization", "version 1");
    }
    return writes.create(org, change);
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
    return updated(next, change).organization();
  }

  /** {@link #update(ConnectedOrganization, AuditEvent)}, with the record's sequence. */
  ChangeFeed.Written updated(ConnectedOrganization next, AuditEvent change) {
    OrganizationStore.checkDirectory(this, requireNonNull(change, "change"));
    requireNonNull(next, "next");
    if (next.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", next.version(), "is not the version of an update", "at least 2");
    }
    return writes.update(next, change);
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
    deleted(id, expected, change);
  }

  /** {@link #delete(OrganizationId, Version, AuditEvent)}; the record's sequence. */
  long deleted(OrganizationId id, Version expected, AuditEvent change) {
    OrganizationStore.checkDirectory(this, requireNonNull(change, "change"));
    requireNonNull(id, "id");
    requireNonNull(expected, "expected");
    return writes.delete(id, expected, change);
  }

  /**
   * Creates many organizations in one transaction — all of them, or, when one is refused, none —
   * each with its change record ({@link AuditEvent.Kind#CREATED} by its {@code createdBy} at its
   * {@code createdAt}, R-LOG-1): the bulk import path. Rows go in 1,000 organizations to a
   * statement, through {@code unnest} of arrays, several times faster than one {@link #create}
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
   * @throws HostTransactionException when the data source hands out a connection inside a host
   *     transaction
   * @throws PortFailureException when the database fails or a statement outlasts the timeout
   */
  public List<ConnectedOrganization> createAll(Collection<ConnectedOrganization> organizations) {
    requireNonNull(organizations, "organizations");
    return bulkImport.createAll(organizations);
  }

  // ---------------------------------------------------------------------------------------------
  // the change log

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public List<ChangeRecord> changesAfter(long sequence, int limit) {
    ChangeLog.checkRange(sequence, limit);
    return changeLog.changesAfter(sequence, limit);
  }

  /**
   * The records after {@code sequence} with the state of the organizations they name, from one
   * snapshot: the change feed's one round trip.
   */
  ChangeFeed.Changes changesWithStates(long sequence, int limit) {
    ChangeLog.checkRange(sequence, limit);
    return changeLog.changes(sequence, limit);
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public long lastSequence() {
    return changeLog.lastSequence();
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails
   */
  @Override
  public int pruneChangesThrough(long sequence) {
    return changeLog.pruneThrough(sequence);
  }

  // ---------------------------------------------------------------------------------------------
  // for the change feed

  /** The store's connections. */
  Connections connections() {
    return connections;
  }

  /** The SQL text of this store's schema. */
  Tables tables() {
    return tables;
  }

  /**
   * Streams every organization's row to {@code sink} from one snapshot and returns the sequence of
   * the last change that snapshot holds (R-IDX-1).
   *
   * @throws PortFailureException when the database fails
   */
  long loadAll(Consumer<OrganizationRows.Row> sink) {
    return reads.loadAll(sink);
  }

  @Override
  public String toString() {
    return "PostgresOrganizationStore["
        + schema.name()
        + ", directory "
        + directory
        + ", write timeout "
        + writeTimeout()
        + "]";
  }
}
