package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.OrganizationInUseException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded defaults have no sharp edges (R-MGT-3, R-MGT-5, R-ORG-1). */
@DisplayName("Defaults with no sharp edges (R-MGT-3, R-MGT-5, R-ORG-1)")
class DefaultsTest {
  private static final String TENANT = "tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 GLOBAL ";

  @ParameterizedTest(name = "a tenant name holding U+{0} is refused")
  @ValueSource(ints = {0x200B, 0x202E, 0x0000, 0xE0041})
  void theStaticLookupRefusesANameADisplayNameMayNotBe(int codePoint) {
    String line = TENANT + "contoso.com Contoso" + Character.toString(codePoint) + "Ltd";
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> StaticDirectoryLookup.parse(new StringReader(line)));
    assertTrue(e.field().startsWith("line 1"), e.field());
  }

  @Test
  void theStaticLookupRefusesAnOverlongNameAndAnOverlongLineUnread() {
    assertThrows(
        ValidationException.class,
        () ->
            StaticDirectoryLookup.parse(
                new StringReader(TENANT + "contoso.com " + "n".repeat(100_000))));
    String huge = "#" + "x".repeat(20_000_000);
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> StaticDirectoryLookup.parse(new StringReader(huge)));
    assertEquals("line 1", e.field());
    assertTrue(e.getMessage().length() < 1_000, "the message quotes a little of the line");
  }

  @Test
  void theStaticLookupRefusesADuplicateDomainNamingBothLines() {
    String text =
        TENANT
            + "contoso.com Contoso\n"
            + "# a comment\n"
            + "tenant 11111111-2222-3333-4444-555555555555 GLOBAL other.com,contoso.com Other\n";
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> StaticDirectoryLookup.parse(new StringReader(text)));
    assertEquals("line 3", e.field());
    assertTrue(e.problem().contains("on line 1"), e.problem());
  }

  @Test
  void everyNameTheStaticLookupAcceptsCanBeApproved() {
    StaticDirectoryLookup lookup =
        StaticDirectoryLookup.parse(new StringReader(TENANT + "contoso.com   Contoso Ltd   "));
    assertEquals(
        "Contoso Ltd",
        lookup
            .tenantName(
                dev.entente.model.Cloud.GLOBAL,
                dev.entente.model.TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"))
            .orElseThrow());
  }

  @Test
  void aRefusedStageOfManyApproversBuildsASmallMessage() {
    List<Approver> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(Approver.user("user-" + i));
    }
    ValidationException e =
        assertThrows(ValidationException.class, () -> ApprovalStage.of(many, List.of()));
    assertTrue(e.getMessage().length() < 1_000, "message of " + e.getMessage().length());
  }

  @Test
  void aDeleteGuardNamingManyPoliciesBuildsASmallMessage() {
    Entente entente =
        Entente.builder()
            .auditSink(event -> {})
            .deleteGuard(
                org ->
                    IntStream.range(0, 100_000)
                        .mapToObj(i -> "policy-" + i)
                        .collect(Collectors.toList()))
            .build();
    ConnectedOrganization org =
        entente
            .organizations()
            .create(
                ConnectedOrganizationsTest.woodgrove(), Actor.administrator("admin@host.example"));
    OrganizationInUseException e =
        assertThrows(
            OrganizationInUseException.class,
            () ->
                entente
                    .organizations()
                    .delete(org.id(), org.version(), Actor.administrator("admin@host.example")));
    assertEquals(100_000, e.references().size(), "every reference is kept");
    assertTrue(e.getMessage().length() < 1_000, "message of " + e.getMessage().length());
  }
}
