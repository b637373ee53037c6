package dev.entente.testkit;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The in-memory store with a change log, as a transactional store keeps one: the write and its
 * record under one lock, so records are published in sequence order. With a {@link Defect}, the
 * ways a hand-written log goes wrong, for {@link ContractKitPowerTest}.
 */
final class LoggedStore implements OrganizationStore, ChangeLog {
  enum Defect {
    NONE,
    /** Appends the record before the write, so a refused write keeps it. */
    RECORDS_REFUSED_WRITES,
    /**
     * Draws the sequence before the write and publishes the record after it, outside any lock: a
     * late commit's record appears behind a later one, and a poller skips it.
     */
    PUBLISHES_OUT_OF_ORDER,
    /**
     * Draws the sequence before the write, as a database sequence does, so a refused write burns a
     * number: the log has a gap and the last sequence moves with no record.
     */
    BURNS_A_SEQUENCE_ON_REFUSAL,
    /** Numbers an update's record two past the last, leaving a gap a reader takes for pruning. */
    SKIPS_A_NUMBER_ON_UPDATE,
    /** Records a delete at the version after the one deleted. */
    RECORDS_THE_WRONG_VERSION,
    /** Prunes the records before the sequence, keeping the one it names. */
    PRUNES_ONE_TOO_FEW
  }

  private final Defect defect;
  private final InMemoryOrganizationStore real = new InMemoryOrganizationStore();
  private final ConcurrentSkipListMap<Long, ChangeRecord> log = new ConcurrentSkipListMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final Object lock = new Object();

  LoggedStore(Defect defect) {
    this.defect = defect;
  }

  private <T> T logged(AuditEvent change, Version version, Supplier<T> write) {
    if (defect == Defect.PUBLISHES_OUT_OF_ORDER) {
      long sequence = counter.incrementAndGet();
      T result = write.get();
      try {
        Thread.sleep(1); // a commit that takes a while: a later sequence may be published first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.put(sequence, recordOf(sequence, change, version));
      return result;
    }
    synchronized (lock) {
      if (defect == Defect.BURNS_A_SEQUENCE_ON_REFUSAL) {
        long sequence = counter.incrementAndGet();
        T result = write.get();
        log.put(sequence, recordOf(sequence, change, version));
        return result;
      }
      if (defect == Defect.RECORDS_REFUSED_WRITES) {
        long sequence = counter.incrementAndGet();
        log.put(sequence, recordOf(sequence, change, version));
        return write.get();
      }
      T result = write.get();
      if (defect == Defect.SKIPS_A_NUMBER_ON_UPDATE && change.kind() != AuditEvent.Kind.CREATED) {
        counter.incrementAndGet();
      }
      long sequence = counter.incrementAndGet();
      Version recorded =
          defect == Defect.RECORDS_THE_WRONG_VERSION && change.kind() == AuditEvent.Kind.DELETED
              ? version.next()
              : version;
      log.put(sequence, recordOf(sequence, change, recorded));
      return result;
    }
  }

  private static ChangeRecord recordOf(long sequence, AuditEvent change, Version version) {
    return new ChangeRecord(
        sequence,
        change.organizationId(),
        version,
        change.kind(),
        change.actor(),
        change.at(),
        change.changedFields(),
        change.sponsor().map(s -> s.id()));
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
    return logged(change, organization.version(), () -> real.create(organization, change));
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    return logged(change, next.version(), () -> real.update(next, change));
  }

  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    logged(
        change,
        expected,
        () -> {
          real.delete(id, expected, change);
          return Boolean.TRUE;
        });
  }

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    return real.get(id);
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    return real.findByKey(key);
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return real.list(page);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    return real.search(query, page);
  }

  @Override
  public List<ChangeRecord> changesAfter(long sequence, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "is out of range", "1 to 10,000");
    }
    if (sequence < 0) {
      throw new ValidationException("sequence", sequence, "is negative", "0 or more");
    }
    List<ChangeRecord> out = new ArrayList<>();
    for (Map.Entry<Long, ChangeRecord> e : log.tailMap(sequence, false).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  @Override
  public long lastSequence() {
    synchronized (lock) {
      return counter.get();
    }
  }

  @Override
  public int pruneChangesThrough(long sequence) {
    Map<Long, ChangeRecord> head = log.headMap(sequence, defect != Defect.PRUNES_ONE_TOO_FEW);
    int n = head.size();
    head.clear();
    return n;
  }
}
