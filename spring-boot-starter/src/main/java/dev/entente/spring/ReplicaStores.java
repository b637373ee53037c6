package dev.entente.spring;

import static java.util.Objects.requireNonNull;

import dev.entente.live.LiveDirectories;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code OrganizationStore} an application with a database injects: one directory's view of the
 * replicas ({@link LiveDirectories#store}), which writes through the database store and reads its
 * own writes (R-IDX-2), and its index ({@link LiveDirectories#index}), which decisions read; {@link
 * #inDirectory} gives another directory's, and {@link #directories} lists the database's.
 */
final class ReplicaStores extends ForwardingOrganizationStore
    implements OrganizationStores, OrganizationIndex {
  private final LiveDirectories live;
  private final OrganizationStores database;
  private final HostDirectory directory;

  ReplicaStores(LiveDirectories live, OrganizationStores database, HostDirectory directory) {
    this.live = requireNonNull(live, "live");
    this.database = requireNonNull(database, "database");
    this.directory = requireNonNull(directory, "directory");
  }

  /** {@return the replicas} */
  LiveDirectories live() {
    return live;
  }

  @Override
  protected OrganizationStore delegate() {
    return live.store(directory);
  }

  @Override
  public HostDirectory directory() {
    return directory;
  }

  @Override
  public OrganizationStore inDirectory(HostDirectory other) {
    return other.equals(directory) ? this : new ReplicaStores(live, database, other);
  }

  @Override
  public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
    return database.directories(after, limit);
  }

  @Override
  public @Nullable ConnectedOrganization byId(OrganizationId id) {
    return live.index(directory).byId(id);
  }

  @Override
  public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
    return live.index(directory).holderOf(key);
  }

  @Override
  public String toString() {
    return "the replica of directory " + directory;
  }
}
