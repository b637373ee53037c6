package dev.entente.keycloak;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.ds.PGPooledConnection;

/**
 * The JDBC source's connections inside Keycloak: at most {@code size} open at once, reused, on the
 * PostgreSQL driver the provider jar carries (relocated, so that it never meets Keycloak's own).
 *
 * <p>It is the pool the JDBC specification describes for implementers: each physical connection is
 * a {@link PooledConnection}, whose logical handles the store borrows and closes; closing one
 * returns the physical connection (its transaction rolled back, auto-commit restored: pgjdbc's
 * {@link PGPooledConnection} does both), and a fatal error discards it. Connections are opened by
 * the bundled driver directly, never through {@code DriverManager}, which would hand out Keycloak's
 * driver when Keycloak itself runs on PostgreSQL. An idle connection is checked before it is lent
 * again; a borrower waits at most {@link #BORROW_TIMEOUT} for a free one, then gets a transient
 * error (the admin endpoint answers 503; sign-ins decide from the replica).
 */
final class ConnectionPool implements DataSource, AutoCloseable {
  /** How long a borrower waits for a connection when all are lent. */
  static final Duration BORROW_TIMEOUT = Duration.ofSeconds(10);

  /** An idle connection older than this is checked with {@code isValid} before it is lent. */
  private static final long VALIDATE_AFTER_NANOS = Duration.ofSeconds(30).toNanos();

  private static final int VALIDATION_TIMEOUT_SECONDS = 5;

  private final Driver driver = new Driver();
  private final String url;
  private final Properties properties = new Properties();
  private final Semaphore permits;
  private final Duration borrowTimeout;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private boolean closed;

  private record Idle(PooledConnection connection, long since) {}

  ConnectionPool(String url, @Nullable String user, @Nullable String password, int size) {
    this(url, user, password, size, BORROW_TIMEOUT);
  }

  ConnectionPool(
      String url,
      @Nullable String user,
      @Nullable String password,
      int size,
      Duration borrowTimeout) {
    this.url = url;
    this.borrowTimeout = borrowTimeout;
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "entente-keycloak");
    this.permits = new Semaphore(size, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(borrowTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new SQLTransientConnectionException(
            "every connection of Entente's pool is in use after "
                + borrowTimeout.toMillis()
                + " ms ("
                + EntenteOptions.PREFIX
                + EntenteOptions.POOL_SIZE
                + ")",
            "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted waiting for a connection", "08001", e);
    }
    try {
      return borrow();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection borrow() throws SQLException {
    while (true) {
      Idle next;
      synchronized (this) {
        if (closed) {
          throw new SQLTransientConnectionException("Entente's connection pool is closed", "08003");
        }
        next = idle.pollFirst();
      }
      if (next == null) {
        return open().getConnection();
      }
      Connection handle = next.connection().getConnection();
      if (System.nanoTime() - next.since() < VALIDATE_AFTER_NANOS
          || handle.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return handle;
      }
      discard(next.connection()); // dead: try the next idle one, or open a new one
    }
  }

  private PooledConnection open() throws SQLException {
    Connection physical = driver.connect(url, properties);
    if (physical == null) {
      throw new SQLException("the PostgreSQL driver does not take the URL " + url, "08001");
    }
    PooledConnection pooled = new PGPooledConnection(physical, true);
    pooled.addConnectionEventListener(
        new ConnectionEventListener() {
          @Override
          public void connectionClosed(ConnectionEvent event) {
            giveBack(pooled);
          }

          @Override
          public void connectionErrorOccurred(ConnectionEvent event) {
            // Fatal: the physical connection goes. pgjdbc closes the borrower's handle with it,
            // and a closed handle's close() fires no event, so the lending ends here.
            discard(pooled);
            permits.release();
          }
        });
    return pooled;
  }

  private void giveBack(PooledConnection pooled) {
    boolean keep;
    synchronized (this) {
      keep = !closed;
      if (keep) {
        idle.addFirst(new Idle(pooled, System.nanoTime()));
      }
    }
    if (!keep) {
      quietlyClose(pooled);
    }
    permits.release();
  }

  private void discard(PooledConnection pooled) {
    synchronized (this) {
      idle.removeIf(i -> i.connection() == pooled);
    }
    quietlyClose(pooled);
  }

  private static void quietlyClose(PooledConnection pooled) {
    try {
      pooled.close();
    } catch (SQLException ignored) {
      // closing a broken connection: nothing more to do
    }
  }

  /** {@return how many connections are open and idle, for tests} */
  synchronized int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(i -> quietlyClose(i.connection()));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("Entente's pool connects as its configured user");
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Entente's pool logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
