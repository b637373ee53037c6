package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.live.LiveIndex;
import dev.entente.model.Cloud;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entente inside one Keycloak server: the connected organizations the authenticator decides with
 * and the admin endpoint shows, from one of two sources.
 *
 * <ul>
 *   <li>{@code jdbcUrl} set: the PostgreSQL store in {@code schema} (migrated at start-up), with a
 *       live replica kept fresh from its change log, so several Keycloak nodes and the host's own
 *       tools share one set of organizations.
 *   <li>{@code exportFile} set: a Microsoft Graph export of connected organizations, read once at
 *       start-up into memory (what {@code GET /identityGovernance/entitlementManagement/
 *       connectedOrganizations} returns, pages included).
 * </ul>
 */
final class EntenteRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteRuntime.class);

  private static volatile @Nullable EntenteRuntime current;

  private final Entente entente;
  private final @Nullable LiveIndex live;
  private final Cloud hostCloud;
  private final String source;

  private EntenteRuntime(
      Entente entente, @Nullable LiveIndex live, Cloud hostCloud, String source) {
    this.entente = entente;
    this.live = live;
    this.hostCloud = hostCloud;
    this.source = source;
  }

  /** The settings, as Keycloak's configuration gives them. */
  record Settings(
      @Nullable String jdbcUrl,
      @Nullable String jdbcUser,
      @Nullable String jdbcPassword,
      String schema,
      @Nullable String exportFile,
      Cloud hostCloud) {}

  /** Starts the runtime of this server, replacing none: Keycloak initialises a factory once. */
  static synchronized EntenteRuntime start(Settings settings) {
    EntenteRuntime started = current;
    if (started != null) {
      return started;
    }
    started = open(settings);
    current = started;
    LOG.info("Entente decides with {}", started.source);
    return started;
  }

  /** {@return the runtime of this server} */
  static EntenteRuntime current() {
    EntenteRuntime runtime = current;
    if (runtime == null) {
      throw new IllegalStateException(
          "Entente is not started: its authenticator factory was not initialised");
    }
    return runtime;
  }

  static EntenteRuntime open(Settings s) {
    if (s.jdbcUrl() != null) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(s.jdbcUrl());
      if (s.jdbcUser() != null) {
        dataSource.setUser(s.jdbcUser());
      }
      if (s.jdbcPassword() != null) {
        dataSource.setPassword(s.jdbcPassword());
      }
      PostgresSchema schema = PostgresSchema.named(s.schema());
      schema.migrateIn(dataSource);
      LiveIndex live =
          LiveIndex.start(PostgresChangeFeed.of(PostgresOrganizationStore.of(dataSource, schema)));
      return new EntenteRuntime(
          Entente.builder().replica(live).build(),
          live,
          s.hostCloud(),
          "PostgreSQL schema " + schema.name());
    }
    if (s.exportFile() != null) {
      Entente entente = Entente.inMemory();
      Path file = Path.of(s.exportFile());
      try (InputStream in = Files.newInputStream(file);
          GraphReader export = GraphJson.forCloud(s.hostCloud()).reader(in)) {
        ImportPlan plan = export.planImport(entente.organizations());
        ImportReport report = plan.apply();
        LOG.info("Entente imported {}: {}", file, report);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the Graph export " + file, e);
      }
      return new EntenteRuntime(entente, null, s.hostCloud(), "the Graph export " + file);
    }
    throw new IllegalStateException(
        "Entente needs its organizations: set --spi-authenticator-entente-jdbc-url (PostgreSQL) or"
            + " --spi-authenticator-entente-export-file (a Graph export)");
  }

  /** {@return Entente over the organizations} */
  Entente entente() {
    return entente;
  }

  /** {@return the host's cloud} */
  Cloud hostCloud() {
    return hostCloud;
  }

  /** {@return where the organizations come from} */
  String source() {
    return source;
  }

  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
  }

  /** Closes the runtime of this server, when Keycloak closes the factory. */
  static synchronized void stop() {
    EntenteRuntime runtime = current;
    current = null;
    if (runtime != null) {
      runtime.close();
    }
  }
}
