package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "Bad Graph JSON gets a typed error with its JSON pointer, in bounded time and memory (R-GPH-2)")
class BadInputTest {
  private static final GraphJson GRAPH = GraphJson.forCloud(Cloud.GLOBAL);
  private static final String TENANT =
      "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\","
          + "\"tenantId\":\"6ce1a2b3-4d5e-4f60-8a71-92b3c4d5e6f7\"}";
  private static final String GOOD =
      "{\"id\":\"good\",\"displayName\":\"Good\",\"identitySources\":[" + TENANT + "]}";

  /** What a reader makes of a document: the organizations read, and the errors, in order. */
  private record Outcome(List<GraphOrganization> read, List<GraphFormatException> errors) {}

  private static Outcome readAll(InputStream in) {
    List<GraphOrganization> read = new ArrayList<>();
    List<GraphFormatException> errors = new ArrayList<>();
    try (GraphReader reader = GRAPH.reader(in)) {
      while (reader.hasNext()) {
        try {
          read.add(reader.next());
        } catch (GraphFormatException e) {
          errors.add(e);
        }
      }
    }
    return new Outcome(read, errors);
  }

  private static Outcome readAll(String json) {
    return readAll(
        new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName(
      "an unknown identity-source type is an error at its @odata.type, never a silent drop")
  void anUnknownIdentitySourceTypeIsAnErrorAtItsPointer() {
    Outcome out =
        readAll(
            "{\"value\":["
                + GOOD
                + ",{\"id\":\"x\",\"identitySources\":["
                + TENANT
                + ",{\"@odata.type\":\"#microsoft.graph.samlOrWsFedProvider\",\"x\":1}]},"
                + GOOD
                + "]}");
    assertEquals(2, out.read().size());
    GraphFormatException e = out.errors().get(0);
    assertEquals("/value/1/identitySources/1/@odata.type", e.pointer());
    assertTrue(e.recoverable());
    assertTrue(e.getMessage().contains("samlOrWsFedProvider"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "#microsoft.graph.azureActiveDirectoryTenant",
        "microsoft.graph.azureActiveDirectoryTenant",
        "#MICROSOFT.GRAPH.AZUREACTIVEDIRECTORYTENANT",
        "azureactivedirectorytenant",
        "#microsoft.graph.identitySource"
      })
  @DisplayName("@odata.type is read with or without # and namespace, in any case (R-GPH-2)")
  void odataTypeIsReadInAnySpelling(String spelling) {
    GraphOrganization org =
        GRAPH.readOrganization(
            "{\"id\":\"a\",\"displayName\":\"A\",\"identitySources\":[{\"@odata.type\":\""
                + spelling
                + "\",\"tenantId\":\"6ce1a2b3-4d5e-4f60-8a71-92b3c4d5e6f7\"}]}");
    assertEquals(
        GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT,
        org.identitySources().get(0).type());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "domainIdentitySource|\"domainName\":\"fabrikam.example\",\"issuerUri\":\"https://sts.fabrikam.example/adfs\"|issuerUri",
        "azureActiveDirectoryTenant|\"tenantId\":\"6ce1a2b3-4d5e-4f60-8a71-92b3c4d5e6f7\",\"cloudInstance\":\"microsoftonline.us\"|cloudInstance",
        "socialIdentitySource|\"socialIdentitySourceType\":\"facebook\",\"@entente.accountProvider\":\"google\"|@entente.accountProvider",
        "externalDomainFederation|\"domainName\":\"f.example\",\"issuerUri\":\"https://sts.f.example/\",\"tenantId\":\"6ce1a2b3-4d5e-4f60-8a71-92b3c4d5e6f7\"|tenantId",
        "domainIdentitySource|\"domainName\":\"d.example\",\"socialIdentitySourceType\":\"facebook\"|socialIdentitySourceType",
        "crossCloudAzureActiveDirectoryTenant|\"tenantId\":\"6ce1a2b3-4d5e-4f60-8a71-92b3c4d5e6f7\",\"cloudInstance\":\"microsoftonline.us\",\"domainName\":\"d.example\"|domainName"
      })
  @DisplayName(
      "a property of another identity-source type is an error at its pointer, never dropped, so"
          + " a source is never read as one that admits more people (R-GPH-2)")
  void aPropertyOfAnotherSourceTypeIsAnErrorAtItsPointer(String example) {
    String[] parts = example.split("\\|");
    String json =
        "{\"id\":\"a\",\"displayName\":\"A\",\"identitySources\":[{\"@odata.type\":"
            + "\"#microsoft.graph."
            + parts[0]
            + "\","
            + parts[1]
            + "}]}";
    GraphFormatException e =
        assertThrows(
            GraphFormatException.class, () -> GRAPH.toOrganization(GRAPH.readOrganization(json)));
    assertEquals("/identitySources/0/" + parts[2], e.pointer());
    assertTrue(e.recoverable());
  }

  @Test
  @DisplayName("a named provider with the same provider annotated is read as that provider")
  void aNamedProviderWithTheSameAnnotationReads() {
    ConnectedOrganization org =
        GRAPH.toOrganization(
            GRAPH.readOrganization(
                "{\"id\":\"a\",\"displayName\":\"A\",\"identitySources\":[{\"@odata.type\":"
                    + "\"#microsoft.graph.socialIdentitySource\",\"socialIdentitySourceType\":"
                    + "\"facebook\",\"@entente.accountProvider\":\"facebook\"}]}"));
    assertEquals(
        dev.entente.model.SocialProvider.of(dev.entente.model.AccountProvider.FACEBOOK),
        org.identitySources().get(0));
  }

  @Test
  @DisplayName(
      "a page whose value key appears twice is refused like every duplicate key: its second"
          + " array is never read (R-GPH-2)")
  void aPageWithTwoValueArraysIsRefused() {
    Outcome out =
        readAll("{\"value\":[" + GOOD + "],\"value\":[" + GOOD.replace("good", "evil") + "]}");
    assertEquals(1, out.read().size());
    assertEquals(Optional.of("good"), out.read().get(0).id());
    assertEquals(1, out.errors().size());
    assertFalse(out.errors().get(0).recoverable());
    assertTrue(
        out.errors().get(0).getMessage().contains("duplicate"), out.errors().get(0).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/connectedOrganizations?$skiptoken=a",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://evil.example/v1.0/identityGovernance/entitlementManagement/connectedOrganizations",
        "https://graph.microsoft.com.evil.example/v1.0/x",
        "https://graph.microsoft.com@evil.example/v1.0/x",
        "https://user@graph.microsoft.com/v1.0/x",
        "https://graph.microsoft.com:8443/v1.0/x",
        "https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/connectedOrganizations",
        "https://graph.microsoft.com/v1.0evil/x",
        "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations",
        "",
        "https://graph.microsoft.us/v1.0/x",
        "not a url at all"
      })
  @DisplayName(
      "a next link off the service root is a typed error, so a host never sends its token"
          + " elsewhere (R-GPH-2)")
  void aNextLinkOffTheServiceRootIsRefused(String link) {
    String page = "{\"value\":[" + GOOD + "],\"@odata.nextLink\":\"" + link + "\"}";
    try (GraphReader reader = GRAPH.reader(page)) {
      GraphFormatException e =
          assertThrows(
              GraphFormatException.class,
              () -> {
                while (reader.hasNext()) {
                  reader.next();
                }
              });
      assertEquals("/@odata.nextLink", e.pointer());
      assertEquals(Optional.empty(), reader.nextLink());
    }
  }

  @Test
  @DisplayName("a next link on the service root is handed back as Graph wrote it, loopback too")
  void aNextLinkOnTheServiceRootIsHandedBack() {
    String link =
        "https://GRAPH.microsoft.com/v1.0/identityGovernance/entitlementManagement/connectedOrganizations?$skiptoken=X%2Fy";
    try (GraphReader reader =
        GRAPH.reader("{\"@odata.nextLink\":\"" + link + "\",\"value\":[" + GOOD + "]}")) {
      while (reader.hasNext()) {
        reader.next();
      }
      assertEquals(Optional.of(link), reader.nextLink());
    }
    GraphJson local = GRAPH.withServiceRoot("http://127.0.0.1:8080/v1.0");
    String localLink = "http://127.0.0.1:8080/v1.0/connectedOrganizations?$skiptoken=2";
    try (GraphReader reader =
        local.reader("{\"value\":[],\"@odata.nextLink\":\"" + localLink + "\"}")) {
      while (reader.hasNext()) {
        reader.next();
      }
      assertEquals(Optional.of(localLink), reader.nextLink());
    }
    try (GraphReader reader =
        local.reader("{\"value\":[],\"@odata.nextLink\":\"http://127.0.0.1:9090/v1.0/x\"}")) {
      assertThrows(
          GraphFormatException.class,
          () -> {
            while (reader.hasNext()) {
              reader.next();
            }
          });
    }
  }

  @Test
  @DisplayName("unknown properties and annotations, however nested, are skipped (R-GPH-2)")
  void unknownPropertiesAreSkipped() {
    ConnectedOrganization org =
        GRAPH.toOrganization(
            GRAPH.readOrganization(
                "{\"@odata.context\":\"x\",\"id\":\"a\",\"future\":{\"deep\":[1,{\"a\":[]}]},"
                    + "\"displayName\":\"A\",\"createdBy\":\"beta-only\",\"identitySources\":[{"
                    + "\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":"
                    + "\"a.example\",\"weight\":3.5}],\"@odata.etag\":\"W/1\"}"));
    assertEquals("A", org.displayName());
  }

  @Test
  @DisplayName(
      "a property of the wrong JSON type names its pointer; the next organization still reads")
  void aWrongTypeNamesItsPointerAndReadingGoesOn() {
    Outcome out =
        readAll(
            "{\"value\":[{\"id\":\"a\",\"displayName\":5,\"identitySources\":["
                + TENANT
                + "]},{\"id\":\"b\",\"identitySources\":{\"a\":[1]}},\"nope\","
                + GOOD
                + "]}");
    assertEquals(List.of("good"), out.read().stream().map(o -> o.id().orElseThrow()).toList());
    assertEquals(
        List.of("/value/0/displayName", "/value/1/identitySources", "/value/2"),
        out.errors().stream().map(GraphFormatException::pointer).toList());
    assertTrue(out.errors().stream().allMatch(GraphFormatException::recoverable));
  }

  @Test
  @DisplayName(
      "truncated JSON at any point is an error that ends the document, never anything else")
  void truncatedJsonIsATypedError() {
    String export = Fixtures.read("/graph/sample-export.json");
    for (int cut = 1; cut < export.length() - 1; cut += 7) {
      String truncated = export.substring(0, cut);
      if (truncated.isBlank()) {
        continue;
      }
      Outcome out = readAll(truncated);
      assertFalse(out.errors().isEmpty(), () -> "no error for a cut at " + truncated.length());
      GraphFormatException last = out.errors().get(out.errors().size() - 1);
      assertFalse(last.recoverable(), last::getMessage);
      assertTrue(last.line() > 0, last::getMessage);
    }
  }

  @Test
  @DisplayName("a duplicate key is refused, naming it; the next organization still reads")
  void aDuplicateKeyIsRefused() {
    Outcome out =
        readAll(
            "{\"value\":[{\"id\":\"a\",\"displayName\":\"A\",\"id\":\"b\"},"
                + "{\"id\":\"c\",\"identitySources\":[{\"domainName\":\"a.example\",\"domainName\":\"b.example\"}]},"
                + "{\"id\":\"d\",\"internalSponsors\":[{\"id\":\"x\",\"id\":\"y\"}]},"
                + GOOD
                + "]}");
    assertEquals(
        List.of(Optional.of("good")), out.read().stream().map(GraphOrganization::id).toList());
    assertEquals(
        List.of(
            "/value/0/id",
            "/value/1/identitySources/0/domainName",
            "/value/2/internalSponsors/0/id"),
        out.errors().stream().map(GraphFormatException::pointer).toList());
    assertTrue(
        out.errors().get(0).getMessage().contains("duplicate key"),
        out.errors().get(0)::getMessage);
  }

  @Test
  @DisplayName("10,000-deep nesting is refused at the nesting limit")
  void deepNestingIsRefused() {
    Outcome out =
        readAll(
            new GeneratedJson(
                "{\"value\":[" + GOOD + ",{\"id\":\"x\",\"deep\":", "[", "", 10_000, "]}]}"));
    assertEquals(1, out.read().size());
    GraphFormatException e = out.errors().get(0);
    assertFalse(e.recoverable());
    assertTrue(e.getMessage().contains("limits"), e.getMessage());
  }

  @Test
  @DisplayName("a 100 MB string is refused at the string limit without being held")
  void aHundredMegabyteStringIsRefused() {
    Outcome out =
        readAll(
            new GeneratedJson(
                "{\"value\":[" + GOOD + ",{\"id\":\"x\",\"displayName\":\"",
                "a".repeat(1000),
                "",
                100_000,
                "\"}]}"));
    assertEquals(1, out.read().size());
    GraphFormatException e = out.errors().get(0);
    assertEquals("/value/1/displayName", e.pointer());
    assertTrue(e.getMessage().contains("limits"), e.getMessage());
  }

  @Test
  @DisplayName("a 100 MB string in an unknown property is skipped without being held")
  void aHundredMegabyteUnknownStringIsSkipped() {
    Outcome out =
        readAll(
            new GeneratedJson(
                "{\"value\":[{\"id\":\"x\",\"notes\":\"",
                "a".repeat(1000),
                "",
                100_000,
                "\"}," + GOOD + "]}"));
    assertEquals(List.of(), out.errors());
    assertEquals(2, out.read().size());
  }

  @Test
  @DisplayName("1,000,000 identity sources are refused at the 257th; the next organization reads")
  void aMillionIdentitySourcesAreRefused() {
    Outcome out =
        readAll(
            new GeneratedJson(
                "{\"value\":[{\"id\":\"x\",\"identitySources\":[",
                TENANT,
                ",",
                1_000_000,
                "]}," + GOOD + "]}"));
    assertEquals(
        List.of(Optional.of("good")), out.read().stream().map(GraphOrganization::id).toList());
    GraphFormatException e = out.errors().get(0);
    assertEquals(
        "/value/0/identitySources/" + ConnectedOrganization.MAX_IDENTITY_SOURCES, e.pointer());
    assertTrue(e.recoverable());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"42", "\"text\"", "nul", "{\"value\":[1e999999999999]}", "]", "{]"})
  @DisplayName("a document that is not JSON of organizations is an error that ends it")
  void aDocumentThatIsNotJsonOfOrganizationsIsAnError(String json) {
    Outcome out = readAll(json);
    assertTrue(out.read().isEmpty());
    assertEquals(1, out.errors().size(), () -> out.errors().toString());
  }

  @Test
  @DisplayName("a model refusal names the pointer of the property, with the model's error as cause")
  void aModelRefusalNamesThePointerOfTheProperty() {
    GraphOrganization org =
        GRAPH
            .readAll(
                "{\"value\":["
                    + GOOD
                    + ",{\"id\":\"b\",\"displayName\":\"B\",\"identitySources\":["
                    + TENANT
                    + ",{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"co.uk\"}]}]}")
            .get(1);
    GraphFormatException e =
        assertThrows(GraphFormatException.class, () -> GRAPH.toOrganization(org));
    assertEquals("/value/1/identitySources/1/domainName", e.pointer());
    assertTrue(e.getCause() instanceof dev.entente.errors.ValidationException);
  }

  @Test
  @DisplayName(
      "bytes that are not Unicode text are an error that ends the document (found by Jazzer)")
  void bytesThatAreNotUnicodeAreAnError() {
    byte[][] inputs = {
      {0, 0, 'o', 0, 0, 'p', '}', '\n'}, // UCS-4 of an unusual byte order
      {
        'o', 0, 0, 0, '\\', 'd', 0, 0, 0, 0, 0, 0, 0, 0, 'a', 't', 'a', '.', 'n', 0
      } // UTF-32 past U+10FFFF
    };
    for (byte[] input : inputs) {
      Outcome out = readAll(new java.io.ByteArrayInputStream(input));
      assertEquals(1, out.errors().size());
      assertFalse(out.errors().get(0).recoverable());
      assertTrue(
          out.errors().get(0).getMessage().contains("Unicode"), out.errors().get(0)::getMessage);
    }
  }
}
