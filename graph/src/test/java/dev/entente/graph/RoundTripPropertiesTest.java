package dev.entente.graph;

import static dev.entente.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.testkit.EntenteGenerators;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

@DisplayName("Model to Graph JSON and back is the identity (R-GPH-1)")
class RoundTripPropertiesTest {
  @Test
  @DisplayName(
      "for every generated organization and home cloud, JSON reads back as the same organization")
  void everyOrganizationReadsBackAsItself() {
    qt().withExamples(500)
        .forAll(gen(EntenteGenerators::organization), gen(EntenteGenerators::cloud))
        .checkAssert(
            (org, home) -> {
              GraphJson graph = GraphJson.forCloud(home);
              String json = graph.write(org);
              GraphOrganization read = graph.readOrganization(json);
              assertEquals(org, graph.toOrganization(read), json);
              assertEquals(json, graph.write(graph.toOrganization(read)));
            });
  }

  @Test
  @DisplayName("for every list of organizations, a written page reads back in order")
  void everyWrittenPageReadsBackInOrder() {
    qt().withExamples(100)
        .forAll(SourceDSL.integers().between(0, 30), gen(EntenteGenerators::cloud))
        .checkAssert(
            (n, home) -> {
              GraphJson graph = GraphJson.forCloud(home);
              List<ConnectedOrganization> orgs =
                  EntenteGenerators.organizations(new java.util.Random(n), n);
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              graph.writePage(orgs, out);
              List<ConnectedOrganization> read = new ArrayList<>();
              for (GraphOrganization g : graph.readAll(out.toString(StandardCharsets.UTF_8))) {
                read.add(graph.toOrganization(g));
              }
              assertEquals(orgs, read);
            });
  }

  @Test
  @DisplayName(
      "a tenant of the home cloud is an azureActiveDirectoryTenant, of another cloud cross-cloud")
  void tenantsAreWrittenRelativeToTheHomeCloud() {
    qt().forAll(gen(EntenteGenerators::entraTenant), gen(EntenteGenerators::cloud))
        .checkAssert(
            (tenant, home) -> {
              GraphJson graph = GraphJson.forCloud(home);
              ConnectedOrganization org =
                  EntenteGenerators.organization(new java.util.Random(1)).toBuilder()
                      .identitySources(List.of(tenant))
                      .build();
              GraphIdentitySource written = graph.toGraph(org).identitySources().get(0);
              if (tenant.cloud() == home) {
                assertEquals(
                    GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT, written.type());
                assertEquals(java.util.Optional.empty(), written.cloudInstance());
              } else {
                assertEquals(
                    GraphIdentitySource.Type.CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT,
                    written.type());
              }
            });
  }

  @Test
  @DisplayName("a cross-cloud tenant naming the home cloud reads as a home tenant, written plainly")
  void aCrossCloudTenantOfTheHomeCloudIsAHomeTenant() {
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
    GraphOrganization read =
        graph.readOrganization(
            "{\"id\":\"a\",\"displayName\":\"A\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.crossCloudAzureActiveDirectoryTenant\",\"tenantId\":"
                + "\"6ce1a2b3-4d5e-4f60-8a71-92b3c4d5e6f7\",\"cloudInstance\":\"microsoftonline.com\"}]}");
    ConnectedOrganization org = graph.toOrganization(read);
    assertEquals(
        GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT,
        graph.toGraph(org).identitySources().get(0).type());
    assertEquals(org, graph.toOrganization(graph.readOrganization(graph.write(org))));
  }

  @Test
  @DisplayName(
      "for every instant and precision, the fast reading of Graph's times equals Instant.parse")
  void theFastTimeReaderAgreesWithInstantParse() {
    qt().forAll(
            SourceDSL.longs().between(-62_135_596_800L, 253_402_300_799L),
            SourceDSL.integers().between(0, 999_999_999),
            SourceDSL.integers().between(0, 9))
        .checkAssert(
            (seconds, nanos, digits) -> {
              java.time.Instant instant = java.time.Instant.ofEpochSecond(seconds, nanos);
              String text = java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant);
              // Graph writes 0 to 7 fraction digits; cut or pad the fraction to `digits`
              String whole = text.substring(0, 19);
              String fraction = String.format("%09d", nanos).substring(0, digits);
              String graph = whole + (digits == 0 ? "" : "." + fraction) + "Z";
              if (!whole.startsWith("-") && !whole.startsWith("+")) {
                assertEquals(java.time.Instant.parse(graph), GraphMapping.utc(graph), graph);
              }
            });
    for (String odd :
        List.of(
            "2024-02-30T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+01:00",
            "2024-01-01 00:00:00Z")) {
      assertEquals(null, GraphMapping.utc(odd), odd);
    }
  }
}
