package dev.entente.keycloak;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.ImportReport;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.live.LiveDirectories;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.postgres.PostgresChangeFeeds;
import dev.entente.postgres.PostgresOrganizationStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entente inside one Keycloak server, owned by {@link DefaultEntenteProviderFactory} from its
 * {@code init} to its {@code close}: the connected organizations of each realm named by {@code
 * realms}, each realm its own host directory keyed by the realm's id (R-DIR-1), so that a rename
 * keeps them and nothing of one realm reaches another. They come from one of two sources.
 *
 * <ul>
 *   <li>{@code jdbc-url} set: the PostgreSQL store (migrated at start-up) on a pool of its own,
 *       with a live replica of each realm's directory, loaded at its first use and kept fresh from
 *       its change log, so several Keycloak nodes and the host's own tools share each realm's
 *       organizations, and sign-ins go on while the database is away.
 *   <li>{@code export-file} set: a Microsoft Graph export of connected organizations, read at
 *       start-up and imported into each realm's directory, in memory, at the realm's first use:
 *       each realm starts from the same export, and a change in one stays in it.
 * </ul>
 */
final class EntenteRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteRuntime.class);

  private final EntenteOptions options;
  private final Entente entente;
  private final @Nullable LiveDirectories live;
  private final @Nullable ConnectionPool pool;
  private final byte @Nullable [] export;
  private final Set<HostDirectory> imported = ConcurrentHashMap.newKeySet();

  private EntenteRuntime(
      EntenteOptions options,
      Entente entente,
      @Nullable LiveDirectories live,
      @Nullable ConnectionPool pool,
      byte @Nullable [] export) {
    this.options = options;
    this.entente = entente;
    this.live = live;
    this.pool = pool;
    this.export = export;
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
        LiveDirectories live =
            LiveDirectories.start(
                PostgresChangeFeeds.of(PostgresOrganizationStore.of(pool, options.schema())));
        return started(options, Entente.builder().replicas(live).build(), live, pool, null);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
    Path file = options.exportFile();
    if (file == null) {
      throw new IllegalStateException("EntenteOptions.from refuses options without a source");
    }
    byte[] export;
    try {
      export = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the Graph export " + file, e);
    }
    EntenteRuntime runtime = started(options, Entente.inMemory(), null, null, export);
    runtime.imported(HostDirectory.DEFAULT); // refuses a broken export at start-up
    return runtime;
  }

  private static EntenteRuntime started(
      EntenteOptions options,
      Entente entente,
      @Nullable LiveDirectories live,
      @Nullable ConnectionPool pool,
      byte @Nullable [] export) {
    LOG.info("Entente decides in realms {} with {}", options.realms(), options.source());
    return new EntenteRuntime(options, entente, live, pool, export);
  }

  /** {@return the options the runtime started with} */
  EntenteOptions options() {
    return options;
  }

  /**
   * Entente in {@code directory}: a realm's, by its id.
   *
   * @param directory the realm's directory
   * @return Entente over that directory's organizations, and none other's
   */
  Entente in(HostDirectory directory) {
    return export == null ? entente.directory(directory) : imported(directory);
  }

  /**
   * The last change of {@code directory} its replica applied, loading it when needed; empty without
   * replicas (the export file: every change is this process's own).
   */
  OptionalLong changeMark(HostDirectory directory) {
    LiveDirectories replicas = live;
    if (replicas == null) {
      return OptionalLong.empty();
    }
    try {
      replicas.awaitSequence(directory, 0, MARK_WAIT); // loads it, or throws the store's failure
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
    return OptionalLong.of(replicas.appliedSequence(directory));
  }

  /** How long {@link #changeMark} waits for a directory's load, beyond the load's own timeout. */
  private static final java.time.Duration MARK_WAIT = java.time.Duration.ofMinutes(1);

  /** The export's organizations in {@code directory}, imported at its first use. */
  private Entente imported(HostDirectory directory) {
    Entente in = entente.directory(directory);
    byte[] file = export;
    if (file == null || imported.contains(directory)) {
      return in;
    }
    synchronized (imported) {
      if (imported.add(directory)) {
        try (InputStream bytes = new ByteArrayInputStream(file);
            GraphReader reader = GraphJson.forCloud(options.hostCloud()).reader(bytes)) {
          ImportReport report = reader.planImport(in.organizations()).apply();
          LOG.info("Entente imported {} into {}: {}", options.exportFile(), directory, report);
        } catch (IOException | RuntimeException e) {
          imported.remove(directory);
          throw e instanceof IOException io
              ? new UncheckedIOException("reading the Graph export " + options.exportFile(), io)
              : (RuntimeException) e;
        }
      }
    }
    return in;
  }

  /**
   * Deletes every organization of {@code directory}, each with its audit record: what removing a
   * realm does (README, "Keycloak").
   *
   * @param directory the removed realm's directory
   * @param realm the removed realm's name, for the log
   * @return how many were deleted
   */
  int deleteAll(HostDirectory directory, String realm) {
    ConnectedOrganizations organizations = entente.directory(directory).organizations();
    imported.add(directory); // a removed realm never imports the export again
    int deleted = 0;
    for (ConnectedOrganization org : organizations.all().toList()) {
      Optional<ConnectedOrganization> current = Optional.of(org);
      while (current.isPresent()) { // until deleted here, or by another tool meanwhile
        try {
          organizations.delete(org.id(), current.get().version(), REALM_REMOVED);
          deleted++;
          break;
        } catch (StaleVersionException changed) {
          current = organizations.get(org.id());
        } catch (OrganizationNotFoundException gone) {
          break;
        }
      }
    }
    LOG.info(
        "Entente deleted {} organizations of removed realm {} ({})", deleted, realm, directory);
    return deleted;
  }

  /** The actor of the deletes that follow a realm's removal. */
  static final Actor REALM_REMOVED = Actor.application("keycloak:realm-removed");

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
