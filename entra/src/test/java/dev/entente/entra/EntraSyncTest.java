package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.embedded.InMemorySyncLedger;
import dev.entente.entra.fake.Dispatcher;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.errors.ValidationException;
import dev.entente.graph.GraphJson;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.SyncLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An incremental sync from Entra's audit log, left running (R-ENT-5). */
class EntraSyncTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final String ORGS =
      "/identityGovernance/entitlementManagement/connectedOrganizations";

  /** A local store, the writes the sync made to it, and a sync into it. */
  private static final class Local {
    final List<AuditEvent> writes = new ArrayList<>();
    final Entente entente;

    Local(Connections c) {
      this.entente =
          Entente.builder()
              .clock(c.time)
              .auditSink(
                  e -> {
                    synchronized (writes) {
                      writes.add(e);
                    }
                  })
              .build();
    }

    /** {@return the display name of the store's organization {@code id}} */
    String name(String id) {
      return entente.organizations().get(OrganizationId.of(id)).orElseThrow().displayName();
    }

    /** {@return a sync into this store, its ledger in memory, listing the tenant every hour} */
    EntraSync hourly(Connections c) {
      return sync(c, InMemorySyncLedger.create(c.time)).reconcileEvery(Duration.ofHours(1)).build();
    }

    EntraSync.Builder sync(Connections c, SyncLedger ledger) {
      return EntraSync.builder(c.connection(), entente.organizations(), ledger);
    }
  }

  @Test
  void
      aWeekOfPortalChangesEndsEqualToEntraWithEachEntryLetThroughOnceAndNoFullListBetweenReconcilesR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder().lateAuditLog(true).seed(5));
    try (FakeEntra entra = c.entra) {
      List<String> seeded = Seeds.organizations(entra, 60);
      Local local = new Local(c);
      GraphJson graph = c.connection().graphJson();
      EntraSync sync = local.sync(c, InMemorySyncLedger.create(c.time)).build();
      Portal portal = new Portal(entra, seeded, new Random(42));
      Map<String, List<Instant>> pending = new HashMap<>();
      List<Duration> delays = new ArrayList<>();
      List<Instant> fullRounds = new ArrayList<>();
      long letThrough = 0;
      int changes = 0;

      // 7 days less two hours of changes, a quarter of an hour to drain, an idle hour: all before
      // the seventh daily reconcile.
      int minutes = 7 * 24 * 60 - 120;
      for (int minute = 0; minute < minutes + 15 + 60; minute++) {
        if (minute < minutes && portal.random.nextInt(100) < 6) {
          String changed = portal.change();
          pending.computeIfAbsent(changed, k -> new ArrayList<>()).add(c.time.instant());
          changes++;
        }
        if (minute == minutes + 15) {
          assertTrue(pending.isEmpty(), "every change reached the store: " + pending.keySet());
          assertEquals(
              expected(entra, graph), actual(local), "the store equals Entra after the week");
          entra.resetCounts();
        }
        SyncReport round = sync.runOnce();
        letThrough += round.auditEntries();
        if (round.round() == SyncReport.Round.FULL) {
          fullRounds.add(round.startedAt());
        }
        assertTrue(round.failures().isEmpty(), round.failures().toString());
        reflected(entra, graph, local, pending, delays, c.time.instant());
        c.time.sleep(MINUTE);
      }

      assertTrue(changes > 500, "changes made in the portal: " + changes);
      assertEquals(7, fullRounds.size(), "a full list at the start and once a day: " + fullRounds);
      assertEquals(
          entra.auditEntryCount(), letThrough, "each audit entry let through exactly once");
      long writes = local.writes.stream().filter(e -> e.actor().equals(EntraSync.SYNC)).count();
      assertTrue(
          writes <= changes + seeded.size(),
          "no change applied twice: " + writes + " writes for " + changes + " changes");
      delays.sort(null);
      Duration p95 = delays.get((int) Math.ceil(delays.size() * 0.95) - 1);
      assertTrue(
          p95.compareTo(Duration.ofMinutes(3)) <= 0,
          "p95 from a change in Entra to the local store: " + p95);
      // The idle hour: one audit read a minute, nothing else.
      assertTrue(entra.auditRequestCount() <= 60, "audit reads in an idle hour");
      assertEquals(entra.auditRequestCount(), entra.requestCount(), "only audit reads when idle");
    }
  }

  @Test
  void organizationsAreListedWholeOnlyInFullRoundsR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder().pageSize(10));
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 25);
      Local local = new Local(c);
      EntraSync sync = local.hourly(c);
      List<Instant> full = new ArrayList<>();
      for (int minute = 0; minute < 150; minute++) {
        if (minute % 7 == 3) {
          entra.updateOrganization(
              ids.get(minute % ids.size()), "{\"description\":\"m" + minute + "\"}");
        }
        SyncReport round = sync.runOnce();
        if (round.round() == SyncReport.Round.FULL) {
          full.add(round.startedAt());
        }
        c.time.sleep(MINUTE);
      }
      assertEquals(3, full.size(), "at 0, 60 and 120 minutes: " + full);
      Set<Instant> listedAt =
          entra.log().stream()
              .filter(
                  r ->
                      r.method().equals("GET") && r.target().startsWith(ORGS + "?")
                          || r.target().equals(ORGS))
              .map(FakeEntra.Recorded::at)
              .collect(Collectors.toSet());
      assertEquals(new HashSet<>(full), listedAt, "the tenant is listed in full rounds only");
    }
  }

  @Test
  void aChangeTheAuditLogNeverShowsIsFoundByTheNextReconcileAndADeleteIsAppliedR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 10);
      Local local = new Local(c);
      EntraSync sync = local.hourly(c);
      assertEquals(SyncReport.Round.FULL, sync.runOnce().round());
      assertEquals(10, local.entente.organizations().all().count());

      // The log loses everything from now on: an empty page for every read.
      entra.dispatcher(
          (request, fake) ->
              request.target().startsWith("/v1.0/auditLogs/")
                  ? new Dispatcher.Response(
                      200,
                      Map.of("Content-Type", "application/json"),
                      "{\"value\":[]}".getBytes(StandardCharsets.UTF_8),
                      Duration.ZERO)
                  : fake.get());
      entra.deleteOrganization(ids.get(0));
      entra.updateOrganization(ids.get(1), "{\"displayName\":\"Renamed quietly\"}");
      for (int minute = 0; minute < 30; minute++) {
        c.time.sleep(MINUTE);
        assertEquals(SyncReport.Round.INCREMENTAL, sync.runOnce().round());
      }
      assertTrue(local.entente.organizations().get(OrganizationId.of(ids.get(0))).isPresent());

      c.time.sleep(Duration.ofMinutes(31));
      SyncReport reconcile = sync.runOnce();
      assertEquals(SyncReport.Round.FULL, reconcile.round());
      assertEquals(1, reconcile.deleted(), reconcile.toString());
      assertTrue(local.entente.organizations().get(OrganizationId.of(ids.get(0))).isEmpty());
      assertEquals("Renamed quietly", local.name(ids.get(1)));
    }
  }

  @Test
  void anIdentitySourceMovedToANewOrganizationInOneRoundIsDeletedThenCreatedR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 3);
      Local local = new Local(c);
      EntraSync sync = local.sync(c, InMemorySyncLedger.create(c.time)).build();
      assertEquals(SyncReport.Round.FULL, sync.runOnce().round());
      // Seeds.organizations(…, 3): the second holds the email domain org1.example.
      entra.deleteOrganization(ids.get(1));
      String moved =
          entra.addOrganization(
              "{\"displayName\":\"Org 1, again\",\"identitySources\":[{\"@odata.type\":"
                  + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"org1.example\","
                  + "\"displayName\":\"org1.example\"}]}");
      c.time.sleep(MINUTE);
      SyncReport round = sync.runOnce();
      assertEquals(SyncReport.Round.INCREMENTAL, round.round());
      assertTrue(round.failures().isEmpty(), round.failures().toString());
      assertEquals(1, round.deleted());
      assertEquals("Org 1, again", local.name(moved));
      assertTrue(local.entente.organizations().get(OrganizationId.of(ids.get(1))).isEmpty());
    }
  }

  @Test
  void anOrganizationEntraHoldsButTheModelRefusesIsKeptNeverDeletedR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 3);
      Local local = new Local(c);
      EntraSync sync = local.hourly(c);
      assertEquals(SyncReport.Round.FULL, sync.runOnce().round());
      // A name the model refuses (a control character), which Graph takes.
      entra.updateOrganization(ids.get(0), "{\"displayName\":\"Bell \\u0007\"}");
      c.time.sleep(MINUTE);
      SyncReport incremental = sync.runOnce();
      assertEquals(SyncReport.Round.INCREMENTAL, incremental.round());
      assertEquals(1, incremental.failures().size(), incremental.failures().toString());
      c.time.sleep(Duration.ofHours(1));
      SyncReport reconcile = sync.runOnce();
      assertEquals(SyncReport.Round.FULL, reconcile.round());
      assertEquals(0, reconcile.deleted(), reconcile.toString());
      assertEquals("Organization 0", local.name(ids.get(0)), "kept as it was last read");
    }
  }

  @Test
  void aRestartResumesFromTheLedgerWithoutAFullListR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 12);
      Local local = new Local(c);
      SyncLedger ledger = InMemorySyncLedger.create(c.time);
      try (EntraSync first = local.sync(c, ledger).holder("instance-1").build()) {
        assertEquals(SyncReport.Round.FULL, first.runOnce().round());
        c.time.sleep(MINUTE);
        assertEquals(SyncReport.Round.INCREMENTAL, first.runOnce().round());
      }
      entra.updateOrganization(ids.get(3), "{\"displayName\":\"After the restart\"}");
      c.time.sleep(MINUTE);
      entra.resetCounts();

      EntraSync second = local.sync(c, ledger).holder("instance-2").build();
      SyncReport resumed = second.runOnce();
      assertEquals(SyncReport.Round.INCREMENTAL, resumed.round(), "no full list after a restart");
      assertEquals(1, resumed.auditEntries(), "only the entry the first instance had not seen");
      assertEquals("After the restart", local.name(ids.get(3)));
    }
  }

  @Test
  void ofTwoInstancesOnlyTheLeaseHolderAppliesAndOneThatLostItsLeaseWritesNothingR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 8);
      Local local = new Local(c);
      InMemorySyncLedger shared = InMemorySyncLedger.create(c.time);
      EntraSync b = local.sync(c, shared).holder("b").build();
      AtomicInteger bRounds = new AtomicInteger();
      // A's ledger: once asked to, A pauses past its lease before it applies, and B takes over.
      Pausing pausing =
          new Pausing(
              shared,
              () -> {
                c.time.sleep(Duration.ofMinutes(6));
                b.runOnce();
                bRounds.incrementAndGet();
              });
      EntraSync a = local.sync(c, pausing).holder("a").build();
      assertEquals(SyncReport.Round.FULL, a.runOnce().round());
      for (int minute = 0; minute < 5; minute++) {
        c.time.sleep(MINUTE);
        assertEquals(SyncReport.Round.NOT_HOLDER, b.runOnce().round(), "A renews its lease");
        assertEquals(SyncReport.Round.INCREMENTAL, a.runOnce().round());
      }

      entra.updateOrganization(ids.get(2), "{\"displayName\":\"Changed once\"}");
      c.time.sleep(MINUTE);
      int before = local.writes.size();
      pausing.pause = true;
      SyncReport lost = a.runOnce();
      assertEquals(SyncReport.Round.LEASE_LOST, lost.round(), lost.toString());
      assertEquals(0, lost.written());
      assertEquals(1, bRounds.get());
      assertEquals(
          before + 1, local.writes.size(), "B applied the change, A did not apply it again");
      assertEquals(SyncReport.Round.INCREMENTAL, b.lastRound().orElseThrow().round());
    }
  }

  @Test
  void withoutTheAuditPermissionItSaysSoOnceAndListsWholeUntilItMayReadR_ENT_5() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 6);
      entra.denyAuditLog(true);
      Local local = new Local(c);
      EntraSync sync = local.hourly(c);
      assertEquals(SyncReport.Round.FULL, sync.runOnce().round());
      for (int minute = 0; minute < 30; minute++) {
        c.time.sleep(MINUTE);
        entra.updateOrganization(ids.get(minute % 6), "{\"description\":\"d" + minute + "\"}");
        assertEquals(SyncReport.Round.FULL, sync.runOnce().round(), "a full list each round");
        assertFalse(sync.auditLogReadable());
        assertEquals(
            "d" + minute,
            local
                .entente
                .organizations()
                .get(OrganizationId.of(ids.get(minute % 6)))
                .orElseThrow()
                .description()
                .orElseThrow());
      }
      assertEquals(1, entra.auditRequestCount(), "the log is tried once per reconcile period");

      entra.denyAuditLog(false);
      c.time.sleep(Duration.ofHours(1));
      sync.runOnce();
      c.time.sleep(MINUTE);
      assertEquals(SyncReport.Round.INCREMENTAL, sync.runOnce().round());
      assertTrue(sync.auditLogReadable());
    }
  }

  @Test
  void aSyncRefusesSettingsOutsideTheirRangesNamingTheField() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      EntraSync.Builder b =
          EntraSync.builder(
              c.connection(), Entente.inMemory().organizations(), InMemorySyncLedger.create());
      assertEquals(0, entra.requestCount(), "building a sync sends nothing");
      assertEquals(
          "overlap",
          assertThrows(ValidationException.class, () -> b.overlap(Duration.ofMinutes(2))).field());
      assertEquals(
          "reconcileEvery",
          assertThrows(ValidationException.class, () -> b.reconcileEvery(Duration.ofDays(8)))
              .field());
      assertEquals(
          "lease", assertThrows(ValidationException.class, () -> b.lease(Duration.ZERO)).field());
      assertEquals("holder", assertThrows(ValidationException.class, () -> b.holder(" ")).field());
    }
  }

  /** A ledger that runs a pause before an advance, once asked to. */
  private static final class Pausing implements SyncLedger {
    final SyncLedger ledger;
    final Runnable whilePaused;
    boolean pause;

    Pausing(SyncLedger ledger, Runnable whilePaused) {
      this.ledger = ledger;
      this.whilePaused = whilePaused;
    }

    @Override
    public Optional<Lease> claim(String holder, Duration ttl) {
      return ledger.claim(holder, ttl);
    }

    @Override
    public Optional<SyncCursor> cursor() {
      return ledger.cursor();
    }

    @Override
    public boolean advance(Lease lease, SyncCursor next, Runnable apply) {
      if (pause) {
        pause = false;
        whilePaused.run();
      }
      return ledger.advance(lease, next, apply);
    }

    @Override
    public void release(Lease lease) {
      ledger.release(lease);
    }
  }

  // ----- the portal, and what the store should hold -----

  /** Random changes an administrator makes in the portal. */
  private static final class Portal {
    final FakeEntra entra;
    final List<String> ids;
    final Random random;
    final Map<String, Set<String>> internal = new HashMap<>();
    final Map<String, Set<String>> external = new HashMap<>();
    int created;

    Portal(FakeEntra entra, List<String> ids, Random random) {
      this.entra = entra;
      this.ids = new ArrayList<>(ids);
      this.random = random;
      for (String id : ids) {
        internal.put(id, new HashSet<>());
        external.put(id, new HashSet<>());
      }
      // What the seeds gave them:
      for (int i = 0; i < ids.size(); i++) {
        internal.get(ids.get(i)).add(Seeds.user(i % 40));
        if (i % 2 == 0) {
          external.get(ids.get(i)).add(Seeds.group(i % 40));
        }
        if (i % 5 == 0) {
          external.get(ids.get(i)).add(Seeds.user((i + 1) % 40));
        }
      }
    }

    /** Makes one change; returns the organization it changed. */
    String change() {
      int kind = random.nextInt(100);
      if (kind < 20 || ids.size() < 5) {
        created++;
        boolean proposed = random.nextBoolean(); // an approval's auto-proposed organization
        String source =
            proposed
                ? "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\""
                    + new UUID(0xAB0L, created)
                    + "\",\"displayName\":\"Proposed "
                    + created
                    + "\"}"
                : "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"new"
                    + created
                    + ".example\",\"displayName\":\"new"
                    + created
                    + ".example\"}";
        String id =
            entra.addOrganization(
                "{\"displayName\":\"New "
                    + created
                    + "\",\"state\":\""
                    + (proposed ? "proposed" : "configured")
                    + "\",\"identitySources\":["
                    + source
                    + "]}");
        ids.add(id);
        internal.put(id, new HashSet<>());
        external.put(id, new HashSet<>());
        return id;
      }
      String id = ids.get(random.nextInt(ids.size()));
      if (kind < 50) {
        String patch =
            switch (random.nextInt(3)) {
              case 0 -> "{\"displayName\":\"Renamed " + random.nextInt(1_000_000) + "\"}";
              case 1 -> "{\"description\":\"Changed " + random.nextInt(1_000_000) + "\"}";
              default ->
                  "{\"state\":\"" + (random.nextBoolean() ? "configured" : "proposed") + "\"}";
            };
        entra.updateOrganization(id, patch);
      } else if (kind < 62) {
        entra.deleteOrganization(id);
        ids.remove(id);
      } else if (kind < 84) {
        boolean in = random.nextBoolean();
        boolean group = random.nextBoolean();
        int n = random.nextInt(40);
        String sponsor = group ? Seeds.group(n) : Seeds.user(n);
        entra.addSponsor(id, in, group, sponsor, (group ? "Group " : "User ") + n);
        (in ? internal : external).get(id).add(sponsor);
      } else {
        boolean in = random.nextBoolean();
        Set<String> held = (in ? internal : external).get(id);
        if (held.isEmpty()) {
          entra.updateOrganization(id, "{\"description\":\"No sponsor to remove\"}");
        } else {
          String sponsor = held.iterator().next();
          entra.removeSponsor(id, in, sponsor);
          held.remove(sponsor);
        }
      }
      return id;
    }
  }

  /** Marks the changes of each organization whose store copy now equals Entra's as arrived. */
  private static void reflected(
      FakeEntra entra,
      GraphJson graph,
      Local local,
      Map<String, List<Instant>> pending,
      List<Duration> delays,
      Instant now) {
    for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, List<Instant>> e = it.next();
      Optional<String> inEntra = entra.organizationJson(e.getKey());
      Optional<ConnectedOrganization> stored =
          local.entente.organizations().get(OrganizationId.of(e.getKey()));
      boolean same =
          inEntra.isEmpty()
              ? stored.isEmpty()
              : stored.isPresent()
                  && fields(graph.toOrganization(graph.readOrganization(inEntra.get())))
                      .equals(fields(stored.get()));
      if (same) {
        e.getValue().forEach(t -> delays.add(Duration.between(t, now)));
        it.remove();
      }
    }
  }

  private static Map<String, Object> expected(FakeEntra entra, GraphJson graph) {
    Map<String, Object> all = new LinkedHashMap<>();
    graph.readAll(entra.organizationsJson()).stream()
        .map(graph::toOrganization)
        .forEach(o -> all.put(o.id().toString(), fields(o)));
    return all;
  }

  private static Map<String, Object> actual(Local local) {
    Map<String, Object> all = new LinkedHashMap<>();
    local.entente.organizations().all().forEach(o -> all.put(o.id().toString(), fields(o)));
    return all;
  }

  private static List<Object> fields(ConnectedOrganization o) {
    return List.of(
        o.displayName(),
        o.description(),
        o.state(),
        o.identitySources(),
        ids(o.internalSponsors()),
        ids(o.externalSponsors()));
  }

  private static Set<String> ids(Set<Sponsor> sponsors) {
    return sponsors.stream().map(Sponsor::id).collect(Collectors.toSet());
  }
}
