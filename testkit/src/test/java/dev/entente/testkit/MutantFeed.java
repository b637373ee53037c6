package dev.entente.testkit;

import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory change feed with one deliberate defect, for testing that {@link ChangeFeedContract}
 * rejects it. Without a defect it is the in-memory feed itself.
 */
final class MutantFeed implements ChangeFeed {
  /** The defects a feed author could plausibly write. */
  enum Defect {
    /** None: the feed is correct, and must pass the kit. */
    NONE,
    /**
     * A look hands over a deleted organization's last value beside its delete record, as a feed
     * that reads each record's row as it was does: a replica applying it undoes the delete.
     */
    RESURRECTS_DELETES,
    /** A write says the sequence before its own record's (the last one read before writing). */
    SAYS_THE_PREVIOUS_SEQUENCE,
    /** A snapshot says a sequence earlier than the last change it holds. */
    SNAPSHOT_SAYS_AN_EARLIER_SEQUENCE,
    /**
     * A look says the sequence of its last record rather than of the snapshot it read the
     * organizations from, as a feed does that reads the two in separate statements: a replica takes
     * values newer than the sequence it records, and applies the records between again.
     */
    LOOK_SAYS_ITS_LAST_RECORD
  }

  private final Defect defect;
  private final ChangeFeed real = new InMemoryChangeFeed().feed();
  private final Map<OrganizationId, ConnectedOrganization> lastKnown = new ConcurrentHashMap<>();

  MutantFeed(Defect defect) {
    this.defect = defect;
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
    Changes changes = real.changesAfter(sequence, limit);
    if (defect == Defect.LOOK_SAYS_ITS_LAST_RECORD && !changes.records().isEmpty()) {
      long last = changes.records().get(changes.records().size() - 1).sequence();
      return new Changes(changes.records(), changes.organizations(), last);
    }
    if (defect != Defect.RESURRECTS_DELETES) {
      return changes;
    }
    Map<OrganizationId, ConnectedOrganization> organizations =
        new HashMap<>(changes.organizations());
    for (ChangeRecord r : changes.records()) {
      ConnectedOrganization was = lastKnown.get(r.organizationId());
      if (was != null) {
        organizations.putIfAbsent(r.organizationId(), was);
      }
    }
    return new Changes(changes.records(), organizations, changes.sequence());
  }

  @Override
  public long snapshot(Consumer<ConnectedOrganization> sink) {
    long sequence = real.snapshot(sink);
    return defect == Defect.SNAPSHOT_SAYS_AN_EARLIER_SEQUENCE ? sequence - 1 : sequence;
  }

  private Written said(Written written) {
    lastKnown.put(written.organization().id(), written.organization());
    return defect == Defect.SAYS_THE_PREVIOUS_SEQUENCE
        ? new Written(written.organization(), written.sequence() - 1)
        : written;
  }

  @Override
  public Written create(ConnectedOrganization organization, AuditEvent change) {
    return said(real.create(organization, change));
  }

  @Override
  public Written update(ConnectedOrganization next, AuditEvent change) {
    return said(real.update(next, change));
  }

  @Override
  public long delete(OrganizationId id, Version expected, AuditEvent change) {
    long sequence = real.delete(id, expected, change);
    return defect == Defect.SAYS_THE_PREVIOUS_SEQUENCE ? sequence - 1 : sequence;
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
