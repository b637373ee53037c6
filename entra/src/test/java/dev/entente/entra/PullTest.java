package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.entra.fake.Faults;
import dev.entente.graph.GraphOrganization;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pulling a tenant's connected organizations (R-ENT-1) as a good citizen of Graph (R-ENT-2). */
class PullTest {

  @Test
  void aPullOfTheTenantLimitLosesAndDuplicatesNothingAndBatchesTheSponsorsR_ENT_1() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      List<String> ids = Seeds.organizations(entra, 2_500);
      EntraSnapshot tenant = c.connection().pull();

      List<String> pulled = tenant.organizations().stream().map(o -> o.id().orElseThrow()).toList();
      assertEquals(2_500, pulled.size());
      assertEquals(new HashSet<>(ids), new HashSet<>(pulled), "every organization, once");
      assertTrue(tenant.problems().isEmpty(), tenant.problems().toString());
      GraphOrganization first = tenant.organizations().get(0);
      assertTrue(first.internalSponsors().isPresent() && first.externalSponsors().isPresent());
      int sponsors =
          tenant.organizations().stream()
              .mapToInt(
                  o ->
                      o.internalSponsors().orElseThrow().size()
                          + o.externalSponsors().orElseThrow().size())
              .sum();
      assertEquals(2_500 + 1_250 + 500, sponsors, "every sponsor of every organization");
      double perOrganization = tenant.requests() / 2_500.0;
      assertTrue(perOrganization <= 0.15, "HTTP requests per organization: " + perOrganization);
      assertEquals(tenant.requests(), entra.requestCount());
    }
  }

  @Test
  void aSecondPullOfAnUnchangedTenantPlansNothingR_ENT_1() {
    Connections c = new Connections(FakeEntra.builder().pageSize(7).sponsorPageSize(1));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 60);
      Entente local = Entente.inMemory();
      Entra connection = c.connection();

      ImportPlan first = connection.pull().planImport(local.organizations());
      assertEquals(60, first.count(dev.entente.ImportStep.Kind.CREATE), first.toString());
      ImportReport report = first.apply();
      assertEquals(0, report.refused(), report.toString());
      List<ConnectedOrganization> stored = local.organizations().all().toList();
      assertEquals(60, stored.size());
      assertTrue(
          stored.stream().anyMatch(o -> o.externalSponsors().size() == 2),
          "sponsor lists paged one at a time are whole");

      ImportPlan second = connection.pull().planImport(local.organizations());
      assertTrue(second.changesNothing(), second.toString());
    }
  }

  @Test
  void anEmptyPageIsNotTheEndR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder().pageSize(10).emptyPages(true));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 35);
      assertEquals(35, c.connection().pull().organizations().size());
      assertTrue(
          entra.log().stream().anyMatch(r -> r.target().contains("$skiptoken")),
          "the pull followed the next links");
    }
  }

  @Test
  void throttledRequestsAreRetriedNeverBeforeRetryAfterAndOnceEachR_ENT_2() {
    // The same tenant twice: once on a good day, once with 10 % of requests throttled, half of
    // them without Retry-After.
    long good;
    long goodInner;
    Connections calm = new Connections(FakeEntra.builder().seed(7));
    try (FakeEntra entra = calm.entra) {
      Seeds.organizations(entra, 2_500);
      calm.connection().pull();
      good = entra.requestCount();
      goodInner = entra.log().stream().filter(FakeEntra.Recorded::inBatch).count();
    }
    Connections c = new Connections(FakeEntra.builder().seed(7));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 2_500);
      entra.faults(Faults.none().throttling(0.10, 0.5, Duration.ofSeconds(3)));
      // One batch at a time: the fake judges "early" by the order requests arrive in, which is
      // exact only for requests sent one after another (batches in flight together: below).
      EntraSnapshot tenant = c.connection(Cloud.GLOBAL).batchesInFlight(1).build().pull();

      assertEquals(2_500, tenant.organizations().size());
      assertTrue(entra.throttledCount() > 20, "throttled " + entra.throttledCount());
      assertEquals(0, entra.earlyRequestCount(), "requests sent before Retry-After allowed");
      long throttledInner =
          entra.log().stream().filter(r -> r.inBatch() && r.status() == 429).count();
      long inner = entra.log().stream().filter(FakeEntra.Recorded::inBatch).count();
      assertEquals(goodInner + throttledInner, inner, "one extra request per throttled request");
      assertTrue(
          entra.requestCount() <= good + entra.throttledCount(),
          entra.requestCount()
              + " requests, "
              + good
              + " on a good day, "
              + entra.throttledCount()
              + " throttled");
      assertTrue(c.time.slept().compareTo(Duration.ofSeconds(3)) >= 0);
    }
  }

  @Test
  void retryAfterAsAnHttpDateIsHonouredR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder().seed(3));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 300);
      entra.faults(Faults.none().throttling(0.2, 0, Duration.ofSeconds(5)).withHttpDates());
      assertEquals(
          300, c.connection(Cloud.GLOBAL).batchesInFlight(1).build().pull().organizations().size());
      assertTrue(entra.throttledCount() > 0);
      assertEquals(0, entra.earlyRequestCount());
    }
  }

  @Test
  void unavailableAnswersAreRetriedWithinTheBudgetR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder().seed(5));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 400);
      entra.faults(Faults.none().unavailable(0.15));
      assertEquals(400, c.connection().pull().organizations().size());
    }
  }

  @Test
  void
      aServiceThatStaysDownEndsThePullWithATypedErrorNamingTheRequestAndTheStoreUntouchedR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 5);
      entra.faults(Faults.none().unavailable(1.0));
      Entente local = Entente.inMemory();
      Entra connection =
          c.connection(Cloud.GLOBAL)
              .retries(
                  new Retries(
                      3,
                      Duration.ofSeconds(1),
                      Duration.ofSeconds(8),
                      2,
                      Duration.ofSeconds(30),
                      Duration.ofMinutes(10)))
              .build();
      EntraException e = assertThrows(EntraException.class, connection::pull);
      assertEquals(EntraException.Reason.UNAVAILABLE, e.reason());
      assertEquals(503, e.status());
      assertTrue(
          e.request().startsWith("GET " + entra.graphRoot() + "/identityGovernance"), e.request());
      assertEquals(4, entra.requestCount(), "one request and three retries");
      assertEquals(0, local.organizations().all().count());
    }
  }

  @Test
  void anUnreachableServiceIsRetriedWithinTheBudgetThenReportedR_ENT_2() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: connections to it are refused
    }
    dev.entente.entra.fake.VirtualTime time =
        new dev.entente.entra.fake.VirtualTime(java.time.Instant.parse("2026-12-01T09:00:00Z"));
    Entra connection =
        Entra.builder(Cloud.GLOBAL, (scopes, refresh) -> new AccessToken("t", time.instant()))
            .graphRoot("http://127.0.0.1:" + port + "/v1.0")
            .time(time, time::sleep)
            .retries(
                new Retries(
                    2,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(4),
                    0,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10)))
            .build();
    EntraException e = assertThrows(EntraException.class, connection::pull);
    assertEquals(EntraException.Reason.UNAVAILABLE, e.reason());
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("unreachable after 3 attempts: "), e.getMessage());
    assertFalse(e.getMessage().contains("java.net."), "why, in words: " + e.getMessage());
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    assertTrue(time.slept().compareTo(Duration.ofMillis(1_500)) >= 0, "backed off " + time.slept());
  }

  @Test
  void anExpiredTokenIsReplacedOnceR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder().pageSize(5));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 30);
      Entra connection = c.connection();
      AccessTokens expiring =
          (scopes, refresh) -> {
            AccessToken token = c.tokens().token(scopes, refresh);
            entra.expireTokens(); // every token dies as soon as it is handed out...
            return refresh ? new AccessToken(entra.issueToken(), token.expiresAt()) : token;
          };
      // ...so each request is refused once, then sent again with a fresh token (one batch at a
      // time: a token handed to one batch would kill the one another is using).
      Entra flaky =
          Entra.builder(Cloud.GLOBAL, expiring)
              .graphRoot(entra.graphRoot())
              .time(c.time, c.time::sleep)
              .batchesInFlight(1)
              .build();
      assertEquals(30, flaky.pull().organizations().size());
      long refused = entra.log().stream().filter(r -> r.status() == 401).count();
      assertEquals(refused, c.refreshes.get(), "one fresh token per refusal");
      assertEquals(2 * refused, entra.requestCount(), "each refused request sent exactly twice");
      assertEquals(30, connection.pull().organizations().size());
    }
  }

  @Test
  void aTokenRefusedTwiceEndsThePullAsUnauthorizedR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      Entra connection =
          Entra.builder(
                  Cloud.GLOBAL,
                  (scopes, refresh) -> new AccessToken("not-a-token", c.time.instant()))
              .graphRoot(entra.graphRoot())
              .time(c.time, c.time::sleep)
              .build();
      EntraException e = assertThrows(EntraException.class, connection::pull);
      assertEquals(EntraException.Reason.UNAUTHORIZED, e.reason());
      assertEquals(2, entra.requestCount());
      assertEquals("InvalidAuthenticationToken", e.code().orElseThrow());
      assertFalse(e.getMessage().contains("not-a-token"));
    }
  }

  @Test
  void aTokenPortThatFailsIsReportedAsATokenFailureR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      Entra connection =
          Entra.builder(
                  Cloud.GLOBAL,
                  (scopes, refresh) -> {
                    throw new IllegalStateException("vault sealed");
                  })
              .graphRoot(entra.graphRoot())
              .build();
      EntraException e = assertThrows(EntraException.class, connection::pull);
      assertEquals(EntraException.Reason.TOKEN, e.reason());
      assertTrue(e.getMessage().contains("vault sealed"), e.getMessage());
      assertEquals(0, entra.requestCount());
    }
  }

  @Test
  void aBackgroundSyncMarksEveryGraphRequestLowPriorityR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder().pageSize(4));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 30);
      c.connection(Cloud.GLOBAL).lowPriority(true).build().pull();
      Set<String> priorities =
          entra.log().stream().map(r -> String.valueOf(r.priority())).collect(Collectors.toSet());
      assertEquals(Set.of("low"), priorities);
      entra.resetCounts();
      c.connection().pull();
      assertEquals(
          Set.of("null"),
          entra.log().stream().map(r -> String.valueOf(r.priority())).collect(Collectors.toSet()));
    }
  }

  @Test
  void batchesGoSeveralAtATimeAndAThrottledOneHoldsTheNextRoundR_ENT_2() {
    // Each answer takes a second, so the batches of a round all arrive before any is answered, and
    // the fake's "early" (judged by arrival) is exact for them too. Generous on purpose: at 100 ms,
    // a loaded machine sent a round's last batch after the first one's 429 was answered, which the
    // fake, judging by arrival, counted as early.
    Connections c =
        new Connections(FakeEntra.builder().latency(Duration.ofSeconds(1)).pageSize(100));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 400);
      entra.faults(Faults.none().throttling(0.05, 0.5, Duration.ofSeconds(3)));
      EntraSnapshot tenant = c.connection().pull();
      assertEquals(400, tenant.organizations().size());
      assertTrue(tenant.problems().isEmpty(), tenant.problems().toString());
      int most = entra.mostRequestsInFlight();
      assertTrue(
          most >= 2 && most <= Entra.DEFAULT_BATCHES_IN_FLIGHT,
          "batches in flight at once: " + most);
      assertTrue(entra.throttledCount() > 0, "some requests were throttled");
      assertEquals(0, entra.earlyRequestCount(), "no request before a Retry-After allowed");
      assertTrue(tenant.requests() / 400.0 <= 0.15, "requests per organization");
    }
  }

  @Test
  void oneBatchInFlightSendsThemOneAtATimeR_ENT_2() {
    Connections c = new Connections(FakeEntra.builder().latency(Duration.ofMillis(5)));
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 100);
      EntraSnapshot tenant = c.connection(Cloud.GLOBAL).batchesInFlight(1).build().pull();
      assertEquals(100, tenant.organizations().size());
      assertEquals(1, entra.mostRequestsInFlight());
      assertThrows(
          dev.entente.errors.ValidationException.class,
          () -> c.connection(Cloud.GLOBAL).batchesInFlight(17));
    }
  }
}
