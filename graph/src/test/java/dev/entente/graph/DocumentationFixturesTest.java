package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("The JSON Microsoft's Graph documentation prints reads (R-GPH-1, R-GPH-2)")
class DocumentationFixturesTest {
  private static final GraphJson GRAPH =
      GraphJson.forCloud(Cloud.GLOBAL)
          .withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.entente.graph.Fixtures#DOCS")
  @DisplayName("every documented example parses, and writing what was read is stable (R-GPH-2)")
  void everyDocumentedExampleParsesAndWritesBackStably(String fixture) {
    List<GraphOrganization> read = GRAPH.readAll(Fixtures.doc(fixture));
    StringBuilder once = new StringBuilder();
    read.forEach(o -> once.append(GRAPH.write(o)));
    List<GraphOrganization> again = GRAPH.readAll(once.toString());
    assertEquals(read, again);
    StringBuilder twice = new StringBuilder();
    again.forEach(o -> twice.append(GRAPH.write(o)));
    assertEquals(once.toString(), twice.toString());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.entente.graph.Fixtures#SOURCE_DOCS")
  @DisplayName("every documented identity-source representation parses to its type (R-GPH-2)")
  void everyIdentitySourceRepresentationParsesToItsType(String fixture) {
    GraphIdentitySource source = GRAPH.readIdentitySource(Fixtures.doc(fixture));
    String expected = fixture.substring(0, fixture.indexOf('-'));
    assertEquals(expected, source.type().odataType().substring(17).toLowerCase());
  }

  @Test
  @DisplayName("the docs' social source, typed socialIdentitySourceType, is a social source")
  void theDocsSocialSourceTypedWithTheEnumNameIsASocialSource() {
    GraphIdentitySource source =
        GRAPH.readIdentitySource(Fixtures.doc("socialidentitysource-resource.json"));
    assertEquals(GraphIdentitySource.Type.SOCIAL_IDENTITY_SOURCE, source.type());
    assertEquals(Optional.of("String"), source.socialIdentitySourceType());
  }

  @Test
  @DisplayName("the list example is a page whose tenant, typed without #, names no tenant id")
  void theListExampleIsAPageWhoseTenantNamesNoTenantId() {
    List<GraphOrganization> page = GRAPH.readAll(Fixtures.doc("list-response.json"));
    assertEquals(1, page.size());
    GraphOrganization wingtip = page.get(0);
    assertEquals("/value/0", wingtip.pointer());
    assertEquals(Optional.of("Wingtip Toys"), wingtip.displayName());
    assertEquals(Optional.of("2020-05-13T15:18:04.81Z"), wingtip.createdDateTime());
    GraphIdentitySource tenant = wingtip.identitySources().get(0);
    assertEquals(GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT, tenant.type());
    assertEquals(Optional.empty(), tenant.tenantId());
    GraphFormatException e =
        assertThrows(GraphFormatException.class, () -> GRAPH.toOrganization(wingtip));
    assertEquals("/value/0/identitySources/0/tenantId", e.pointer());
  }

  @Test
  @DisplayName("the create request is an email-domain organization, proposed, without an id")
  void theCreateRequestIsAProposedEmailDomainOrganizationWithoutAnId() {
    GraphOrganization body = GRAPH.readOrganization(Fixtures.doc("create-request.json"));
    assertEquals(Optional.of("proposed"), body.state());
    ConnectedOrganization org =
        GRAPH.toOrganization(
            GraphOrganization.builder()
                .from(body)
                .id("35ff48a8-e9d8-4405-8425-0b23694287a4")
                .build());
    assertEquals(OrganizationState.PROPOSED, org.state());
    assertEquals(List.of(EmailDomain.of(DomainName.of("example.com"))), org.identitySources());
    GraphFormatException e =
        assertThrows(GraphFormatException.class, () -> GRAPH.toOrganization(body));
    assertEquals("/id", e.pointer());
  }

  @Test
  @DisplayName("the create response, shortened to no identity source, is refused by the model")
  void theShortenedCreateResponseIsRefusedByTheModel() {
    GraphOrganization created = GRAPH.readOrganization(Fixtures.doc("create-response.json"));
    assertTrue(created.identitySources().isEmpty());
    GraphFormatException e =
        assertThrows(GraphFormatException.class, () -> GRAPH.toOrganization(created));
    assertEquals("/identitySources", e.pointer());
  }

  @Test
  @DisplayName(
      "a sponsor typed directoryObject, as the sponsors example prints it, reads as a user")
  void aDirectoryObjectSponsorReadsAsAUser() {
    GraphOrganization org =
        GRAPH.readOrganization(
            "{\"id\":\"x\",\"internalSponsors\":"
                + Fixtures.doc("internalsponsors-list-response.json")
                    .replaceFirst("(?s)^\\s*\\{\\s*\"value\":", "")
                    .replaceFirst("(?s)}\\s*$", "")
                + "}");
    Sponsor sponsor = org.internalSponsors().orElseThrow().get(0);
    assertEquals(Sponsor.Kind.USER, sponsor.kind());
    assertEquals("60dffb62-fb62-60df-62fb-df6062fbdf60", sponsor.id());
  }
}
