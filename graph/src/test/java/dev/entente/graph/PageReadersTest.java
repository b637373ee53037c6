package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.Cloud;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The page readers of the audit log and of federation configurations (R-ENT-4, R-ENT-5). */
@DisplayName("Audit and federation pages are read as Graph documents them, and only so")
class PageReadersTest {
  private static final GraphJson GRAPH = GraphJson.forCloud(Cloud.GLOBAL);

  private static ByteArrayInputStream in(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The documentation's own example of a directory audit, its target's type written "Type". */
  private static final String DOCUMENTED =
      """
      {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditlogs/directoryaudits",
       "@microsoft.graph.tips": "Use $select to choose only the properties your app needs",
       "value": [{
         "id": "id", "category": "UserManagement",
         "correlationId": "da159bfb-54fa-4092-8a38-6e1fa7870e30",
         "result": "success", "resultReason": "Successfully added member to group",
         "activityDisplayName": "Add member to group",
         "activityDateTime": "2018-01-09T21:20:02.7215374Z",
         "loggedByService": "Core Directory",
         "initiatedBy": {"user": {"id": "728309ae-1a37-4937-9afe-e35d964db09b"}, "app": null},
         "targetResources": [
           {"id": "ef7e527d-6c92-4234-8c6d-cf6fdfb57f95", "displayName": "Example.com",
            "Type": "Group", "modifiedProperties": [], "groupType": "unifiedGroups"},
           {"id": "1f0e98f5-3161-4c6b-9b50-d488572f2bb7", "displayName": null,
            "type": "User", "modifiedProperties": [], "userPrincipalName": "bob@contoso.com"},
           {"id": "8a7f3c1e-0000-4000-8000-0000000000c0", "type": "Other"}],
         "additionalDetails": [{"key": "Additional Detail Name", "value": "Value"}]}],
       "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x"}
      """;

  @Test
  void theDocumentedAuditPageReadsWithItsTargetsTypesAndNextLinkR_ENT_5() {
    GraphJson.Page<GraphAuditEntry> page = GRAPH.readAuditPage(in(DOCUMENTED));
    assertEquals(1, page.values().size());
    GraphAuditEntry entry = page.values().get(0);
    assertEquals("Add member to group", entry.activity());
    assertEquals(Instant.parse("2018-01-09T21:20:02.7215374Z"), entry.at());
    List<GraphAuditEntry.Target> targets = entry.targets();
    assertEquals(3, targets.size());
    assertTrue(targets.get(0).isUserOrGroup(), "\"Type\": \"Group\" is a group");
    assertTrue(targets.get(1).isUserOrGroup(), "\"type\": \"User\" is a user");
    assertEquals(Optional.of("Other"), targets.get(2).type());
    assertEquals(
        Optional.of("https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x"),
        page.nextLink());
  }

  @Test
  void anAuditPageThatIsNoPageOrAnEntryWithoutItsTimeIsRefusedNamingWhereR_ENT_4() {
    for (String broken :
        List.of(
            "",
            "[]",
            "{}",
            "{\"value\":{}}",
            "{\"value\":[]}{\"value\":[]}",
            "{\"value\":[],\"value\":[]}",
            "{\"value\":[],\"@odata.nextLink\":7}",
            "{\"value\":[],\"@odata.nextLink\":\"https://elsewhere.example/v1.0/x\"}")) {
      assertThrows(
          GraphFormatException.class, () -> GRAPH.readAuditPage(in(broken)), "refused: " + broken);
    }
    GraphFormatException noTime =
        assertThrows(
            GraphFormatException.class,
            () ->
                GRAPH.readAuditPage(
                    in("{\"value\":[{\"id\":\"a\",\"activityDisplayName\":\"x\"}]}")));
    assertEquals("/value/0", noTime.pointer());
    assertTrue(noTime.getMessage().contains("activityDateTime"), noTime.getMessage());
    GraphFormatException badTime =
        assertThrows(
            GraphFormatException.class,
            () ->
                GRAPH.readAuditPage(
                    in(
                        "{\"value\":[{\"id\":\"a\",\"activityDisplayName\":\"x\","
                            + "\"activityDateTime\":\"yesterday\"}]}")));
    assertEquals("/value/0/activityDateTime", badTime.pointer());
  }

  @Test
  void theAuditLogUrlAsksForTheSyncActivitiesSinceATimeR_ENT_5() {
    String url = GRAPH.auditLogUrl(Instant.parse("2026-12-01T09:00:00Z"));
    assertTrue(
        url.startsWith(
            "https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$filter=activityDateTime%20ge%202026-12-01T09%3A00%3A00Z%20and%20%28"),
        url);
    for (String activity : GraphJson.SYNC_ACTIVITIES) {
      assertTrue(
          url.contains(
              "activityDisplayName%20eq%20%27"
                  + java.net.URLEncoder.encode(activity, StandardCharsets.UTF_8).replace("+", "%20")
                  + "%27"),
          activity + " in " + url);
    }
  }

  @Test
  void aFederationPageReadsItsIssuersAndDomainsAndRefusesWhatIsNoPageR_ENT_4() {
    GraphJson.Page<GraphFederation> page =
        GRAPH.readFederationPage(
            in(
                "{\"value\":[{\"id\":\"f1\",\"displayName\":\"Contoso IdP\","
                    + "\"issuerUri\":\"http://contoso.com/adfs/services/trust\","
                    + "\"domains\":[{\"id\":\"contoso.com\"},{\"id\":\"contoso.net\"}]},"
                    + "{\"id\":\"f2\",\"displayName\":\"no issuer\"}]}"));
    assertEquals(1, page.values().size(), "one without an issuer is left out");
    GraphFederation f = page.values().get(0);
    assertEquals("http://contoso.com/adfs/services/trust", f.issuerUri());
    assertEquals(List.of("contoso.com", "contoso.net"), f.domains());
    assertEquals(Optional.empty(), page.nextLink());
    for (String broken : List.of("{}", "[]", "{\"value\":[]} {}", "{\"value\":[1]}")) {
      assertThrows(
          GraphFormatException.class,
          () -> GRAPH.readFederationPage(in(broken)),
          "refused: " + broken);
    }
  }
}
