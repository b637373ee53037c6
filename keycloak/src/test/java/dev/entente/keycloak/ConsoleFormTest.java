package dev.entente.keycloak;

import static dev.entente.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.EntraTenant;
import dev.entente.model.OrganizationState;
import dev.entente.model.TenantId;
import dev.entente.testkit.EntenteGenerators;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The admin console's form of an organization (R-ORG-1, R-SRC-1, R-SPN-1)")
class ConsoleFormTest {
  @Test
  @DisplayName(
      "for all organizations and host clouds, the form read back is the organization: a form"
          + " saved unchanged changes nothing")
  void theFormReadBackIsTheOrganization() {
    qt().withExamples(500)
        .forAll(gen(EntenteGenerators::organization), gen(EntenteGenerators::cloud))
        .checkAssert(
            (org, cloud) -> {
              Map<String, List<String>> form = ConsoleForm.of(org, cloud);
              OrganizationDraft draft = ConsoleForm.draft(form, cloud);
              assertEquals(
                  java.util.Set.of(),
                  OrganizationChanges.between(org, draft).fields(),
                  () -> form.toString());
              assertEquals(org.id(), draft.id().orElseThrow());
              assertEquals(org.version(), ConsoleForm.version(form).orElseThrow());
            });
  }

  @Test
  @DisplayName(
      "a tenant written without a cloud is in the host's cloud, and with one in that cloud")
  void aTenantWithoutACloudIsTheHosts() {
    String id = "4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f";
    assertEquals(
        EntraTenant.of(TenantId.of(id), Cloud.US_GOVERNMENT, id),
        ConsoleForm.source("tenant:" + id, Cloud.US_GOVERNMENT));
    assertEquals(
        EntraTenant.of(TenantId.of(id), Cloud.CHINA, "Contoso Ltd"),
        ConsoleForm.source("tenant:china:" + id + " Contoso Ltd", Cloud.GLOBAL));
  }

  @Test
  @DisplayName("a refused field names the form's field, the line and what is accepted")
  void aRefusalNamesTheField() {
    ValidationException bad =
        assertThrows(
            ValidationException.class,
            () ->
                ConsoleForm.draft(
                    Map.of(
                        ConsoleForm.NAME, List.of("Contoso"),
                        ConsoleForm.SOURCES, List.of("domain:not a domain!")),
                    Cloud.GLOBAL));
    assertEquals(ConsoleForm.SOURCES, bad.field());
    assertEquals("domain:not a domain!", bad.rejectedValue());
    assertTrue(bad.accepted().contains("tenant:<tenant id>"), bad.accepted());
    ValidationException unknown =
        assertThrows(
            ValidationException.class,
            () ->
                ConsoleForm.draft(
                    Map.of(
                        ConsoleForm.NAME, List.of("Contoso"),
                        ConsoleForm.INTERNAL_SPONSORS, List.of("boss:123")),
                    Cloud.GLOBAL));
    assertEquals(ConsoleForm.INTERNAL_SPONSORS, unknown.field());
    ValidationException noName =
        assertThrows(
            ValidationException.class,
            () -> ConsoleForm.draft(Map.of(ConsoleForm.STATE, List.of("proposed")), Cloud.GLOBAL));
    assertEquals(ConsoleForm.NAME, noName.field());
    ValidationException state =
        assertThrows(
            ValidationException.class,
            () ->
                ConsoleForm.draft(
                    Map.of(ConsoleForm.NAME, List.of("A"), ConsoleForm.STATE, List.of("approved")),
                    Cloud.GLOBAL));
    assertEquals(ConsoleForm.STATE, state.field());
    assertEquals(
        OrganizationState.PROPOSED,
        ConsoleForm.draft(
                Map.of(
                    ConsoleForm.NAME, List.of("A"),
                    ConsoleForm.STATE, List.of("proposed"),
                    ConsoleForm.SOURCES, List.of("provider:microsoft-account")),
                Cloud.GLOBAL)
            .state());
  }
}
