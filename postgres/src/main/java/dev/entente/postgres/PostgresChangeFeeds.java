package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.HostDirectory;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeFeeds;
import dev.entente.spi.OrganizationStores;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The change feeds of every host directory in a {@link PostgresOrganizationStore}'s schema, with
 * one listening connection for all of them: what {@code LiveDirectories} (in {@code entente-core})
 * keeps the replicas of many directories fresh from (R-DIR-3).
 *
 * <pre>{@code
 * try (LiveDirectories live = LiveDirectories.start(PostgresChangeFeeds.of(store))) {
 *   Entente entente = Entente.builder().replicas(live).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Each committed write notifies the schema's one channel with its sequence and directory; {@link
 * #awaitChanges} names the directories heard. {@link #lastSequences} reads the counters of up to a
 * thousand directories in one statement, by primary key. Each directory's {@link #feed} is a {@link
 * PostgresChangeFeed} that does not listen itself.
 */
public final class PostgresChangeFeeds implements ChangeFeeds {
  private final PostgresOrganizationStore store;
  private final ChannelListener listener;

  private PostgresChangeFeeds(PostgresOrganizationStore store, boolean notifications) {
    this.store = requireNonNull(store, "store");
    this.listener = new ChannelListener(store, notifications);
  }

  /**
   * The feeds of every directory of {@code store}'s schema, signalled by {@code LISTEN/NOTIFY}.
   *
   * @param store a store of the schema, of any directory: its data source, schema and timeout serve
   * @return the feeds
   */
  public static PostgresChangeFeeds of(PostgresOrganizationStore store) {
    return new PostgresChangeFeeds(store, true);
  }

  /**
   * These feeds, listening or not: with {@code false} they hold no connection and their signal
   * never fires, so replicas poll only (PgBouncer in transaction mode, a hot standby).
   *
   * @param enabled whether to listen
   * @return feeds of the same schema
   */
  public PostgresChangeFeeds withNotifications(boolean enabled) {
    return new PostgresChangeFeeds(store, enabled);
  }

  @Override
  public ChangeFeed feed(HostDirectory directory) {
    return PostgresChangeFeed.of(store.inDirectory(directory)).withNotifications(false);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ValidationException on field {@code directories} with more than {@value
   *     OrganizationStores#MAX_LIMIT}
   */
  @Override
  public Map<HostDirectory, Long> lastSequences(Collection<HostDirectory> directories) {
    if (directories.size() > OrganizationStores.MAX_LIMIT) {
      throw new ValidationException(
          "directories", directories.size(), "are too many for one look", "at most 1,000");
    }
    Map<HostDirectory, Long> out = new LinkedHashMap<>();
    directories.forEach(d -> out.put(d, 0L));
    if (directories.isEmpty()) {
      return out;
    }
    store
        .connections()
        .readCommitted(
            "lastSequences",
            c -> {
              try (PreparedStatement s =
                  store
                      .connections()
                      .bounded(
                          c,
                          "SELECT host_directory, value FROM "
                              + store.tables().directoryCounter
                              + " WHERE host_directory = ANY (?::text[])")) {
                s.setArray(
                    1,
                    c.createArrayOf(
                        "text", directories.stream().map(HostDirectory::value).toArray()));
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    out.put(HostDirectory.of(r.getString(1)), r.getLong(2));
                  }
                }
              }
              return out;
            });
    return out;
  }

  /**
   * {@inheritDoc} Waiting begins by listening; that first wait names no directory.
   *
   * @throws PortFailureException when the listening connection cannot be had or is lost
   */
  @Override
  public Set<HostDirectory> awaitChanges(Duration timeout) throws InterruptedException {
    int millis = (int) Math.max(1, Math.min(1_000, timeout.toMillis()));
    ChannelListener.Heard heard;
    try {
      heard = listener.await(millis);
    } catch (SQLException e) {
      throw new PortFailureException("PostgresChangeFeeds.awaitChanges", e);
    }
    Set<HostDirectory> out = new HashSet<>();
    for (String payload : heard.payloads()) {
      String directory = Tables.directoryOf(payload);
      if (directory != null) {
        out.add(HostDirectory.of(directory));
      }
    }
    return out;
  }

  /** Returns the listening connection; the store stays open. */
  @Override
  public void close() {
    listener.close();
  }

  @Override
  public String toString() {
    return "PostgresChangeFeeds["
        + store.schema().name()
        + (listener.listens() ? ", LISTEN/NOTIFY" : ", polling")
        + "]";
  }
}
