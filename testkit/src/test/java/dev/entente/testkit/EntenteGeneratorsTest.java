package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EntraTenant;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationState;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("EntenteGenerators")
class EntenteGeneratorsTest {
  static final int SAMPLES = 2_000;

  static List<ConnectedOrganization> sample(long seed) {
    RandomGenerator random = new SplittableRandom(seed);
    return IntStream.range(0, SAMPLES)
        .mapToObj(i -> EntenteGenerators.organization(random))
        .toList();
  }

  @Nested
  @DisplayName("reach the edge cases")
  class EdgeCases {
    final List<ConnectedOrganization> orgs = sample(1);
    final List<IdentitySource> sources =
        orgs.stream().flatMap(o -> o.identitySources().stream()).toList();

    @Test
    @DisplayName("host directories: the default and a few others, valid, each drawn (R-DIR-1)")
    void hostDirectoriesAreTheDefaultAndAFewOthers() {
      Set<HostDirectory> seen = new HashSet<>();
      SplittableRandom random = new SplittableRandom(17);
      for (int i = 0; i < 600; i++) {
        HostDirectory d = EntenteGenerators.hostDirectory(random);
        assertEquals(d, HostDirectory.of(d.value()));
        seen.add(d);
      }
      assertEquals(6, seen.size(), "every directory drawn: " + seen);
      assertEquals(
          HostDirectory.DEFAULT,
          EntenteGenerators.hostDirectory(Draws.replay(new long[0])),
          "the simplest is the default");
    }

    @Test
    void everyKindOfIdentitySource() {
      assertEquals(
          EnumSet.allOf(IdentitySource.Kind.class),
          sources.stream()
              .map(IdentitySource::kind)
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(IdentitySource.Kind.class))));
    }

    @Test
    void everyCloudAndEveryProvider() {
      assertEquals(
          EnumSet.allOf(Cloud.class),
          sources.stream()
              .filter(s -> s instanceof EntraTenant)
              .map(s -> ((EntraTenant) s).cloud())
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(Cloud.class))));
      assertEquals(
          EnumSet.allOf(AccountProvider.class),
          sources.stream()
              .filter(s -> s instanceof dev.entente.model.SocialProvider)
              .map(s -> ((dev.entente.model.SocialProvider) s).provider())
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(AccountProvider.class))));
    }

    @Test
    void internationalDomainNames() {
      RandomGenerator random = new SplittableRandom(2);
      long idn =
          IntStream.range(0, SAMPLES)
              .mapToObj(i -> EntenteGenerators.domainName(random))
              .filter(d -> d.ascii().contains("xn--"))
              .count();
      assertTrue(idn > SAMPLES / 10, "international names: " + idn);
    }

    @Test
    void bothStatesEmptyAndNonEmptySponsorsAndSeveralSources() {
      assertEquals(
          EnumSet.allOf(OrganizationState.class),
          orgs.stream()
              .map(ConnectedOrganization::state)
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(OrganizationState.class))));
      assertTrue(
          orgs.stream()
              .anyMatch(o -> o.internalSponsors().isEmpty() && o.externalSponsors().isEmpty()));
      assertTrue(
          orgs.stream()
              .anyMatch(o -> !o.internalSponsors().isEmpty() && !o.externalSponsors().isEmpty()));
      assertTrue(orgs.stream().anyMatch(o -> o.identitySources().size() >= 3));
      assertTrue(
          orgs.stream()
              .anyMatch(
                  o -> o.displayName().codePoints().anyMatch(Character::isSupplementaryCodePoint)));
    }
  }

  @Test
  @DisplayName("reach every way of signing in, unverified emails, members and every scope")
  void requestorsAndPoliciesReachTheirEdgeCases() {
    RandomGenerator random = new SplittableRandom(5);
    List<ConnectedOrganization> orgs = EntenteGenerators.organizations(random, 50);
    dev.entente.access.AccessRequestMatcher matcher =
        dev.entente.access.AccessRequestMatcher.of(
            dev.entente.access.OrganizationSnapshot.of(orgs));
    List<dev.entente.access.Requestor> requestors =
        IntStream.range(0, SAMPLES)
            .mapToObj(i -> EntenteGenerators.requestor(random, orgs))
            .toList();
    assertEquals(
        EnumSet.allOf(dev.entente.access.SignIn.Kind.class),
        requestors.stream()
            .map(r -> r.signIn().kind())
            .collect(
                Collectors.toCollection(
                    () -> EnumSet.noneOf(dev.entente.access.SignIn.Kind.class))));
    assertTrue(requestors.stream().anyMatch(r -> r.email().isPresent() && !r.emailVerified()));
    long members =
        requestors.stream().filter(r -> matcher.match(r).membership().isPresent()).count();
    assertTrue(members > SAMPLES / 4 && members < SAMPLES * 3 / 4, "members: " + members);
    assertEquals(
        EnumSet.allOf(dev.entente.access.RequestorScope.Kind.class),
        IntStream.range(0, 500)
            .mapToObj(i -> EntenteGenerators.policy(random, orgs).scope().kind())
            .collect(
                Collectors.toCollection(
                    () -> EnumSet.noneOf(dev.entente.access.RequestorScope.Kind.class))));
  }

  @Test
  @DisplayName("are deterministic: one seed, one value")
  void oneSeedGivesOneValue() {
    assertEquals(sample(7), sample(7));
  }

  @Test
  @DisplayName(
      "organizations(n) never gives one id or one identity-source key to two organizations (R-SRC-2)")
  void organizationsHoldDistinctKeys() {
    List<ConnectedOrganization> orgs =
        EntenteGenerators.organizations(new SplittableRandom(3), 3_000);
    assertEquals(orgs.size(), orgs.stream().map(ConnectedOrganization::id).distinct().count());
    ConnectedOrganization simplest =
        EntenteGenerators.organizations(Draws.replay(new long[0]), 5).get(4);
    assertEquals("00000000-0000-0000-0000-000000000000-4", simplest.id().toString());
    Set<IdentitySourceKey> keys = new HashSet<>();
    int total = 0;
    for (ConnectedOrganization org : orgs) {
      for (IdentitySource source : org.identitySources()) {
        keys.add(source.key());
        total++;
      }
    }
    assertEquals(total, keys.size());
  }

  @Nested
  @DisplayName("as generators of the kit's own Property")
  class AsProperties {
    /** Every draw at its origin: what shrinking ends at. */
    final Draws simplest = Draws.replay(new long[0]);

    @Test
    void theDrawsShrinkTowardsTheSimplestOrganization() {
      ConnectedOrganization simplest = EntenteGenerators.organization(this.simplest);
      assertEquals(1, simplest.identitySources().size());
      assertTrue(simplest.internalSponsors().isEmpty() && simplest.externalSponsors().isEmpty());
      assertEquals(IdentitySource.Kind.ENTRA_TENANT, simplest.identitySources().get(0).kind());
      assertEquals("a.com", EntenteGenerators.domainName(Draws.replay(new long[0])).ascii());
    }

    @Test
    void aFailingPropertyIsReportedWithItsSmallestFalsifyingValue() {
      Property.Falsified failure =
          assertThrows(
              Property.Falsified.class,
              () ->
                  Property.forAll(EntenteGenerators::organization)
                      .seed(11)
                      .check(org -> org.identitySources().size() < 2));
      ConnectedOrganization smallest = (ConnectedOrganization) failure.smallest();
      assertEquals(2, smallest.identitySources().size(), "the fewest sources that fail");
      assertTrue(smallest.internalSponsors().isEmpty() && smallest.externalSponsors().isEmpty());
      assertEquals(11, failure.seed());
      assertTrue(failure.getMessage().contains("-Dentente.testkit.seed=11"), failure.getMessage());
    }
  }
}
