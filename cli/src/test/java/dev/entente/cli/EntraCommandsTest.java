package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.cli.CommandsTest.Run;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entente pull}, {@code push} and {@code discover} against a fake Entra (R-ENT-1, R-ENT-3).
 */
@DisplayName("The entente command against a tenant")
class EntraCommandsTest {
  private static final String TENANT = "11111111-1111-1111-1111-111111111111";
  private static final String SECRET = "cli-secret-never-printed";
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private static FakeEntra tenant(int organizations) {
    FakeEntra entra = FakeEntra.start();
    entra.addApplication("cli-app", SECRET);
    entra.addTenant(Cloud.GLOBAL, TENANT, "Contoso Ltd", "contoso.onmicrosoft.com", "contoso.com");
    entra.addFederation("Fabrikam IdP", "https://sts.fabrikam.com/trust", "fabrikam.com");
    entra.addUser("5d1b7c8e-0000-4000-8000-000000000001", "Ann Sponsor");
    for (int i = 0; i < organizations; i++) {
      String id =
          entra.addOrganization(
              "{\"displayName\":\"Org "
                  + i
                  + "\",\"identitySources\":[{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"org"
                  + i
                  + ".example\",\"displayName\":\"org"
                  + i
                  + ".example\"}]}");
      entra.addSponsor(id, true, false, "5d1b7c8e-0000-4000-8000-000000000001", "Ann Sponsor");
    }
    return entra;
  }

  private static List<String> signIn(FakeEntra entra, Path secretFile) throws Exception {
    Files.writeString(secretFile, SECRET + "\n");
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--tenant-id", TENANT, "--client-id", "cli-app"));
    args.addAll(List.of("--client-secret-file", secretFile.toString()));
    args.addAll(List.of("--graph-root", entra.graphRoot()));
    for (Cloud c : Cloud.values()) {
      args.addAll(List.of("--login-root", c + "=" + entra.loginRoot(c)));
    }
    return args;
  }

  private static Run run(List<String> first, List<String> more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    return CommandsTest.run(all.toArray(String[]::new));
  }

  private static String database(String name) throws Exception {
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  @Test
  @DisplayName("pull plans, applies, then plans nothing for an unchanged tenant (R-ENT-1)")
  void pullThenPullAgain(@TempDir Path dir) throws Exception {
    try (FakeEntra entra = tenant(12)) {
      String jdbc = database("pull_twice");
      List<String> pull = new ArrayList<>(List.of("pull", "--jdbc", jdbc));
      pull.addAll(signIn(entra, dir.resolve("secret")));

      Run dry = run(pull, List.of());
      assertEquals(1, dry.status(), dry.err());
      assertTrue(dry.out().contains("12 create"), dry.out());
      entra.resetCounts();
      Run applied = run(pull, List.of("--apply", "--low-priority"));
      assertEquals(0, applied.status(), applied.err() + applied.out());
      assertTrue(entra.log().stream().allMatch(r -> "low".equals(r.priority())));
      Run again = run(pull, List.of());
      assertEquals(0, again.status(), again.out());
      assertFalse(again.out().contains(SECRET) || again.err().contains(SECRET));
    }
  }

  @Test
  @DisplayName(
      "--directory: pull, sync and push act in the directory named, the same tenant landing in two"
          + " directories apart, the default one untouched (R-DIR-1)")
  void eachDirectoryItsOwn(@TempDir Path dir) throws Exception {
    try (FakeEntra entra = tenant(3)) {
      String jdbc = database("directories");
      List<String> signIn = signIn(entra, dir.resolve("secret"));
      List<String> pullA =
          new ArrayList<>(List.of("pull", "--jdbc", jdbc, "--directory", "realm-a"));
      pullA.addAll(signIn);
      Run dry = run(pullA, List.of());
      assertEquals(1, dry.status(), dry.err() + dry.out());
      assertTrue(dry.out().contains("3 create"), dry.out());
      Run applied = run(pullA, List.of("--apply"));
      assertEquals(0, applied.status(), applied.err() + applied.out());

      List<String> syncB =
          new ArrayList<>(List.of("sync", "--jdbc", jdbc, "--directory", "realm-b"));
      syncB.addAll(signIn);
      Run synced = run(syncB, List.of());
      assertEquals(0, synced.status(), synced.err() + synced.out());
      assertTrue(synced.out().contains("full list: 3 read, 3 written"), synced.out());

      List<String> pushA =
          new ArrayList<>(List.of("push", "--jdbc", jdbc, "--directory", "realm-a"));
      pushA.addAll(signIn);
      Run push = run(pushA, List.of());
      assertEquals(0, push.status(), push.err() + push.out());

      Run listed = CommandsTest.run("directories", "--jdbc", jdbc);
      assertEquals(0, listed.status(), listed.err());
      assertEquals(
          List.of("realm-a\t3 organizations", "realm-b\t3 organizations"),
          listed.out().lines().toList(),
          "nothing in the default directory");
    }
  }

  @Test
  @DisplayName(
      "sync lists the tenant once, then reads changes from the audit log, resuming from the database (R-ENT-5)")
  void syncResumesFromTheLedger(@TempDir Path dir) throws Exception {
    try (FakeEntra entra = tenant(4)) {
      String jdbc = database("sync_resume");
      List<String> sync = new ArrayList<>(List.of("sync", "--jdbc", jdbc));
      sync.addAll(signIn(entra, dir.resolve("secret")));

      Run first = run(sync, List.of());
      assertEquals(0, first.status(), first.err() + first.out());
      assertTrue(first.out().contains("full list: 4 read, 4 written"), first.out());

      String id = entra.organizationsJson().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
      entra.updateOrganization(id, "{\"displayName\":\"Renamed in the portal\"}");
      entra.resetCounts();
      Run second = run(sync, List.of("--every", "10s", "--rounds", "2"));
      assertEquals(0, second.status(), second.err() + second.out());
      // The entries of the seeding, from before the full list, are read once too (and change
      // nothing): 4 creates, 4 sponsors, and the rename.
      assertTrue(
          second.out().contains("audit log: 9 new entries, 4 read, 1 written"), second.out());
      assertTrue(
          second.out().contains("audit log: 0 new entries, 0 read, 0 written"), second.out());
      assertEquals(
          0,
          entra.log().stream().filter(r -> r.target().endsWith("connectedOrganizations")).count(),
          "no full list after the first");
      assertFalse(second.out().contains(SECRET) || second.err().contains(SECRET));

      Run bad = run(sync, List.of("--every", "5s"));
      assertEquals(2, bad.status());
      assertTrue(bad.err().contains("--every 5s is out of range: 10s to 1d"), bad.err());
    }
  }

  @Test
  @DisplayName("a --client-certificate that is no PKCS #12 file is bad input, naming the file")
  void aCertificateThatIsNoKeyStore(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("app.p12"), "not a key store");
    Run r =
        run(
            List.of(
                "pull",
                "--jdbc",
                "jdbc:postgresql://localhost/none",
                "--tenant-id",
                TENANT,
                "--client-id",
                "cli-app",
                "--client-certificate",
                text.toString()),
            List.of());
    assertEquals(2, r.status(), r.err());
    assertTrue(
        r.err().contains("--client-certificate " + text + ": cannot be read as PKCS #12"), r.err());
  }

  @Test
  @DisplayName("push is a dry run until --confirm, then converges (R-ENT-1)")
  void pushDryRunThenConfirm(@TempDir Path dir) throws Exception {
    try (FakeEntra entra = tenant(3)) {
      String jdbc = database("push_confirm");
      List<String> sign = signIn(entra, dir.resolve("secret"));
      List<String> pull = new ArrayList<>(List.of("pull", "--jdbc", jdbc, "--apply"));
      pull.addAll(sign);
      assertEquals(0, run(pull, List.of()).status());

      var source = new org.postgresql.ds.PGSimpleDataSource();
      source.setURL(jdbc);
      ConnectedOrganizations orgs =
          Entente.builder()
              .store(
                  PostgresOrganizationStore.of(
                      source, PostgresSchema.named(PostgresSchema.DEFAULT)))
              .build()
              .organizations();
      ConnectedOrganization first = orgs.all().findFirst().orElseThrow();
      orgs.update(
          first.id(),
          first.version(),
          OrganizationChanges.builder().displayName("Renamed here").build(),
          Actor.administrator("admin@host.example"));

      List<String> push = new ArrayList<>(List.of("push", "--jdbc", jdbc));
      push.addAll(sign);
      long writesBefore =
          entra.log().stream()
              .filter(r -> !r.method().equals("GET") && !r.target().equals("/$batch"))
              .count();
      Run dry = run(push, List.of());
      assertEquals(1, dry.status(), dry.err() + dry.out());
      assertTrue(dry.out().contains("PATCH") && dry.out().contains("dry run"), dry.out());
      assertEquals(
          writesBefore,
          entra.log().stream()
              .filter(r -> !r.method().equals("GET") && !r.target().equals("/$batch"))
              .count(),
          "a dry run sends no write");
      Run confirmed = run(push, List.of("--confirm"));
      assertEquals(0, confirmed.status(), confirmed.err() + confirmed.out());
      assertTrue(entra.organizationsJson().contains("Renamed here"));
      Run again = run(push, List.of());
      assertEquals(0, again.status(), again.out());
    }
  }

  @Test
  @DisplayName("discover prints the source the portal would add, and why (R-ENT-3)")
  void discover(@TempDir Path dir) throws Exception {
    try (FakeEntra entra = tenant(0)) {
      List<String> discover =
          new ArrayList<>(List.of("discover", "Contoso.COM", "fabrikam.com", "nobody.example"));
      discover.addAll(signIn(entra, dir.resolve("secret")));
      Run r = run(discover, List.of());
      assertEquals(0, r.status(), r.err());
      List<String> lines = r.out().lines().toList();
      assertEquals(
          "contoso.com: Entra tenant "
              + TENANT
              + " \"Contoso Ltd\" in the global cloud (authentication: Microsoft Entra ID)",
          lines.get(0));
      assertTrue(
          lines.get(2).startsWith("fabrikam.com: SAML/WS-Fed federation \"Fabrikam IdP\""),
          lines.get(2));
      assertTrue(lines.get(4).startsWith("nobody.example: no directory known"), lines.get(4));
      assertTrue(lines.get(5).contains("AADSTS90002"), lines.get(5));
    }
  }

  @Test
  @DisplayName("a wrong secret is one line in Entra's words, never the secret, status 2")
  void aWrongSecret(@TempDir Path dir) throws Exception {
    try (FakeEntra entra = tenant(1)) {
      List<String> discover = new ArrayList<>(List.of("discover", "contoso.com", "--verbose"));
      List<String> sign = signIn(entra, dir.resolve("secret"));
      Files.writeString(dir.resolve("secret"), "wrong-" + SECRET);
      discover.addAll(sign);
      Run r = run(discover, List.of());
      assertEquals(2, r.status());
      assertTrue(r.err().startsWith("entente: GET "), r.err());
      assertTrue(r.err().contains("AADSTS7000215"), r.err());
      assertFalse(r.err().contains(SECRET), "the secret is never printed");
    }
  }

  @Test
  @DisplayName("a missing client id says which option or variable to give")
  void aMissingClientId() {
    Run r = CommandsTest.run("discover", "contoso.com", "--tenant-id", TENANT);
    assertEquals(2, r.status());
    assertEquals(
        List.of("entente: no --client-id: give it, or set ENTENTE_CLIENT_ID"),
        r.err().lines().toList());
  }

  @Test
  @DisplayName(
      "fake-entra serves a tenant on loopback until interrupted, and pull runs against what it"
          + " prints")
  void theFakeRunsAsACommand(@TempDir Path dir) throws Exception {
    java.io.PipedOutputStream pipe = new java.io.PipedOutputStream();
    java.io.BufferedReader printed =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                new java.io.PipedInputStream(pipe, 1 << 16),
                java.nio.charset.StandardCharsets.UTF_8));
    java.util.concurrent.atomic.AtomicInteger status =
        new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread server =
        new Thread(
            () ->
                status.set(
                    Main.run(
                        new String[] {"fake-entra", "--organizations", "5"},
                        new java.io.PrintStream(
                            pipe, true, java.nio.charset.StandardCharsets.UTF_8),
                        new java.io.PrintStream(
                            java.io.OutputStream.nullOutputStream(),
                            true,
                            java.nio.charset.StandardCharsets.UTF_8))));
    server.start();
    List<String> pointAt = new ArrayList<>();
    String line;
    while ((line = printed.readLine()) != null && !line.startsWith("and its secret")) {
      if (line.startsWith("  --")) { // the options it prints, to pass on as they are
        pointAt.addAll(List.of(line.strip().split(" ")));
      }
    }
    assertTrue(pointAt.contains("--graph-root"), pointAt.toString());
    Path secret = Files.writeString(dir.resolve("secret"), "local\n");
    List<String> pull =
        new ArrayList<>(
            List.of(
                "pull",
                "--jdbc",
                database("from_fake"),
                "--client-secret-file",
                secret.toString()));
    pull.addAll(pointAt);
    Run dry = run(pull, List.of());
    server.interrupt();
    server.join(java.time.Duration.ofMinutes(2).toMillis()); // a hang guard, not a limit
    assertEquals(1, dry.status(), dry.err() + dry.out());
    assertTrue(dry.out().contains("5 create"), dry.out());
    assertEquals(0, status.get(), "stopped cleanly when interrupted");
  }
}
