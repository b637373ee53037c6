package dev.entente.bench;

import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.entra.AccessToken;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraSnapshot;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.entra.fake.Faults;
import dev.entente.entra.fake.VirtualTime;
import dev.entente.model.Cloud;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The Entra issue's figures against the fake (R-ENT-1, R-ENT-2, R-ENT-3): counts from a full pull
 * of 2,500 organizations with sponsors, on a good day and with 10 % of requests throttled (half
 * without {@code Retry-After}), then {@link EntraBenchmark}'s cached discovery against a hash map.
 *
 * <p>Run: {@code bench/run-entra}.
 */
public final class EntraBench {
  private static final int ORGANIZATIONS = 2_500;

  private EntraBench() {}

  /** What one pull of the seeded tenant did. */
  private record Pull(
      int pulled,
      int distinct,
      long httpRequests,
      long innerRequests,
      long throttled,
      long throttledInner,
      long early,
      boolean secondPlansNothing,
      Duration waited) {}

  private static Pull pull(Faults faults) {
    VirtualTime time = new VirtualTime(Instant.parse("2026-12-01T09:00:00Z"));
    // 100 ms an answer, so the batches of a round arrive together and the fake judges "early" by
    // arrival exactly (back-off waits are virtual).
    try (FakeEntra entra =
        FakeEntra.builder().clock(time).seed(7).latency(Duration.ofMillis(100)).start()) {
      seed(entra);
      entra.faults(faults);
      Entra connection = connect(entra, time).lowPriority(true).build();
      EntraSnapshot snapshot = connection.pull();
      long http = entra.requestCount();
      long inner = entra.log().stream().filter(FakeEntra.Recorded::inBatch).count();
      long throttledInner =
          entra.log().stream().filter(r -> r.inBatch() && r.status() == 429).count();
      long throttled = entra.throttledCount();
      long early = entra.earlyRequestCount();
      Set<String> ids = new HashSet<>();
      snapshot.organizations().forEach(o -> ids.add(o.id().orElseThrow()));
      Entente local = Entente.inMemory();
      snapshot.planImport(local.organizations()).apply();
      ImportPlan second = connection.pull().planImport(local.organizations());
      return new Pull(
          snapshot.organizations().size(),
          ids.size(),
          http,
          inner,
          throttled,
          throttledInner,
          early,
          second.changesNothing(),
          time.slept());
    }
  }

  /** A connection to {@code entra} on {@code time}, with the tokens it issues. */
  private static Entra.Builder connect(FakeEntra entra, VirtualTime time) {
    return Entra.builder(
            Cloud.GLOBAL,
            (scopes, refresh) ->
                new AccessToken(entra.issueToken(), time.instant().plusSeconds(3600)))
        .graphRoot(entra.graphRoot())
        .time(time, time::sleep);
  }

  /** What a timed pull did. */
  private record Timed(Duration took, long httpRequests, int pulled, int mostInFlight) {}

  /**
   * A pull of the seeded tenant with every answer taking {@code latency} (wall-clock, as Graph's
   * round trip), {@code inFlight} batches at once.
   */
  private static Timed timedPull(Duration latency, int inFlight) {
    VirtualTime time = new VirtualTime(Instant.parse("2026-12-01T09:00:00Z"));
    try (FakeEntra entra = FakeEntra.builder().clock(time).seed(7).latency(latency).start()) {
      seed(entra);
      Entra connection = connect(entra, time).batchesInFlight(inFlight).build();
      long start = System.nanoTime();
      EntraSnapshot snapshot = connection.pull();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Timed(
          took,
          entra.requestCount(),
          snapshot.organizations().size(),
          entra.mostRequestsInFlight());
    }
  }

  /** A rename made in the portal: the organization and its new name. */
  private record Renamed(String id, String name) {}

  /** What a day of the incremental sync did. */
  private record SyncDay(
      long firstRound,
      long incremental,
      long idleHour,
      int changes,
      int fullRounds,
      Duration p95,
      boolean equal) {}

  /**
   * The incremental sync (R-ENT-5) of the seeded tenant for a day, rounds a minute apart on virtual
   * time, the fake's audit log late by Microsoft's figures: a change in the portal every 15 minutes
   * for 22 hours, then an idle hour.
   */
  private static SyncDay syncDay() {
    VirtualTime time = new VirtualTime(Instant.parse("2026-12-01T09:00:00Z"));
    try (FakeEntra entra = FakeEntra.builder().clock(time).seed(7).lateAuditLog(true).start()) {
      List<String> ids = seed(entra);
      Entente local = Entente.builder().clock(time).build();
      dev.entente.entra.EntraSync sync =
          dev.entente.entra.EntraSync.builder(
                  connect(entra, time).lowPriority(true).build(),
                  local.organizations(),
                  dev.entente.embedded.InMemorySyncLedger.create(time))
              .build();
      entra.resetCounts();
      sync.runOnce();
      long first = entra.requestCount();
      java.util.Map<Renamed, Instant> pending = new java.util.HashMap<>();
      List<Duration> delays = new java.util.ArrayList<>();
      int changes = 0;
      int full = 1;
      long idleStart = 0;
      for (int minute = 1; minute < 24 * 60 - 1; minute++) {
        time.sleep(Duration.ofMinutes(1));
        if (minute < 22 * 60 && minute % 15 == 0) {
          String id = ids.get((minute * 7919) % ids.size());
          String name = "Renamed at minute " + minute;
          entra.updateOrganization(id, "{\"displayName\":\"" + name + "\"}");
          pending.put(new Renamed(id, name), time.instant());
          changes++;
        }
        if (minute == 23 * 60 - 1) { // the last 60 rounds: an hour with nothing new
          idleStart = entra.requestCount();
        }
        if (sync.runOnce().round() == dev.entente.entra.SyncReport.Round.FULL) {
          full++;
        }
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          Renamed change = e.getKey();
          boolean arrived =
              local
                  .organizations()
                  .get(dev.entente.model.OrganizationId.of(change.id()))
                  .map(o -> o.displayName().equals(change.name()))
                  .orElse(false);
          if (arrived) {
            delays.add(Duration.between(e.getValue(), time.instant()));
            it.remove();
          }
        }
      }
      long idle = entra.requestCount() - idleStart;
      long incremental = entra.requestCount() - first;
      delays.sort(null);
      Duration p95 =
          delays.isEmpty() ? Duration.ZERO : delays.get((int) Math.ceil(delays.size() * 0.95) - 1);
      Set<String> inEntra = new HashSet<>(ids);
      Set<String> stored = new HashSet<>();
      local.organizations().all().forEach(o -> stored.add(o.id().toString()));
      return new SyncDay(
          first,
          incremental,
          idle,
          changes,
          full,
          p95,
          pending.isEmpty() && inEntra.equals(stored));
    }
  }

  /** 2,500 organizations (tenants, domains, federations in turn), one to three sponsors each. */
  private static List<String> seed(FakeEntra entra) {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entra.addUser(new UUID(1, i).toString(), "User " + i);
    }
    for (int i = 0; i < ORGANIZATIONS; i++) {
      String source =
          switch (i % 3) {
            case 0 ->
                "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\""
                    + new UUID(0x7E4A47L, i)
                    + "\"}";
            case 1 ->
                "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"org"
                    + i
                    + ".example\"}";
            default ->
                "{\"@odata.type\":\"#microsoft.graph.externalDomainFederation\",\"domainName\":\"fed"
                    + i
                    + ".example\",\"issuerUri\":\"https://sts.fed"
                    + i
                    + ".example/trust\"}";
          };
      String id =
          entra.addOrganization(
              "{\"displayName\":\"Organization " + i + "\",\"identitySources\":[" + source + "]}");
      ids.add(id);
      entra.addSponsor(id, true, false, new UUID(1, i % 40).toString(), "User " + (i % 40));
      if (i % 2 == 0) {
        entra.addSponsor(id, false, true, new UUID(2, i % 40).toString(), "Group " + (i % 40));
      }
    }
    return ids;
  }

  public static void main(String[] args) throws RunnerException {
    Duration latency = Duration.ofMillis(100);
    Timed sequential = timedPull(latency, 1);
    Timed parallel = timedPull(latency, Entra.DEFAULT_BATCHES_IN_FLIGHT);
    Pull calm = pull(Faults.none());
    Pull throttled = pull(Faults.none().throttling(0.10, 0.5, Duration.ofSeconds(2)));
    SyncDay synced = syncDay();
    Collection<RunResult> jmh =
        BenchSuite.run(
            BenchSuite.options(EntraBenchmark.class)
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(5));
    double cached = score(jmh, "cachedLookup");
    double floor = score(jmh, "hashMapGet");

    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    List<String> days = List.of("good day", "10 % throttled, half without Retry-After");
    List<Pull> pulls = List.of(calm, throttled);
    for (int i = 0; i < pulls.size(); i++) {
      Pull p = pulls.get(i);
      String day = days.get(i);
      System.out.printf(
          Locale.ROOT,
          "| organizations pulled / distinct / seeded (%s) | 2,500 / 2,500 / 2,500 | %,d / %,d / %,d |%n",
          day,
          p.pulled(),
          p.distinct(),
          ORGANIZATIONS);
      System.out.printf(
          Locale.ROOT,
          "| HTTP requests per organization (%s) | ≤ 0.15 | %.3f (%d requests, %d inside $batch) |%n",
          day,
          p.httpRequests() / (double) ORGANIZATIONS,
          p.httpRequests(),
          p.innerRequests());
      System.out.printf(
          Locale.ROOT,
          "| a second pull plans nothing (%s) | yes | %s |%n",
          day,
          p.secondPlansNothing() ? "yes" : "NO");
    }
    System.out.printf(
        Locale.ROOT,
        "| requests sent before Retry-After allowed | 0 | %d (of %d throttled; %s waited, virtual) |%n",
        throttled.early(),
        throttled.throttled(),
        throttled.waited());
    System.out.printf(
        Locale.ROOT,
        "| extra requests per 429: inside $batch / HTTP | ≤ 1 | %.2f (%d / %d) / %.2f (%d / %d) |%n",
        (throttled.innerRequests() - calm.innerRequests()) / (double) throttled.throttledInner(),
        throttled.innerRequests() - calm.innerRequests(),
        throttled.throttledInner(),
        (throttled.httpRequests() - calm.httpRequests()) / (double) throttled.throttled(),
        throttled.httpRequests() - calm.httpRequests(),
        throttled.throttled());
    System.out.printf(
        Locale.ROOT,
        "| pull of 2,500 at %d ms an answer: %d batches in flight / 1 (same run) | ≤ 0.4 | %.2f"
            + " (%.1f s / %.1f s; %d / %d HTTP requests; at most %d in flight) |%n",
        latency.toMillis(),
        Entra.DEFAULT_BATCHES_IN_FLIGHT,
        parallel.took().toNanos() / (double) sequential.took().toNanos(),
        parallel.took().toMillis() / 1000.0,
        sequential.took().toMillis() / 1000.0,
        parallel.httpRequests(),
        sequential.httpRequests(),
        parallel.mostInFlight());
    long fullEveryMinute = synced.firstRound() * (24 * 60 - 1);
    System.out.printf(
        Locale.ROOT,
        "| sync, a day of 1-minute rounds (%d changes): HTTP requests / a full list each minute"
            + " | — | %.4f (%d + %d / %d; first round %d) |%n",
        synced.changes(),
        (synced.firstRound() + synced.incremental()) / (double) fullEveryMinute,
        synced.firstRound(),
        synced.incremental(),
        fullEveryMinute,
        synced.firstRound());
    System.out.printf(
        Locale.ROOT,
        "| sync: requests in the idle hour / full rounds in the day | ≤ 60 / 1 | %d / %d |%n",
        synced.idleHour(),
        synced.fullRounds());
    System.out.printf(
        Locale.ROOT,
        "| sync: p95 from a change in Entra to the store; store equal to Entra at the end | ≤ 3 min"
            + " / yes | %s / %s |%n",
        synced.p95(),
        synced.equal() ? "yes" : "NO");
    System.out.printf(
        Locale.ROOT,
        "| discovery, cached repeat | ≤ 1 µs | %.1f ns (%.2f × a ConcurrentHashMap.get, %.1f ns) |%n",
        cached,
        cached / floor,
        floor);
  }

  private static double score(Collection<RunResult> results, String benchmark) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("EntraBenchmark." + benchmark)) {
        return r.getPrimaryResult().getScore();
      }
    }
    throw new IllegalStateException("no result for " + benchmark);
  }
}
