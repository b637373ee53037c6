package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationStores;
import dev.entente.spi.PageRequest;
import dev.entente.spi.SyncLedger;
import dev.entente.testkit.EntenteGenerators;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Host directories in one schema: keys, counters, the upgrade, 10,000 directories")
class DirectoriesTest {
  private static final DataSource DATABASE = Database.fresh();

  private static PostgresOrganizationStore store(String schema) {
    PostgresSchema s = PostgresSchema.named(schema);
    s.migrateIn(DATABASE);
    return PostgresOrganizationStore.of(DATABASE, s);
  }

  private static List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  @Test
  @DisplayName(
      "R-DIR-5: the catalogue has host_directory first in every primary key, unique index and"
          + " foreign key")
  void everyKeyLeadsWithTheDirectory() throws Exception {
    store("catalogue");
    // Every unique index (primary keys included) of Entente's tables but the migrator's own
    // bookkeeping, with its first column.
    List<String> unique =
        rows(
            "SELECT t.relname || '.' || i.relname || ': ' || a.attname FROM pg_index x"
                + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]"
                + " WHERE n.nspname = 'catalogue' AND x.indisunique"
                + " AND t.relname <> 'entente_schema_version' ORDER BY 1");
    assertTrue(unique.size() >= 7, "the tables' keys were found: " + unique);
    for (String key : unique) {
      assertTrue(key.endsWith(": host_directory"), "a unique key without the directory: " + key);
    }
    List<String> foreign =
        rows(
            "SELECT c.conname || ': ' || (SELECT attname FROM pg_attribute WHERE attrelid ="
                + " c.conrelid AND attnum = c.conkey[1]) || ' -> ' || (SELECT attname FROM"
                + " pg_attribute WHERE attrelid = c.confrelid AND attnum = c.confkey[1])"
                + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                + " WHERE n.nspname = 'catalogue' AND c.contype = 'f' ORDER BY 1");
    assertEquals(2, foreign.size(), "the sources' and the sponsors' keys: " + foreign);
    for (String key : foreign) {
      assertTrue(
          key.endsWith(": host_directory -> host_directory"),
          "a foreign key without the directory: " + key);
    }
    List<String> tables =
        rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'catalogue'"
                + " AND table_name <> 'entente_schema_version' AND table_name NOT IN (SELECT"
                + " table_name FROM information_schema.columns WHERE table_schema = 'catalogue'"
                + " AND column_name = 'host_directory')");
    assertEquals(List.of(), tables, "every table of directory data has the column");
  }

  @Test
  @DisplayName(
      "R-DIR-2: a transaction holding directory A's counter does not delay a write in B, and"
          + " does delay A's")
  void aDirectorysCounterHeldDoesNotDelayAnother() throws Exception {
    PostgresOrganizationStore a =
        store("counters")
            .inDirectory(HostDirectory.of("a"))
            .withWriteTimeout(Duration.ofSeconds(1));
    PostgresOrganizationStore b = a.inDirectory(HostDirectory.of("b"));
    List<ConnectedOrganization> orgs =
        EntenteGenerators.newOrganizations(new SplittableRandom(5), 3);
    a.create(orgs.get(0));
    b.create(orgs.get(1));
    try (Connection holder = DATABASE.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate(
            "UPDATE counters.directory_counter SET value = value WHERE host_directory = 'a'");
      }
      // B's write returns while A's counter is held: had it waited, it would have failed after
      // its one-second timeout, as A's does.
      ConnectedOrganization written = b.create(orgs.get(2));
      assertEquals(Optional.of(written), b.get(written.id()));
      assertEquals(2, b.lastSequence(), "B numbers its own changes");
      PortFailureException blocked =
          assertThrows(
              PortFailureException.class,
              () -> a.create(orgs.get(2).toBuilder().displayName("Blocked").build()));
      assertTrue(blocked.getCause() instanceof SQLTimeoutException, blocked.toString());
      holder.rollback();
    }
    assertEquals(1, a.lastSequence(), "A's blocked write drew no sequence: no gap (R-LOG-2)");
  }

  @Test
  @DisplayName(
      "R-DIR-4: a database the previous release wrote becomes the default directory, every"
          + " organization, record, sequence and sync cursor kept")
  void aDatabaseOfThePreviousReleaseBecomesTheDefaultDirectory() throws Exception {
    PostgresSchema schema = PostgresSchema.named("upgraded");
    assertEquals(List.of(1, 2, 3, 4), schema.migrateIn(DATABASE, 4), "the previous release's");
    String fixture;
    try (InputStream in = DirectoriesTest.class.getResourceAsStream("release-0.2-database.sql")) {
      if (in == null) {
        throw new IOException("release-0.2-database.sql is missing");
      }
      fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, List<String>> before = new LinkedHashMap<>();
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute(fixture.replace("${schema}", schema.quoted()));
    }
    for (String table : List.of("organization", "identity_source", "sponsor", "change_log")) {
      before.put(
          table,
          rows("SELECT row_to_json(t)::jsonb::text FROM upgraded." + table + " t ORDER BY 1"));
    }
    long lastBefore = Long.parseLong(rows("SELECT value FROM upgraded.change_counter").get(0));

    assertEquals(List.of(5), schema.migrateIn(DATABASE), "V5 alone");

    for (Map.Entry<String, List<String>> table : before.entrySet()) {
      List<String> after =
          rows(
              "SELECT (row_to_json(t)::jsonb - 'host_directory')::text FROM upgraded."
                  + table.getKey()
                  + " t ORDER BY 1");
      assertEquals(table.getValue(), after, "every row of " + table.getKey() + " kept as it was");
      assertEquals(
          List.of("default"),
          rows("SELECT DISTINCT host_directory FROM upgraded." + table.getKey()),
          table.getKey() + " is the default directory's");
    }
    PostgresOrganizationStore store = PostgresOrganizationStore.of(DATABASE, schema);
    assertEquals(lastBefore, store.lastSequence(), "the sequence kept");
    assertEquals(
        List.of(HostDirectory.DEFAULT), store.directories(Optional.empty(), 10), "one directory");
    List<ConnectedOrganization> all = new ArrayList<>();
    store.list(PageRequest.first(100)).items().forEach(all::add);
    assertEquals(35, all.size(), "40 created, 5 deleted, read through the API");
    List<ChangeRecord> records = store.changesAfter(0, ChangeLog.MAX_LIMIT);
    assertEquals(lastBefore - 3, records.size(), "the records after the prune through 3");
    assertEquals(4, records.get(0).sequence());
    ConnectedOrganization one = all.get(0);
    IdentitySourceKey key = one.identitySources().get(0).key();
    assertEquals(Optional.of(one), store.findByKey(key), "the keys kept");
    ConnectedOrganization renamed =
        store.update(
            one.toBuilder()
                .version(one.version().next())
                .displayName("After the upgrade")
                .modifiedAt(one.modifiedAt().plusSeconds(1))
                .build());
    assertEquals(lastBefore + 1, store.lastSequence(), "the next write takes the next sequence");
    assertEquals(Optional.of(renamed), store.get(one.id()));
    SyncLedger.SyncCursor cursor = PostgresSyncLedger.of(store, "entra").cursor().orElseThrow();
    assertEquals(Set.of("audit-1", "audit-2"), cursor.appliedEntries(), "the sync cursor kept");
    assertEquals(
        Optional.empty(),
        PostgresSyncLedger.of(store.inDirectory(HostDirectory.of("other")), "entra").cursor(),
        "and it is the default directory's alone");
  }

  @Test
  @DisplayName(
      "R-DIR-1, R-DIR-5: 10,000 directories in one database, spot-checked for isolation, listed"
          + " in order")
  void tenThousandDirectories() throws Exception {
    PostgresOrganizationStore root = store("many");
    int directories = 10_000;
    // Every directory holds the same three organizations, ids and keys alike: the most
    // confusable data there is, so that any statement missing its directory shows.
    List<ConnectedOrganization> same =
        EntenteGenerators.newOrganizations(new SplittableRandom(10), 3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < directories; i += 4) {
                    root.inDirectory(HostDirectory.of(String.format("tenant-%05d", i)))
                        .createAll(same);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(Database.HANG_GUARD_MINUTES, TimeUnit.MINUTES); // a hang guard only
      }
    } finally {
      pool.shutdownNow();
    }
    List<HostDirectory> listed = new ArrayList<>();
    Optional<HostDirectory> after = Optional.empty();
    for (List<HostDirectory> page; !(page = root.directories(after, 1_000)).isEmpty(); ) {
      listed.addAll(page);
      after = Optional.of(page.get(page.size() - 1));
    }
    assertEquals(directories, listed.size(), "every directory listed once");
    assertEquals(HostDirectory.of("tenant-00000"), listed.get(0));
    assertEquals(HostDirectory.of("tenant-09999"), listed.get(directories - 1));

    SplittableRandom random = new SplittableRandom(11);
    Set<HostDirectory> changed = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      HostDirectory d = listed.get(random.nextInt(directories));
      PostgresOrganizationStore store = root.inDirectory(d);
      ConnectedOrganization org = store.get(same.get(0).id()).orElseThrow();
      if (changed.add(d)) {
        store.update(
            org.toBuilder()
                .version(org.version().next())
                .displayName("Changed in " + d)
                .modifiedAt(org.modifiedAt().plusSeconds(1))
                .build());
      }
    }
    for (int i = 0; i < 200; i++) {
      HostDirectory d = listed.get(random.nextInt(directories));
      PostgresOrganizationStore store = root.inDirectory(d);
      List<ConnectedOrganization> items = store.list(PageRequest.first(10)).items();
      assertEquals(3, items.size(), d + " holds its three");
      ConnectedOrganization first = store.get(same.get(0).id()).orElseThrow();
      assertEquals(
          changed.contains(d) ? "Changed in " + d : same.get(0).displayName(),
          first.displayName(),
          "a change in one directory shows in it alone: " + d);
      assertEquals(
          Optional.of(first),
          store.findByKey(same.get(0).identitySources().get(0).key()),
          "its key finds its own");
      assertEquals(changed.contains(d) ? 4 : 3, store.lastSequence(), d + "'s own sequence");
    }
    assertEquals(
        List.of(String.valueOf(3L * directories + changed.size())),
        rows("SELECT count(*) FROM many.change_log"),
        "one record a change, each in its directory");
    assertEquals(OrganizationStores.MAX_LIMIT, root.directories(Optional.empty(), 1_000).size());
  }
}
