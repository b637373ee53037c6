package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.Membership;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.ReasonCode;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.access.SignIn;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Properties of the matcher, for all generated organizations, requestors and policies")
class MatcherPropertyTest {
  /** Organizations, a requestor among them, and policies over them. */
  record World(
      List<ConnectedOrganization> organizations,
      Requestor requestor,
      List<Policy> policies,
      CollaborationRestrictions restrictions,
      long shuffleSeed) {}

  static World world(RandomGenerator random) {
    List<ConnectedOrganization> orgs =
        EntenteGenerators.organizations(random, random.nextInt(0, 12));
    List<Policy> policies = new ArrayList<>();
    for (int i = random.nextInt(1, 4); i > 0; i--) {
      policies.add(EntenteGenerators.policy(random, orgs));
    }
    List<DomainName> domains =
        orgs.stream()
            .flatMap(o -> o.identitySources().stream())
            .map(MatcherPropertyTest::domainOf)
            .flatMap(Optional::stream)
            .toList();
    return new World(
        orgs,
        EntenteGenerators.requestor(random, orgs),
        policies,
        EntenteGenerators.restrictions(random, domains),
        random.nextLong());
  }

  static final Generator<World> WORLDS = MatcherPropertyTest::world;

  static Optional<DomainName> domainOf(IdentitySource source) {
    if (source instanceof dev.entente.model.EmailDomain e) {
      return Optional.of(e.domainName());
    }
    if (source instanceof dev.entente.model.Federation f) {
      return Optional.of(f.domainName());
    }
    return Optional.empty();
  }

  @Test
  @DisplayName("matching does not depend on the order organizations were added in (R-MAT-1)")
  void matchingIsIndependentOfInsertionOrder() {
    Property.forAll(WORLDS)
        .checkAssert(
            w -> {
              List<ConnectedOrganization> shuffled = new ArrayList<>(w.organizations());
              Collections.shuffle(shuffled, new Random(w.shuffleSeed()));
              AccessRequestMatcher a =
                  AccessRequestMatcher.of(
                      OrganizationSnapshot.of(w.organizations()), w.restrictions());
              AccessRequestMatcher b =
                  AccessRequestMatcher.of(OrganizationSnapshot.of(shuffled), w.restrictions());
              assertEquals(
                  a.match(w.requestor()).membership(), b.match(w.requestor()).membership());
              AccessDecision da = a.evaluate(w.requestor(), w.policies());
              AccessDecision db = b.evaluate(w.requestor(), w.policies());
              assertEquals(da.reasons(), db.reasons());
              assertEquals(da.eligible(), db.eligible());
              assertEquals(da.proposal(), db.proposal());
            });
  }

  @Test
  @DisplayName(
      "a member of a PROPOSED organization is never admitted by all configured connected organizations (R-POL-2)")
  void proposedMembersAreNeverAdmittedByAllConfigured() {
    Policy allConfigured =
        Policy.withoutApproval(
            "all-configured", RequestorScope.allConfiguredConnectedOrganizations());
    Property.forAll(WORLDS)
        .checkAssert(
            w -> {
              AccessDecision decision =
                  AccessRequestMatcher.of(
                          OrganizationSnapshot.of(w.organizations()), w.restrictions())
                      .evaluate(w.requestor(), allConfigured);
              decision
                  .membership()
                  .filter(m -> m.organization().state() == OrganizationState.PROPOSED)
                  .ifPresent(m -> assertFalse(decision.eligible(), decision::explanation));
              if (decision.eligible()) {
                assertEquals(
                    OrganizationState.CONFIGURED,
                    decision.membership().orElseThrow().organization().state());
              }
            });
  }

  @Test
  @DisplayName(
      "a deny-listed domain is refused in every spelling: case, trailing dot, Unicode or punycode (R-MAT-3)")
  void aDenyListedDomainIsRefusedInEverySpelling() {
    Generator<List<Object>> cases =
        r -> {
          DomainName d = EntenteGenerators.domainName(r);
          return List.of(
              d,
              EntenteGenerators.spelling(r, d),
              EntenteGenerators.spelling(r, d).strip(),
              r.nextInt(4),
              EntenteGenerators.policy(r, List.of()));
        };
    Property.forAll(cases)
        .checkAssert(
            c -> {
              DomainName domain = (DomainName) c.get(0);
              EmailAddress email = EmailAddress.of("ana@" + c.get(2));
              assertEquals(domain, email.domain());
              Requestor requestor =
                  switch ((Integer) c.get(3)) {
                    case 0 -> Requestor.passcodeUser(email, true);
                    case 1 ->
                        Requestor.socialUser(dev.entente.model.AccountProvider.GOOGLE, email, true);
                    case 2 ->
                        Requestor.federatedUser(
                            dev.entente.model.IssuerUri.of("https://sts.example.org/"),
                            DomainName.of((String) c.get(2)));
                    default ->
                        Requestor.entraUser(
                                dev.entente.model.TenantId.of(new java.util.UUID(1, 2)),
                                dev.entente.model.Cloud.GLOBAL)
                            .withVerifiedEmail(email);
                  };
              AccessDecision decision =
                  AccessRequestMatcher.of(
                          OrganizationSnapshot.empty(),
                          CollaborationRestrictions.deny(List.of((String) c.get(1))))
                      .evaluate(requestor, (Policy) c.get(4));
              assertFalse(decision.eligible());
              assertTrue(decision.has(ReasonCode.BLOCKED_BY_DENY_LIST), decision::explanation);
            });
  }

  @Test
  @DisplayName(
      "a requestor whose sign-in kind differs from every source never matches (R-MAT-1, R-MAT-2)")
  void aSignInOfAKindNoSourceHasNeverMatches() {
    // A personal account is admitted by its provider's source or, with a verified email, by the
    // email-domain source of its domain.
    Map<SignIn.Kind, Set<IdentitySource.Kind>> admitting =
        Map.of(
            SignIn.Kind.ENTRA, Set.of(IdentitySource.Kind.ENTRA_TENANT),
            SignIn.Kind.FEDERATED, Set.of(IdentitySource.Kind.FEDERATION),
            SignIn.Kind.ONE_TIME_PASSCODE, Set.of(IdentitySource.Kind.EMAIL_DOMAIN),
            SignIn.Kind.SOCIAL,
                Set.of(IdentitySource.Kind.SOCIAL_PROVIDER, IdentitySource.Kind.EMAIL_DOMAIN));
    Property.forAll(WORLDS)
        .checkAssert(
            w -> {
              Set<IdentitySource.Kind> excluded =
                  admitting.getOrDefault(w.requestor().signIn().kind(), Set.of());
              List<ConnectedOrganization> without = new ArrayList<>();
              for (ConnectedOrganization org : w.organizations()) {
                List<IdentitySource> kept =
                    org.identitySources().stream()
                        .filter(s -> !excluded.contains(s.kind()))
                        .toList();
                if (!kept.isEmpty()) {
                  without.add(org.toBuilder().identitySources(kept).build());
                }
              }
              assertEquals(
                  Optional.empty(),
                  AccessRequestMatcher.of(OrganizationSnapshot.of(without))
                      .match(w.requestor())
                      .membership());
            });
  }

  @Test
  @DisplayName(
      "a requestor who signs in through a source is a member of the organization holding it (R-MAT-1)")
  void aRequestorSigningInThroughASourceMatchesItsOrganization() {
    Property.forAll(
            (Generator<List<Object>>)
                r -> {
                  List<ConnectedOrganization> orgs =
                      EntenteGenerators.organizations(r, r.nextInt(1, 12));
                  ConnectedOrganization org = orgs.get(r.nextInt(orgs.size()));
                  IdentitySource source =
                      org.identitySources().get(r.nextInt(org.identitySources().size()));
                  return List.of(orgs, org, source, EntenteGenerators.memberOf(r, source));
                })
        .checkAssert(
            c -> {
              @SuppressWarnings("unchecked")
              List<ConnectedOrganization> orgs = (List<ConnectedOrganization>) c.get(0);
              Membership membership =
                  AccessRequestMatcher.of(OrganizationSnapshot.of(orgs))
                      .match((Requestor) c.get(3))
                      .membership()
                      .orElseThrow();
              assertEquals(c.get(1), membership.organization());
              assertEquals(c.get(2), membership.source());
            });
  }

  @Test
  @DisplayName(
      "an unverified email never makes a member, never passes an allow list, never names a proposal (R-REQ-1)")
  void anUnverifiedEmailIsNeverUsed() {
    Property.forAll(WORLDS)
        .checkAssert(
            w -> {
              Requestor requestor = w.requestor();
              if (requestor.emailVerified() || requestor.email().isEmpty()) {
                return;
              }
              AccessRequestMatcher matcher =
                  AccessRequestMatcher.of(
                      OrganizationSnapshot.of(w.organizations()), w.restrictions());
              AccessDecision decision = matcher.evaluate(requestor, w.policies());
              decision
                  .membership()
                  .ifPresent(
                      m ->
                          assertFalse(
                              m.source() instanceof dev.entente.model.EmailDomain,
                              "matched an email domain with an unverified email"));
              decision
                  .proposal()
                  .ifPresent(p -> assertFalse(p.source() instanceof dev.entente.model.EmailDomain));
              if (w.restrictions().kind() == CollaborationRestrictions.Kind.ALLOW
                  && !(requestor.signIn() instanceof SignIn.Federated)
                  && requestor.isExternal()
                  && requestor.signIn().kind() != SignIn.Kind.ONE_TIME_PASSCODE) {
                assertFalse(decision.eligible(), decision::explanation);
              }
            });
  }

  @Test
  @DisplayName("evaluate never throws, and every decision explains itself (R-DEC-1)")
  void evaluateNeverThrowsAndAlwaysExplains() {
    Property.forAll(WORLDS)
        .checkAssert(
            w -> {
              AccessRequestMatcher matcher =
                  AccessRequestMatcher.of(
                      OrganizationSnapshot.of(w.organizations()), w.restrictions());
              AccessDecision all = matcher.evaluate(w.requestor(), w.policies());
              assertFalse(all.reasons().isEmpty());
              assertFalse(all.explanation().isBlank());
              assertEquals(all.eligible(), all.chosenPolicy().isPresent());
              assertEquals(
                  all.admittingPolicies(),
                  matcher.requestablePolicies(w.requestor(), w.policies()));
              for (Policy policy : w.policies()) {
                AccessDecision one = matcher.evaluate(w.requestor(), policy);
                if (one.eligible()) {
                  assertTrue(all.eligible(), "a policy that admits alone admits among others");
                }
              }
              all.proposal()
                  .ifPresent(
                      p -> {
                        assertTrue(all.membership().isEmpty());
                        assertEquals(
                            RequestorScope.Kind.ALL_EXTERNAL_USERS,
                            all.chosenPolicy().orElseThrow().scope().kind());
                        assertTrue(
                            w.organizations().stream()
                                .flatMap(o -> o.identitySources().stream())
                                .noneMatch(s -> s.key().equals(p.source().key())),
                            "a proposal never takes a held key (R-SRC-2)");
                      });
              all.membership()
                  .ifPresent(
                      m ->
                          assertFalse(
                              m.source() instanceof SocialProvider
                                  && w.requestor().signIn().kind() != SignIn.Kind.SOCIAL));
            });
  }

  @Test
  @DisplayName(
      "the deciding reason of every decision is among its reasons, and says admission exactly when"
          + " the requestor is eligible (R-DEC-1, R-EMB-1)")
  void theDecidingReasonIsAmongTheReasons() {
    Set<ReasonCode> admitting =
        Set.of(
            ReasonCode.ADMITTED_BY_POLICY,
            ReasonCode.MEMBER_OF_ORGANIZATION,
            ReasonCode.WOULD_PROPOSE_ORGANIZATION);
    Property.forAll(WORLDS)
        .checkAssert(
            w -> {
              AccessRequestMatcher matcher =
                  AccessRequestMatcher.of(
                      OrganizationSnapshot.of(w.organizations()), w.restrictions());
              for (AccessDecision d :
                  List.of(
                      matcher.evaluate(w.requestor(), w.policies()),
                      matcher.evaluate(w.requestor(), w.policies().get(0)))) {
                assertTrue(d.codes().contains(d.reason()), d.reason() + " among " + d.codes());
                assertEquals(d.eligible(), admitting.contains(d.reason()), d::toString);
              }
            });
  }
}
