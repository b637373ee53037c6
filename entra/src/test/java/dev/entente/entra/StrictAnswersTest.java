package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportStep;
import dev.entente.entra.EntraException.Reason;
import dev.entente.entra.fake.Dispatcher;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.spi.DomainResolution;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The connection takes only answers of the shape Graph documents (R-ENT-4): each test answers
 * through the fake's dispatcher the way a broken or hostile server would, and each failed before
 * its fix.
 */
@DisplayName("The connection takes only answers of the shape Graph documents (R-ENT-4)")
class StrictAnswersTest {
  private static final String ORGS =
      "/identityGovernance/entitlementManagement/connectedOrganizations";

  /** One retry, and a second for a whole answer: a stall is cut off quickly. */
  private static final Retries QUICK =
      new Retries(
          1,
          Duration.ofMillis(10),
          Duration.ofMillis(10),
          0,
          Duration.ofSeconds(1),
          Duration.ofSeconds(1));

  /** A tenant of 14 organizations in pages of 5, and a dispatcher that changes page 2. */
  private static Connections tenant(UnaryOperator<Dispatcher.Response> page2) {
    Connections c = new Connections(FakeEntra.builder().pageSize(5));
    Seeds.organizations(c.entra, 14);
    AtomicInteger pages = new AtomicInteger();
    c.entra.dispatcher(
        (request, fake) -> {
          boolean list =
              request.method().equals("GET")
                  && request.target().startsWith("/v1.0" + ORGS + "?")
                  && request.target().contains("skiptoken");
          if (list && pages.incrementAndGet() == 1) {
            return page2.apply(fake.get());
          }
          return fake.get();
        });
    return c;
  }

  private static EntraException pullFails(Connections c) {
    try (c.entra) {
      return assertThrows(EntraException.class, () -> c.connection().pull());
    }
  }

  @Nested
  @DisplayName("a 200 that is not one page ends the pull with MALFORMED, never a shorter snapshot")
  class NotAPage {
    @Test
    void anEmptyBodyR_ENT_4() {
      assertEquals(Reason.MALFORMED, pullFails(tenant(r -> r.withBody(""))).reason());
    }

    @Test
    void anArrayR_ENT_4() {
      assertEquals(Reason.MALFORMED, pullFails(tenant(r -> r.withBody("[]"))).reason());
    }

    @Test
    void anEmptyObjectR_ENT_4() {
      EntraException e = pullFails(tenant(r -> r.withBody("{}")));
      assertEquals(Reason.MALFORMED, e.reason());
      assertTrue(e.getMessage().contains("without a value array"), e.getMessage());
    }

    @Test
    void aValueThatIsNoArrayR_ENT_4() {
      assertEquals(Reason.MALFORMED, pullFails(tenant(r -> r.withBody("{\"value\":{}}"))).reason());
    }

    @Test
    void aNumericNextLinkR_ENT_4() {
      EntraException e =
          pullFails(
              tenant(
                  r ->
                      r.withBody(
                          r.text()
                              .replaceAll(
                                  "\"@odata.nextLink\":\"[^\"]*\"", "\"@odata.nextLink\":42"))));
      assertEquals(Reason.MALFORMED, e.reason());
      assertTrue(e.getMessage().contains("is not a URL"), e.getMessage());
    }

    @Test
    void twoDocumentsInOneBodyR_ENT_4() {
      EntraException e = pullFails(tenant(r -> r.withBody(r.text() + r.text())));
      assertEquals(Reason.MALFORMED, e.reason());
      assertTrue(e.getMessage().contains("follows the page"), e.getMessage());
    }
  }

  @Test
  @DisplayName(
      "an organization listed on two pages is kept once, the copy read last, so the import and"
          + " the push plan see the same (R-ENT-4)")
  void anOrganizationOnTwoPagesIsKeptOnce() {
    List<String> page1 = new ArrayList<>();
    Connections c = new Connections(FakeEntra.builder().pageSize(5));
    Seeds.organizations(c.entra, 14);
    AtomicInteger pages = new AtomicInteger();
    c.entra.dispatcher(
        (request, fake) -> {
          Dispatcher.Response r = fake.get();
          if (!request.method().equals("GET")
              || !request.target().startsWith("/v1.0" + ORGS)
              || request.target().contains("Sponsors")) {
            return r;
          }
          int page = pages.incrementAndGet();
          if (page == 1) {
            page1.add(valueItems(r.text()));
            return r;
          }
          if (page == 2) { // page 1's organizations again, before page 2's own
            String items = valueItems(r.text());
            return r.withBody(
                r.text().replace(items, page1.get(0) + (items.isEmpty() ? "" : "," + items)));
          }
          return r;
        });
    try (c.entra) {
      EntraSnapshot snapshot = c.connection().pull();
      List<String> ids = snapshot.organizations().stream().map(o -> o.id().orElseThrow()).toList();
      assertEquals(14, ids.size(), ids.toString());
      assertEquals(14, new HashSet<>(ids).size(), "each once: " + ids);
      assertTrue(snapshot.problems().isEmpty(), snapshot.problems().toString());
      ImportPlan plan = snapshot.planImport(Entente.inMemory().organizations());
      assertEquals(14, plan.count(ImportStep.Kind.CREATE), plan.toString());
      assertEquals(0, plan.count(ImportStep.Kind.INVALID), plan.toString());
    }
  }

  /** The raw text inside a page's {@code value} array. */
  private static String valueItems(String page) {
    try (JsonParser p = new JsonFactory().createParser(page)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("value")) {
          int start = (int) p.currentTokenLocation().getCharOffset() + 1;
          p.skipChildren();
          int end = (int) p.currentTokenLocation().getCharOffset();
          return page.substring(start, end);
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no value in " + page);
  }

  @Nested
  @DisplayName("a $batch answer goes to the request with its id, or the batch is MALFORMED")
  class BatchIds {
    private EntraException batchFails(UnaryOperator<String> change) {
      Connections c = new Connections(FakeEntra.builder());
      Seeds.organizations(c.entra, 14);
      c.entra.dispatcher(
          (request, fake) -> {
            Dispatcher.Response r = fake.get();
            return request.target().equals("/v1.0/$batch") ? r.withBody(change.apply(r.text())) : r;
          });
      return pullFails(c);
    }

    @Test
    void anIdAnsweredTwiceR_ENT_4() {
      EntraException e = batchFails(body -> body.replaceFirst("\"id\":\"1\"", "\"id\":\"0\""));
      assertEquals(Reason.MALFORMED, e.reason());
      assertTrue(e.getMessage().contains("answered twice"), e.getMessage());
    }

    @Test
    void anIdNotSentR_ENT_4() {
      for (String id : new String[] {"99", "x", "-1"}) {
        EntraException e =
            batchFails(body -> body.replaceFirst("\"id\":\"1\"", "\"id\":\"" + id + "\""));
        assertEquals(Reason.MALFORMED, e.reason(), id);
        assertTrue(e.getMessage().contains("no request of the batch has"), e.getMessage());
      }
    }
  }

  @Test
  @DisplayName(
      "a fractional Retry-After is waited out whole, never rounded down (R-ENT-2, R-ENT-4)")
  void aFractionalRetryAfterIsHonoured() {
    Connections c = new Connections(FakeEntra.builder());
    Seeds.organizations(c.entra, 3);
    List<Instant> listed = new ArrayList<>();
    c.entra.dispatcher(
        (request, fake) -> {
          if (request.method().equals("GET")
              && request.target().startsWith("/v1.0" + ORGS)
              && !request.target().contains("Sponsors")) {
            listed.add(c.time.instant());
            if (listed.size() == 1) {
              return new Dispatcher.Response(
                  429, Map.of("Retry-After", "2.128"), new byte[0], Duration.ZERO);
            }
          }
          return fake.get();
        });
    try (c.entra) {
      assertEquals(3, c.connection().pull().organizations().size());
      Duration waited = Duration.between(listed.get(0), listed.get(1));
      assertTrue(waited.compareTo(Duration.ofMillis(2128)) >= 0, "waited " + waited);
    }
  }

  @Test
  @DisplayName("a $batch answered 424 (failed dependency) is retried, not the end of the pull")
  void aFailedDependencyIsRetried() {
    Connections c = new Connections(FakeEntra.builder());
    Seeds.organizations(c.entra, 14);
    AtomicInteger batches = new AtomicInteger();
    c.entra.dispatcher(
        (request, fake) ->
            request.target().equals("/v1.0/$batch") && batches.incrementAndGet() == 1
                ? Dispatcher.Response.json(424, "{\"error\":{\"code\":\"FailedDependency\"}}")
                : fake.get());
    try (c.entra) {
      assertEquals(14, c.connection().pull().organizations().size());
      assertTrue(batches.get() > 1);
    }
  }

  @Test
  @DisplayName(
      "a server's error text that echoes the Authorization header puts no credential in the"
          + " message (R-ENT-4)")
  void noCredentialReachesAMessage() {
    Connections c = new Connections(FakeEntra.builder());
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw";
    c.entra.dispatcher(
        (request, fake) ->
            Dispatcher.Response.json(
                400,
                "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Echo: Authorization: "
                    + request.headers().get("authorization")
                    + " and a token "
                    + jwt
                    + " for 8a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b at"
                    + " /identityGovernance/entitlementManagement/connectedOrganizations\"}}"));
    EntraException e = pullFails(c);
    assertEquals(Reason.REFUSED, e.reason());
    String token = c.entra.issueToken();
    assertFalse(e.getMessage().contains(jwt), e.getMessage());
    assertFalse(
        e.getMessage().contains(token.substring(0, Math.min(12, token.length()))), e.getMessage());
    assertTrue(e.getMessage().contains("Bearer ***"), e.getMessage());
    assertTrue(e.getMessage().contains("8a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"), "a GUID stays");
    assertTrue(
        e.getMessage().contains("/identityGovernance/entitlementManagement/connectedOrganizations"),
        "a path stays: " + e.getMessage());
    assertEquals("BadRequest", e.code().orElseThrow());
  }

  @Test
  @DisplayName(
      "a server that sends its headers and stalls is cut off within the request timeout, and"
          + " the pull ends UNAVAILABLE (bounded reads)")
  void aStallIsCutOff() {
    Connections c = new Connections(FakeEntra.builder());
    Seeds.organizations(c.entra, 3);
    c.entra.dispatcher((request, fake) -> fake.get().stallingFor(Duration.ofMinutes(10)));
    try (c.entra) {
      EntraException e =
          assertThrows(
              EntraException.class, () -> c.connection(Cloud.GLOBAL).retries(QUICK).build().pull());
      assertEquals(Reason.UNAVAILABLE, e.reason(), e.getMessage());
      assertTrue(e.getMessage().contains("no whole answer within"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a login host that stalls after its headers is cut off too, in discovery")
  void aStallingLoginHostIsCutOff() {
    Connections c = new Connections(FakeEntra.builder());
    c.entra.dispatcher(
        (request, fake) ->
            request.target().contains("openid-configuration")
                ? fake.get().stallingFor(Duration.ofMinutes(10))
                : fake.get());
    try (c.entra) {
      EntraDirectory directory =
          c.connection(Cloud.GLOBAL).retries(QUICK).build().directory(Duration.ofMinutes(10));
      EntraException e =
          assertThrows(
              EntraException.class, () -> directory.discover(DomainName.of("contoso.com")));
      assertEquals(Reason.UNAVAILABLE, e.reason(), e.getMessage());
    }
  }

  @Nested
  @DisplayName("discovery")
  class Discovery {
    @Test
    @DisplayName(
        "a federation whose issuer is http:// is reported as configured but unusable, not as an"
            + " unknown domain (R-ENT-3, R-ENT-4)")
    void anHttpIssuerIsReported() {
      Connections c = new Connections(FakeEntra.builder());
      c.entra.addFederation(
          "Contoso IdP", "http://sts.contoso.com/adfs/services/trust", "contoso.com");
      try (c.entra) {
        EntraDirectory.Discovery found =
            c.connection().directory(Duration.ofMinutes(10)).discover(DomainName.of("contoso.com"));
        assertInstanceOf(DomainResolution.Unknown.class, found.resolution());
        assertTrue(found.why().contains("is configured for contoso.com"), found.why());
        assertTrue(found.why().contains("https"), found.why());
      }
    }

    @Test
    @DisplayName("the China alias chinacloudapi.cn of cloud_instance_name is the China cloud")
    void theChinaAliasIsChina() {
      assertEquals(Cloud.CHINA, EntraDirectory.cloudOf("chinacloudapi.cn"));
      assertEquals(Cloud.CHINA, EntraDirectory.cloudOf("partner.microsoftonline.cn"));
      assertEquals(Cloud.US_GOVERNMENT, EntraDirectory.cloudOf("usgovcloudapi.net"));
      assertEquals(Cloud.GLOBAL, EntraDirectory.cloudOf("windows.net"));
      Connections c = new Connections(FakeEntra.builder());
      c.entra.addTenant(
          Cloud.CHINA,
          "33333333-3333-3333-3333-333333333333",
          "Example China",
          "example.partner.onmschina.cn",
          "example.cn");
      c.entra.dispatcher(
          (request, fake) -> {
            Dispatcher.Response r = fake.get();
            return request.target().contains("openid-configuration")
                ? r.withBody(
                    r.text().replace("\"partner.microsoftonline.cn\"", "\"chinacloudapi.cn\""))
                : r;
          });
      try (c.entra) {
        EntraDirectory.Discovery found =
            c.connection().directory(Duration.ofMinutes(10)).discover(DomainName.of("example.cn"));
        DomainResolution.Tenant tenant =
            assertInstanceOf(DomainResolution.Tenant.class, found.resolution());
        assertEquals(Cloud.CHINA, tenant.cloud());
      }
    }
  }
}
