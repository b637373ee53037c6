package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.live.LiveIndex;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entente inside one Keycloak server, owned by {@link DefaultEntenteProviderFactory} from its
 * {@code init} to its {@code close}: the connected organizations the realms named by {@code realms}
 * decide with, from one of two sources.
 *
 * <ul>
 *   <li>{@code jdbc-url} set: the PostgreSQL store (migrated at start-up) on a pool of its own,
 *       with a live replica kept fresh from its change log, so several Keycloak nodes and the
 *       host's own tools share one set of organizations, and sign-ins go on while the database is
 *       away.
 *   <li>{@code export-file} set: a Microsoft Graph export of connected organizations, read once at
 *       start-up into memory.
 * </ul>
 */
final class EntenteRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteRuntime.class);

  private final EntenteOptions options;
  private final Entente entente;
  private final @Nullable LiveIndex live;
  private final @Nullable ConnectionPool pool;

  private EntenteRuntime(
      EntenteOptions options,
      Entente entente,
      @Nullable LiveIndex live,
      @Nullable ConnectionPool pool) {
    this.options = options;
    this.entente = entente;
    this.live = live;
    this.pool = pool;
  }

  /** Opens the source {@code options} name. */
  static EntenteRuntime open(EntenteOptions options) {
    String jdbcUrl = options.jdbcUrl();
    if (jdbcUrl != null) {
      ConnectionPool pool =
          new ConnectionPool(
              jdbcUrl, options.jdbcUser(), options.jdbcPassword(), options.poolSize());
      try {
        options.schema().migrateIn(pool);
        LiveIndex live =
            LiveIndex.start(
                PostgresChangeFeed.of(PostgresOrganizationStore.of(pool, options.schema())));
        return started(options, Entente.builder().replica(live).build(), live, pool);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
    Path file = options.exportFile();
    if (file == null) {
      throw new IllegalStateException("EntenteOptions.from refuses options without a source");
    }
    Entente entente = Entente.inMemory();
    try (InputStream in = Files.newInputStream(file);
        GraphReader export = GraphJson.forCloud(options.hostCloud()).reader(in)) {
      ImportPlan plan = export.planImport(entente.organizations());
      ImportReport report = plan.apply();
      LOG.info("Entente imported {}: {}", file, report);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the Graph export " + file, e);
    }
    return started(options, entente, null, null);
  }

  private static EntenteRuntime started(
      EntenteOptions options,
      Entente entente,
      @Nullable LiveIndex live,
      @Nullable ConnectionPool pool) {
    LOG.info("Entente decides in realms {} with {}", options.realms(), options.source());
    return new EntenteRuntime(options, entente, live, pool);
  }

  /** {@return the options the runtime started with} */
  EntenteOptions options() {
    return options;
  }

  /** {@return Entente over the organizations} */
  Entente entente() {
    return entente;
  }

  @Override
  public void close() {
    try {
      if (live != null) {
        live.close();
      }
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
