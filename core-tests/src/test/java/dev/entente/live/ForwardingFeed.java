package dev.entente.live;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.OrganizationStore;
import java.time.Duration;
import java.util.function.Consumer;

/** A feed that forwards every call, for tests to override one. */
class ForwardingFeed implements ChangeFeed {
  private final ChangeFeed real;

  ForwardingFeed(ChangeFeed real) {
    this.real = real;
  }

  @Override
  public OrganizationStore store() {
    return real.store();
  }

  @Override
  public long lastSequence() {
    return real.lastSequence();
  }

  @Override
  public Changes changesAfter(long sequence, int limit) {
    return real.changesAfter(sequence, limit);
  }

  @Override
  public long snapshot(Consumer<ConnectedOrganization> sink) {
    return real.snapshot(sink);
  }

  @Override
  public Written create(ConnectedOrganization organization, AuditEvent change) {
    return real.create(organization, change);
  }

  @Override
  public Written update(ConnectedOrganization next, AuditEvent change) {
    return real.update(next, change);
  }

  @Override
  public long delete(OrganizationId id, Version expected, AuditEvent change) {
    return real.delete(id, expected, change);
  }

  @Override
  public boolean awaitChange(Duration timeout) throws InterruptedException {
    return real.awaitChange(timeout);
  }

  @Override
  public void close() {
    real.close();
  }
}
