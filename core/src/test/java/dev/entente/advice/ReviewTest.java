package dev.entente.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.entente.access.Policy;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A review of organizations not yet in a store (R-LINT-1..4, R-SRC-2, R-DEC-2)")
class ReviewTest {
  private static final TenantId CONTOSO_TENANT =
      TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  private static final List<Policy> OPEN =
      List.of(Policy.withoutApproval("open", RequestorScope.allConfiguredConnectedOrganizations()));

  private static OrganizationId id(int n) {
    return OrganizationId.of(String.format("00000000-0000-4000-8000-%012d", n));
  }

  private static ConnectedOrganization org(
      int n, String name, OrganizationState state, IdentitySource... sources) {
    return ConnectedOrganization.builder()
        .id(id(n))
        .displayName(name)
        .state(state)
        .addIdentitySources(sources)
        .createdAt(Instant.parse("2024-01-01T00:00:00Z"))
        .createdBy(Actor.system())
        .build();
  }

  private static EmailDomain domain(String name) {
    return EmailDomain.of(DomainName.of(name));
  }

  private static List<String> codes(List<Review.Finding> findings) {
    return findings.stream().map(f -> f.entry().origin() + " " + f.advisory().code()).toList();
  }

  @Test
  @DisplayName("an id given twice is a finding on the second entry, naming the first")
  void anIdGivenTwiceIsAFindingOnTheSecond() {
    Review.Entry first =
        new Review.Entry(
            "a#/value/0",
            org(1, "Fabrikam", OrganizationState.CONFIGURED, domain("fabrikam.example")));
    Review.Entry second =
        new Review.Entry(
            "b#/value/0",
            org(1, "Fabrikam copy", OrganizationState.CONFIGURED, domain("other.example")));
    List<Review.Finding> findings =
        Review.of(List.of(first, second), List.of(), StaticDirectoryLookup.empty());
    assertEquals(List.of("b#/value/0 DUPLICATE_ID"), codes(findings));
    assertTrue(findings.get(0).advisory().message().contains("a#/value/0"));
  }

  @Test
  @DisplayName("an identity source two organizations claim is a finding on the second (R-SRC-2)")
  void anIdentitySourceTwoOrganizationsClaimIsAFinding() {
    List<Review.Entry> entries =
        List.of(
            new Review.Entry(
                "1", org(1, "Litware", OrganizationState.CONFIGURED, domain("litware.example"))),
            new Review.Entry(
                "2",
                org(
                    2,
                    "Litware Ltd",
                    OrganizationState.PROPOSED,
                    domain("x.example"),
                    domain("LITWARE.example"))));
    List<Review.Finding> findings = Review.of(entries, List.of(), StaticDirectoryLookup.empty());
    assertEquals(List.of("2 IDENTITY_SOURCE_CONFLICT"), codes(findings));
    assertTrue(findings.get(0).advisory().message().contains("R-SRC-2"));
    assertEquals(id(2), findings.get(0).advisory().organizationId());
  }

  @Test
  @DisplayName(
      "a proposed email-domain organization for a domain a configured tenant verifies is a finding"
          + " (R-DEC-2)")
  void aProposedDomainOfAConfiguredTenantIsAFinding() {
    StaticDirectoryLookup directory =
        StaticDirectoryLookup.builder()
            .tenant(
                CONTOSO_TENANT, Cloud.GLOBAL, "Contoso", Set.of(DomainName.of("contoso.example")))
            .build();
    ConnectedOrganization tenant =
        org(
            1,
            "Contoso",
            OrganizationState.CONFIGURED,
            EntraTenant.of(CONTOSO_TENANT, Cloud.GLOBAL, "Contoso"));
    ConnectedOrganization shadow =
        org(2, "contoso.example", OrganizationState.PROPOSED, domain("contoso.example"));
    List<Review.Entry> entries =
        List.of(new Review.Entry("1", tenant), new Review.Entry("2", shadow));
    assertEquals(
        List.of("2 PROPOSED_SHADOWS_TENANT"), codes(Review.of(entries, List.of(), directory)));

    // Not when the tenant's organization is itself proposed, or the directory knows no tenant.
    ConnectedOrganization proposedTenant =
        ConnectedOrganization.builder().from(tenant).state(OrganizationState.PROPOSED).build();
    assertEquals(
        List.of(),
        codes(
            Review.of(
                List.of(new Review.Entry("1", proposedTenant), new Review.Entry("2", shadow)),
                List.of(),
                directory)));
    assertEquals(List.of(), codes(Review.of(entries, List.of(), StaticDirectoryLookup.empty())));
  }

  @Test
  @DisplayName("the advisories come with their entry, in the entries' order (R-LINT-3, R-LINT-4)")
  void theAdvisoriesComeWithTheirEntryInOrder() {
    List<Review.Entry> entries =
        List.of(
            new Review.Entry(
                "first",
                org(9, "Proposed", OrganizationState.PROPOSED, domain("proposed.example"))),
            new Review.Entry(
                "second", org(3, "Mail", OrganizationState.CONFIGURED, domain("gmail.com"))));
    assertEquals(
        List.of("first CONFIGURING_WIDENS_ACCESS", "second CONSUMER_DOMAIN"),
        codes(Review.of(entries, OPEN, StaticDirectoryLookup.empty())));
  }

  @Test
  @DisplayName(
      "for all collections, the entries without a duplicate-id or conflict finding can all be"
          + " created in one store (R-SRC-2)")
  void theEntriesWithoutAConflictFindingCanAllBeCreated() {
    qt().withExamples(300)
        .forAll(
            lists()
                .of(
                    integers()
                        .between(1, 6)
                        .zip(
                            integers().between(1, 6),
                            integers().between(1, 6),
                            (n, a, b) -> new int[] {n, a, b}))
                .ofSizeBetween(0, 10))
        .checkAssert(
            drawn -> {
              List<Review.Entry> entries = new ArrayList<>();
              for (int[] d : drawn) {
                entries.add(
                    new Review.Entry(
                        "#" + entries.size(),
                        org(
                            d[0],
                            "Org " + d[0],
                            OrganizationState.CONFIGURED,
                            domain("d" + d[1] + ".example"),
                            domain("e" + d[2] + ".example"))));
              }
              List<Review.Finding> findings =
                  Review.of(entries, List.of(), StaticDirectoryLookup.empty());
              InMemoryOrganizationStore store = new InMemoryOrganizationStore();
              for (Review.Entry e : entries) {
                boolean refused =
                    findings.stream()
                        .anyMatch(
                            f ->
                                f.entry() == e
                                    && (f.advisory().code() == AdvisoryCode.DUPLICATE_ID
                                        || f.advisory().code()
                                            == AdvisoryCode.IDENTITY_SOURCE_CONFLICT));
                if (!refused) {
                  store.create(e.organization()); // throws if the review missed a conflict
                }
              }
            });
  }
}
