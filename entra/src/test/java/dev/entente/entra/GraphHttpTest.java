package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.entente.entra.fake.FakeEntra;
import dev.entente.entra.fake.Faults;
import dev.entente.entra.fake.VirtualTime;
import dev.entente.graph.GraphJson;
import dev.entente.model.Cloud;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the connection sends: where a token may go, and how long it waits (R-ENT-2). */
class GraphHttpTest {
  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  private static GraphHttp http(VirtualTime time, Retries retries) {
    return new GraphHttp(
        HttpClient.newHttpClient(),
        GraphJson.forCloud(Cloud.GLOBAL),
        (scopes, refresh) -> new AccessToken("t", NOW.plusSeconds(60)),
        time,
        time::sleep,
        retries,
        false);
  }

  @Test
  void aTokenGoesOnlyBelowTheServiceRootR_ENT_2() {
    GraphHttp http = http(new VirtualTime(NOW), Retries.defaults());
    assertTrue(http.onServiceRoot("https://graph.microsoft.com/v1.0/identityGovernance/x"));
    assertTrue(http.onServiceRoot("https://GRAPH.microsoft.com:443/v1.0/$batch"));
    for (String elsewhere :
        List.of(
            "http://graph.microsoft.com/v1.0/x",
            "https://graph.microsoft.com.evil.example/v1.0/x",
            "https://evil.example/v1.0/x",
            "https://graph.microsoft.com:8443/v1.0/x",
            "https://user@graph.microsoft.com/v1.0/x",
            "https://graph.microsoft.com/beta/x",
            "https://graph.microsoft.com/v1.0evil/x",
            "https://graph.microsoft.com/v1.0",
            "file:///etc/passwd",
            "/v1.0/relative",
            "not a url")) {
      assertFalse(http.onServiceRoot(elsewhere), elsewhere);
      EntraException e =
          assertThrows(EntraException.class, () -> http.graph("GET", elsewhere, null, false));
      assertEquals(EntraException.Reason.OFF_SERVICE_ROOT, e.reason());
    }
  }

  @Test
  void aRootOffHttpsIsRefusedNamingTheFieldR_ENT_2() {
    Entra.Builder builder =
        Entra.builder(Cloud.GLOBAL, (scopes, refresh) -> new AccessToken("t", NOW));
    dev.entente.errors.ValidationException login =
        assertThrows(
            dev.entente.errors.ValidationException.class,
            () -> builder.loginRoot(Cloud.GLOBAL, "http://login.example.com"));
    assertEquals("root", login.field());
    assertTrue(
        login.getMessage().contains("https://login.microsoftonline.com"), login.getMessage());
    dev.entente.errors.ValidationException graph =
        assertThrows(
            dev.entente.errors.ValidationException.class,
            () -> builder.graphRoot("https://graph.microsoft.com/v1.0/"));
    assertEquals("serviceRoot", graph.field());
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateAndNeverShortenedR_ENT_2() {
    VirtualTime time = new VirtualTime(NOW);
    GraphHttp http = http(time, Retries.defaults());
    assertEquals(Duration.ofSeconds(7), http.delay("7", 1));
    assertEquals(Duration.ZERO, http.delay("0", 1));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(42).atOffset(ZoneOffset.UTC));
    assertEquals(Duration.ofSeconds(42), http.delay(date, 1));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(5).atOffset(ZoneOffset.UTC));
    assertEquals(Duration.ZERO, http.delay(past, 1));
    Duration unreadable = http.delay("soon", 3); // backoff for the third retry: 2 to 4 s
    assertTrue(unreadable.compareTo(Duration.ofSeconds(2)) >= 0, unreadable.toString());
    assertTrue(unreadable.compareTo(Duration.ofSeconds(4)) <= 0, unreadable.toString());
  }

  @Test
  void backoffDoublesWithJitterAndStaysWithinItsCapR_ENT_2() {
    Retries retries = Retries.defaults();
    GraphHttp http = http(new VirtualTime(NOW), retries);
    qt().forAll(integers().between(1, 200))
        .checkAssert(
            attempt -> {
              long full =
                  Math.min(
                      retries.maxBackoff().toMillis(),
                      retries.initialBackoff().toMillis() << Math.min(30, attempt - 1));
              long wait = http.backoff(attempt).toMillis();
              assertTrue(wait >= full / 2 && wait <= full, attempt + ": " + wait + " of " + full);
            });
  }

  @Test
  void aRetryAfterLongerThanAllowedEndsTheRunInsteadOfHoldingItR_ENT_2() {
    VirtualTime time = new VirtualTime(NOW);
    try (FakeEntra entra = FakeEntra.builder().clock(time).start()) {
      entra.faults(Faults.none().throttling(1.0, 0, Duration.ofHours(2)));
      Entra connection =
          Entra.builder(
                  Cloud.GLOBAL,
                  (scopes, refresh) -> new AccessToken(entra.issueToken(), NOW.plusSeconds(3600)))
              .graphRoot(entra.graphRoot())
              .time(time, time::sleep)
              .build();
      EntraException e = assertThrows(EntraException.class, connection::pull);
      assertEquals(EntraException.Reason.THROTTLED, e.reason());
      assertTrue(e.getMessage().contains("longer than the PT10M allowed"), e.getMessage());
      assertEquals(Duration.ZERO, time.slept());
    }
  }
}
