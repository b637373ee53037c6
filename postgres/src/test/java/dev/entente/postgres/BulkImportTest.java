package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import dev.entente.testkit.Property;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "createAll imports many organizations in one transaction, all or none (R-LOG-1, R-SRC-2)")
class BulkImportTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("bulk");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  private PostgresOrganizationStore store;

  @BeforeEach
  void empty() {
    store = Database.emptied(DATABASE, SCHEMA);
  }

  /** Generated organizations at version 1, with distinct ids and keys. */
  private static List<ConnectedOrganization> batch(long seed, int count) {
    return EntenteGenerators.newOrganizations(new SplittableRandom(seed), count);
  }

  private static List<ConnectedOrganization> sorted(List<ConnectedOrganization> orgs) {
    List<ConnectedOrganization> out = new ArrayList<>(orgs);
    out.sort(Comparator.comparing(ConnectedOrganization::id));
    return out;
  }

  private List<ConnectedOrganization> all() {
    return Pages.all(store, PageRequest.MAX_SIZE);
  }

  @Test
  @DisplayName(
      "R-LOG-1: 2,500 organizations spanning several statements are stored whole, each with one creation record")
  void aLargeImportStoresEveryOrganizationWithItsRecord() {
    List<ConnectedOrganization> orgs = batch(1, 2_500);
    long before = store.lastSequence();
    assertEquals(orgs, store.createAll(orgs));
    assertEquals(sorted(orgs), all(), "every organization, read back equal");
    for (ConnectedOrganization org : orgs.subList(0, 50)) {
      for (IdentitySource source : org.identitySources()) {
        assertEquals(org, store.findByKey(source.key()).orElseThrow(), "by key " + source.key());
      }
    }
    List<ChangeRecord> log = new ArrayList<>();
    for (List<ChangeRecord> page = store.changesAfter(before, ChangeLog.MAX_LIMIT);
        !page.isEmpty();
        page = store.changesAfter(page.get(page.size() - 1).sequence(), ChangeLog.MAX_LIMIT)) {
      log.addAll(page);
    }
    assertEquals(orgs.size(), log.size(), "one record each");
    for (int i = 0; i < orgs.size(); i++) {
      ChangeRecord r = log.get(i);
      ConnectedOrganization org = orgs.get(i);
      assertEquals(before + i + 1, r.sequence(), "numbered in the order given");
      assertEquals(
          List.of(
              org.id(),
              Version.initial(),
              AuditEvent.Kind.CREATED,
              org.createdBy(),
              org.createdAt()),
          List.of(r.organizationId(), r.version(), r.kind(), r.actor(), r.at()));
    }
    assertEquals(before + orgs.size(), store.lastSequence());
  }

  @Test
  @DisplayName("R-SRC-2: one key already held refuses the whole import, naming the holder")
  void aKeyAlreadyHeldRefusesTheWholeImportNamingTheHolder() {
    List<ConnectedOrganization> orgs = batch(2, 1_500);
    ConnectedOrganization holder =
        batch(3, 1).get(0).toBuilder()
            .identitySources(List.of(orgs.get(1_200).identitySources().get(0)))
            .build();
    store.create(holder);
    long last = store.lastSequence();
    IdentitySourceConflictException e =
        assertThrows(IdentitySourceConflictException.class, () -> store.createAll(orgs));
    assertEquals(holder.id(), e.holder(), "the holder is named");
    assertEquals(List.of(holder), all(), "nothing of the import was written");
    assertEquals(last, store.lastSequence(), "no record");
  }

  @Test
  @DisplayName("an id already stored, or a key or id given twice, refuses the whole import")
  void duplicatesRefuseTheWholeImport() {
    List<ConnectedOrganization> orgs = batch(4, 20);
    store.create(orgs.get(15));
    assertThrows(DuplicateOrganizationException.class, () -> store.createAll(orgs));
    assertEquals(List.of(orgs.get(15)), all(), "only what was there");

    List<ConnectedOrganization> twice = new ArrayList<>(batch(5, 3));
    twice.add(twice.get(0));
    assertThrows(DuplicateOrganizationException.class, () -> store.createAll(twice));
    List<ConnectedOrganization> sharing = new ArrayList<>(batch(6, 3));
    sharing.add(
        batch(7, 1).get(0).toBuilder()
            .identitySources(List.of(sharing.get(1).identitySources().get(0)))
            .build());
    IdentitySourceConflictException e =
        assertThrows(IdentitySourceConflictException.class, () -> store.createAll(sharing));
    assertEquals(sharing.get(1).id(), e.holder(), "the first in the import to hold it");
    assertEquals(List.of(orgs.get(15)), all(), "still only what was there");
  }

  @Test
  @DisplayName(
      "an organization not at version 1 is refused naming its place, before anything is written")
  void anOrganizationNotAtVersionOneIsRefusedNamingItsPlace() {
    List<ConnectedOrganization> orgs = new ArrayList<>(batch(8, 5));
    orgs.set(3, orgs.get(3).toBuilder().version(Version.of(2)).build());
    ValidationException e = assertThrows(ValidationException.class, () -> store.createAll(orgs));
    assertEquals("organizations[3].version", e.field());
    assertEquals(List.of(), all());
  }

  @Test
  @DisplayName(
      "for all imports onto a store holding some organizations: all of it is stored, or, when a key is held, none")
  void anImportIsStoredWholeOrRefusedWhole() {
    Property.forAll(random -> new long[] {random.nextLong(), random.nextInt(0, 41)})
        .examples(40)
        .checkAssert(
            drawn -> {
              long seed = drawn[0];
              int held = (int) drawn[1];
              empty();
              List<ConnectedOrganization> orgs = batch(seed, 60);
              List<ConnectedOrganization> stored = orgs.subList(0, 20);
              // the import: 40 others, some of which may take a stored organization's key
              List<ConnectedOrganization> imported = new ArrayList<>(orgs.subList(20, 60));
              if (held < 20) {
                imported.set(
                    held,
                    imported.get(held).toBuilder()
                        .addIdentitySources(stored.get(held).identitySources().get(0))
                        .build());
              }
              store.createAll(stored);
              boolean refused;
              try {
                store.createAll(imported);
                refused = false;
              } catch (IdentitySourceConflictException e) {
                refused = true;
              }
              assertEquals(held < 20, refused, "refused exactly when a key is held");
              List<ConnectedOrganization> expected = new ArrayList<>(stored);
              if (!refused) {
                expected.addAll(imported);
              }
              assertEquals(sorted(expected), all(), "all of the import or none of it");
            });
  }
}
