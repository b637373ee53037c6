package dev.entente.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's {@code LISTEN/NOTIFY} channel ({@link Tables#channel}) as a feed hears it: one
 * connection from the store's data source, in autocommit (put back as it came when returned). A
 * dropped connection is reported as an {@link SQLException}, and the next wait listens on a new
 * one. Where the database refuses {@code LISTEN} (CockroachDB) it polls only, with a warning.
 */
final class ChannelListener {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);

  /**
   * What one wait heard.
   *
   * @param anew whether it began listening: a change may have been missed while it was not
   * @param payloads the notifications' payloads ({@link Tables#payload})
   */
  record Heard(boolean anew, List<String> payloads) {
    static final Heard NOTHING = new Heard(false, List.of());
  }

  private final PostgresOrganizationStore store;
  private final boolean enabled;
  private @Nullable Connection connection;

  /** The autocommit setting the listening connection came with, put back when it is returned. */
  private boolean autoCommit = true;

  private volatile boolean refused;

  ChannelListener(PostgresOrganizationStore store, boolean enabled) {
    this.store = store;
    this.enabled = enabled;
  }

  /** Whether it listens (or will): enabled, and not refused by the database. */
  boolean listens() {
    return enabled && !refused;
  }

  /**
   * Waits up to {@code millis} for notifications; sleeps that long when it does not listen.
   *
   * @throws SQLException when the listening connection cannot be had or is lost
   */
  Heard await(int millis) throws SQLException, InterruptedException {
    if (!listens()) {
      Thread.sleep(millis);
      return Heard.NOTHING;
    }
    try {
      if (connection == null) {
        return new Heard(listen(), List.of());
      }
      PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(millis);
      if (received == null || received.length == 0) {
        return Heard.NOTHING;
      }
      List<String> payloads = new ArrayList<>(received.length);
      for (PGNotification n : received) {
        payloads.add(n.getParameter());
      }
      return new Heard(false, payloads);
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /**
   * Opens the listening connection: {@code LISTEN} in autocommit, which takes effect at once and
   * proves the connection alive. Whether it listens; false when the database refuses {@code
   * LISTEN}, from then on.
   */
  private boolean listen() throws SQLException {
    Connection c = store.connections().dataSource().getConnection();
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout((int) store.writeTimeout().toSeconds());
      autoCommit = c.getAutoCommit();
      c.setAutoCommit(true); // LISTEN takes effect at commit, and notifications arrive between
      s.execute("LISTEN \"" + store.tables().channel + "\"");
    } catch (SQLException e) {
      c.close();
      if ("0A000".equals(e.getSQLState())) { // feature not supported: CockroachDB and the like
        refused = true;
        LOG.warn(
            "The database refuses LISTEN on schema {} ({}); replicas poll only",
            store.schema().name(),
            e.getMessage());
        return false;
      }
      throw e;
    }
    connection = c;
    LOG.info("Listening on {} for schema {}", store.tables().channel, store.schema().name());
    return true;
  }

  /**
   * Returns the listening connection to the pool, unlistened first: a pooled connection must not
   * keep receiving notifications.
   */
  void close() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout((int) store.writeTimeout().toSeconds());
        s.execute("UNLISTEN *");
        c.setAutoCommit(autoCommit); // back as the pool handed it out
      } catch (SQLException e) {
        LOG.debug("UNLISTEN on the listening connection failed; the connection is broken", e);
      }
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the listening connection", e);
      }
    }
  }
}
