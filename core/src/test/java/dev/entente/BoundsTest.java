package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every string and collection a caller passes has a named limit, and an input far past it — here,
 * ten million characters — is refused with the field named before it is processed: none of these
 * inputs is scanned, copied or parsed whole.
 */
@DisplayName("Bounds: every input has a named limit and is refused past it")
class BoundsTest {
  static final String HUGE = "x".repeat(10_000_000);

  static ConnectedOrganization.Builder org() {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of("o"))
        .displayName("O")
        .addIdentitySources(EmailDomain.of(DomainName.of("o.example")))
        .createdAt(Instant.EPOCH)
        .createdBy(Actor.system());
  }

  static void refused(String field, org.junit.jupiter.api.function.Executable call) {
    assertEquals(field, assertThrows(ValidationException.class, call).field());
  }

  @Test
  void hugeStringsAreRefusedNamingTheField() {
    refused("domainName", () -> DomainName.of(HUGE));
    refused("tenantId", () -> TenantId.of(HUGE));
    refused("issuerUri", () -> IssuerUri.of(HUGE));
    refused("email", () -> EmailAddress.of(HUGE + "@contoso.com"));
    refused("id", () -> OrganizationId.of(HUGE));
    refused("actor.id", () -> Actor.administrator(HUGE));
    refused("id", () -> Sponsor.user(HUGE));
    refused(
        "directoryId",
        () -> Requestor.passcodeUser(EmailAddress.of("a@contoso.com"), true).withDirectoryId(HUGE));
    refused("displayName", () -> org().displayName(" " + HUGE + " ").build());
    refused("description", () -> org().description(HUGE).build());
    refused("cursor", () -> PageCursor.parse(HUGE));
    refused("nameContains", () -> OrganizationQuery.builder().nameContains(HUGE));
    refused("id", () -> Policy.withoutApproval(HUGE, RequestorScope.allExternalUsers()));
    refused("denyList[0].domainName", () -> CollaborationRestrictions.deny(List.of(HUGE)));
  }

  @Test
  void regressionHugeDisplayNamesDescriptionsAndTenantIdsWereScannedWholeBeforeRefusal() {
    // Text.displayName trimmed and counted the whole input, and TenantId.of stripped it, before the
    // length check.
    assertEquals(
        "is too long",
        assertThrows(ValidationException.class, () -> org().displayName(HUGE).build()).problem());
    assertEquals(
        "is too long",
        assertThrows(ValidationException.class, () -> org().description(HUGE).build()).problem());
    assertEquals(
        "is too long", assertThrows(ValidationException.class, () -> TenantId.of(HUGE)).problem());
    assertEquals(
        "is too long",
        assertThrows(ValidationException.class, () -> Sponsor.of(Sponsor.Kind.USER, "u1", HUGE))
            .problem());
  }

  @Test
  void regressionApproverAndDirectoryUserIdsWereNotChecked() {
    // Approver.user("") and a scope of directory user "has space" were accepted, unbounded.
    refused("id", () -> Approver.user(""));
    refused("id", () -> Approver.group(HUGE));
    refused(
        "directoryUsers[1]",
        () -> RequestorScope.specificDirectoryUsers(List.of("u1", "has space")));
  }

  @Test
  void collectionsPastTheirLimitAreRefused() {
    refused(
        "identitySources",
        () ->
            org()
                .identitySources(
                    IntStream.rangeClosed(0, ConnectedOrganization.MAX_IDENTITY_SOURCES)
                        .mapToObj(i -> EmailDomain.of(DomainName.of("d" + i + ".example")))
                        .toList())
                .build());
    refused(
        "internalSponsors",
        () ->
            org()
                .internalSponsors(
                    IntStream.rangeClosed(0, ConnectedOrganization.MAX_SPONSORS)
                        .mapToObj(i -> Sponsor.user("u" + i))
                        .toList())
                .build());
    refused(
        "denyList",
        () ->
            CollaborationRestrictions.deny(
                Collections.nCopies(CollaborationRestrictions.MAX_ENTRIES + 1, "a.example")));
    refused(
        "organizations",
        () ->
            RequestorScope.specificConnectedOrganizations(
                IntStream.rangeClosed(0, RequestorScope.MAX_ORGANIZATIONS)
                    .mapToObj(i -> OrganizationId.of("o" + i))
                    .toList()));
    refused(
        "approvers",
        () ->
            ApprovalStage.of(
                Collections.nCopies(ApprovalStage.MAX_APPROVERS + 1, Approver.internalSponsors()),
                List.of()));
    refused(
        "stages",
        () ->
            Policy.withApproval(
                "p",
                RequestorScope.allExternalUsers(),
                Collections.nCopies(Policy.MAX_STAGES + 1, ApprovalStage.of(Approver.user("a")))
                    .toArray(ApprovalStage[]::new)));
    refused("pageSize", () -> PageRequest.first(PageRequest.MAX_SIZE + 1));
  }

  @Test
  void inputsAtTheirLimitAreAccepted() {
    assertEquals(256, org().displayName("n".repeat(256)).build().displayName().length());
    assertEquals(
        1024, org().description("d".repeat(1024)).build().description().orElseThrow().length());
    assertEquals(PageRequest.MAX_SIZE, PageRequest.first(PageRequest.MAX_SIZE).size());
    assertEquals(
        EmailAddress.MAX_LOCAL_LENGTH + "@contoso.com".length(),
        EmailAddress.of("l".repeat(EmailAddress.MAX_LOCAL_LENGTH) + "@contoso.com")
            .toString()
            .length());
  }
}
