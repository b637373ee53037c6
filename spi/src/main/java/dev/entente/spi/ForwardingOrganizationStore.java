package dev.entente.spi;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.util.Optional;

/**
 * A store that forwards every call to another: the base of a decorator (a gate, a cache, a metric),
 * as Guava's {@code ForwardingMap} is of a map. Override what the decorator changes; the rest keeps
 * the delegate's meaning.
 *
 * <p>The writes a decorator must get right are the recorded ones — {@link
 * #create(ConnectedOrganization, AuditEvent)}, {@link #update(ConnectedOrganization, AuditEvent)}
 * and {@link #delete(OrganizationId, Version, AuditEvent)} — the forms Entente calls. The plain
 * forms are not forwarded: they keep {@link OrganizationStore}'s defaults, which call the recorded
 * forms of this decorator with their default record, so a decorator that overrides only the
 * recorded writes sees every write, and the record of an approval or of an administrator's delete
 * is never replaced by a plain one. {@link #transactions()} and {@link #directory()} are forwarded:
 * a decorator joins the host's transactions exactly when its delegate does, and is of its
 * delegate's directory.
 */
public abstract class ForwardingOrganizationStore implements OrganizationStore {
  /** For subclasses. */
  protected ForwardingOrganizationStore() {}

  /**
   * The store every call goes to.
   *
   * @return the delegate
   */
  protected abstract OrganizationStore delegate();

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    return delegate().get(id);
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    return delegate().findByKey(key);
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return delegate().list(page);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    return delegate().search(query, page);
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
    return delegate().create(organization, change);
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    return delegate().update(next, change);
  }

  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    delegate().delete(id, expected, change);
  }

  @Override
  public HostTransactions transactions() {
    return delegate().transactions();
  }

  @Override
  public HostDirectory directory() {
    return delegate().directory();
  }

  @Override
  public String toString() {
    return delegate().toString();
  }
}
