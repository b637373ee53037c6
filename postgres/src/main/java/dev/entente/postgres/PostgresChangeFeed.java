package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.OrganizationStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The {@link ChangeFeed} of a {@link PostgresOrganizationStore}, for its host directory: what
 * {@code LiveIndex} (in {@code entente-core}) keeps an instance's in-memory replica fresh from.
 *
 * <pre>{@code
 * try (LiveIndex live = LiveIndex.start(PostgresChangeFeed.of(store))) {
 *   Entente entente = Entente.builder().replica(live).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>A look is two short statements on one connection: the change records after a sequence, then
 * the organizations they name, each by primary key, with the last sequence of that statement's
 * snapshot (the log's greatest). The start-up snapshot streams every organization from one
 * repeatable-read transaction, a thousand rows at a time, and builds them on the common fork-join
 * pool beside the reading, at most eight batches at a time. Each write's statement returns the
 * sequence of the record it wrote. Every query but the snapshot's runs under the store's {@link
 * PostgresOrganizationStore#writeTimeout() write timeout}, so a live index closes within it even
 * behind a migration's table lock.
 *
 * <p>The signal is {@code LISTEN/NOTIFY}: every committed write notifies the schema's channel with
 * its sequence and directory, and the feed listens on one connection it holds from the store's data
 * source, in autocommit (put back as it came when the connection is returned). A dropped connection
 * is reported, and the next wait listens on a new one; listening anew signals a change, since one
 * may have been missed meanwhile. Where {@code LISTEN} does not work — PgBouncer in transaction
 * mode, a hot standby — use {@link #withNotifications withNotifications(false)}, and the index
 * polls only; where the database refuses it (CockroachDB), the feed falls back to that by itself,
 * with a warning. A feed wakes for its own directory's notifications only; for many directories,
 * {@link PostgresChangeFeeds} listens once for all.
 */
public final class PostgresChangeFeed implements ChangeFeed {
  /** Rows a loading task builds. */
  private static final int LOAD_BATCH = 1_000;

  /** Loading tasks queued or running at once. */
  private static final int LOAD_IN_FLIGHT = 8;

  private final PostgresOrganizationStore store;
  private final String directory;
  private final ChannelListener listener;

  private PostgresChangeFeed(PostgresOrganizationStore store, boolean notifications) {
    this.store = requireNonNull(store, "store");
    this.directory = store.directory().value();
    this.listener = new ChannelListener(store, notifications);
  }

  /**
   * The feed of {@code store}, signalled by {@code LISTEN/NOTIFY}.
   *
   * @param store the store
   * @return the feed
   */
  public static PostgresChangeFeed of(PostgresOrganizationStore store) {
    return new PostgresChangeFeed(store, true);
  }

  /**
   * This feed, listening for notifications or not: with {@code false} it holds no connection and
   * its signal never fires, so a live index over it polls only.
   *
   * @param enabled whether to listen
   * @return a feed of the same store
   */
  public PostgresChangeFeed withNotifications(boolean enabled) {
    return new PostgresChangeFeed(store, enabled);
  }

  @Override
  public OrganizationStore store() {
    return store;
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails or the query outlasts the write timeout
   */
  @Override
  public long lastSequence() {
    return store.lastSequence();
  }

  /**
   * {@inheritDoc} Two statements on one connection.
   *
   * @throws PortFailureException when the database fails or the query outlasts the write timeout
   */
  @Override
  public Changes changesAfter(long sequence, int limit) {
    return store.changesWithStates(sequence, limit);
  }

  /**
   * {@inheritDoc}
   *
   * @throws PortFailureException when the database fails, or a stored row is one the model refuses
   *     (the data is damaged)
   */
  @Override
  public long snapshot(Consumer<ConnectedOrganization> sink) {
    requireNonNull(sink, "sink");
    Semaphore inFlight = new Semaphore(LOAD_IN_FLIGHT);
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    List<OrganizationRows.Row> batch = new ArrayList<>(LOAD_BATCH);
    long sequence;
    try {
      sequence =
          store.loadAll(
              row -> {
                batch.add(row);
                if (batch.size() == LOAD_BATCH) {
                  pending.add(build(List.copyOf(batch), sink, inFlight));
                  batch.clear();
                }
              });
      pending.add(build(List.copyOf(batch), sink, inFlight));
    } catch (RuntimeException e) { // the read failed: the sink is done with when this returns
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
          .exceptionally(ignored -> null)
          .join();
      throw e;
    }
    try {
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
    } catch (CompletionException e) { // a stored row the model refuses: the data is damaged
      throw new PortFailureException(
          "PostgresChangeFeed.snapshot", e.getCause() instanceof Exception cause ? cause : e);
    }
    return sequence;
  }

  /** Builds a batch of rows on the common pool and hands them over, once a batch slot is free. */
  private static CompletableFuture<Void> build(
      List<OrganizationRows.Row> rows, Consumer<ConnectedOrganization> sink, Semaphore inFlight) {
    inFlight.acquireUninterruptibly();
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (OrganizationRows.Row row : rows) {
              sink.accept(OrganizationRows.organizationOf(row));
            }
          } finally {
            inFlight.release();
          }
        });
  }

  @Override
  public Written create(ConnectedOrganization organization, AuditEvent change) {
    return store.created(organization, change);
  }

  @Override
  public Written update(ConnectedOrganization next, AuditEvent change) {
    return store.updated(next, change);
  }

  @Override
  public long delete(OrganizationId id, Version expected, AuditEvent change) {
    return store.deleted(id, expected, change);
  }

  /**
   * {@inheritDoc} Notifications of other directories do not count.
   *
   * @throws PortFailureException when the listening connection cannot be had or is lost
   */
  @Override
  public boolean awaitChange(Duration timeout) throws InterruptedException {
    int millis = (int) Math.max(1, Math.min(1_000, timeout.toMillis()));
    try {
      ChannelListener.Heard heard = listener.await(millis);
      if (heard.anew()) {
        return true;
      }
      for (String payload : heard.payloads()) {
        if (directory.equals(Tables.directoryOf(payload))) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      throw new PortFailureException("PostgresChangeFeed.awaitChange", e);
    }
  }

  /** Returns the listening connection; the store stays open. */
  @Override
  public void close() {
    listener.close();
  }

  @Override
  public String toString() {
    return "PostgresChangeFeed["
        + store.schema().name()
        + ", "
        + directory
        + (listener.listens() ? ", LISTEN/NOTIFY" : ", polling")
        + "]";
  }
}
