package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeRecord;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Property;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every instant the model accepts reads back exactly, through every write path: the store binds
 * {@code java.time} values, never {@code java.sql.Timestamp}, whose Julian calendar shifts times
 * before 1582 by days (R-ORG-1, R-LOG-1).
 */
@DisplayName("Every accepted instant reads back exactly, before 1582 too (R-ORG-1, R-LOG-1)")
class TimesRoundTripTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("times");
  private static final PostgresOrganizationStore STORE;

  static {
    SCHEMA.migrateIn(DATABASE);
    STORE = PostgresOrganizationStore.of(DATABASE, SCHEMA);
  }

  private static final AtomicInteger NEXT = new AtomicInteger();

  /** Instants from the first to the last microsecond the model accepts, edges included. */
  private static Instant instant(RandomGenerator random) {
    long first = micros(ConnectedOrganization.EARLIEST);
    long last = micros(ConnectedOrganization.LATEST);
    long span = 86_400_000_000L * 400;
    int where = random.nextInt(100);
    long m =
        where < 20
            ? random.nextLong(first, first + span + 1)
            : where < 30
                ? random.nextLong(last - span, last + 1)
                : random.nextLong(first, last + 1);
    return Instant.ofEpochSecond(
        Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1_000L);
  }

  /** Two instants. */
  private record Two(Instant a, Instant b) {}

  /** Microseconds since the epoch (ChronoUnit's count goes through nanoseconds, which overflow). */
  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }

  /** A new organization, its own id and keys, created at {@code created} and changed at none. */
  private static ConnectedOrganization organization(Instant created) {
    ConnectedOrganization generated =
        EntenteGenerators.newOrganizations(new SplittableRandom(NEXT.incrementAndGet()), 1).get(0);
    int n = NEXT.incrementAndGet();
    return generated.toBuilder()
        .id(OrganizationId.of("t-" + n))
        .identitySources(List.of(EmailDomain.of(DomainName.of("t" + n + ".example"))))
        .createdAt(created)
        .modifiedAt(created)
        .build();
  }

  @Test
  @DisplayName(
      "for all accepted instants, create, update and createAll read back the same instants, and"
          + " the change record keeps the change's time (R-ORG-1, R-LOG-1)")
  void everyAcceptedInstantReadsBackExactlyThroughEveryWritePath() {
    Property.forAll(random -> new Two(instant(random), instant(random)))
        .examples(150)
        .checkAssert(
            two -> {
              Instant a = two.a();
              Instant b = two.b();
              Instant created = a.isBefore(b) ? a : b;
              Instant modified = a.isBefore(b) ? b : a;
              ConnectedOrganization org = organization(created);
              AuditEvent change =
                  // A record's time of its own, to round-trip a second instant.
                  new AuditEvent(
                      AuditEvent.Kind.CREATED,
                      org.id(),
                      org.createdBy(),
                      modified,
                      Set.of(),
                      java.util.Optional.empty(),
                      java.util.Optional.of(org),
                      java.util.Optional.empty());
              long before = STORE.lastSequence();
              STORE.create(org, change);
              assertEquals(org, STORE.get(org.id()).orElseThrow(), "create");
              List<ChangeRecord> records = STORE.changesAfter(before, 1);
              assertEquals(modified, records.get(0).at(), "the record's time");

              ConnectedOrganization next =
                  org.toBuilder().version(org.version().next()).modifiedAt(modified).build();
              STORE.update(next);
              assertEquals(next, STORE.get(org.id()).orElseThrow(), "update");

              ConnectedOrganization imported = organization(created);
              STORE.createAll(List.of(imported));
              assertEquals(imported, STORE.get(imported.id()).orElseThrow(), "createAll");
            });
  }

  @Test
  @DisplayName(
      "1000-01-01, a Julian-calendar date, reads back as itself and not 0999-12-27 (R-ORG-1)")
  void aDateBeforeTheGregorianReformReadsBackAsItself() {
    Instant thousand = Instant.parse("1000-01-01T00:00:00Z");
    ConnectedOrganization org = organization(thousand);
    STORE.create(org);
    assertEquals(thousand, STORE.get(org.id()).orElseThrow().createdAt());
    ConnectedOrganization imported = organization(ConnectedOrganization.EARLIEST);
    STORE.createAll(List.of(imported));
    assertEquals(
        ConnectedOrganization.EARLIEST, STORE.get(imported.id()).orElseThrow().createdAt());
  }
}
