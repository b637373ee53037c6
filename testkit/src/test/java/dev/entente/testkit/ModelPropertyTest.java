package dev.entente.testkit;

import static dev.entente.testkit.EntenteGenerators.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

@DisplayName("Properties of the model, for all generated values")
class ModelPropertyTest {
  static final Gen<DomainName> DOMAINS = gen(EntenteGenerators::domainName);
  static final Gen<ConnectedOrganization> ORGANIZATIONS = gen(EntenteGenerators::organization);

  @Nested
  @DisplayName("domain names (R-SRC-3)")
  class DomainNames {
    @Test
    void canonicalisingTwiceEqualsCanonicalisingOnce() {
      qt().forAll(DOMAINS)
          .checkAssert(
              d -> {
                DomainName again = DomainName.of(d.ascii());
                assertEquals(d, again);
                assertEquals(d.ascii(), again.ascii());
              });
    }

    @Test
    void unicodeAndPunycodeSpellingsGiveEqualDomainNames() {
      qt().forAll(DOMAINS)
          .checkAssert(
              d -> {
                assertEquals(d, DomainName.of(d.unicode()));
                assertEquals(d.hashCode(), DomainName.of(d.unicode()).hashCode());
              });
    }

    @Test
    void everySpellingOfANameCanonicalisesToThatName() {
      qt().forAll(DOMAINS.flatMap(d -> gen(r -> List.of(d, EntenteGenerators.spelling(r, d)))))
          .checkAssert(
              pair ->
                  assertEquals(
                      pair.get(0),
                      DomainName.of((String) pair.get(1)),
                      () -> "spelling " + pair.get(1)));
    }

    @Test
    void theCanonicalFormIsLowerCaseAsciiWithoutTrailingDot() {
      qt().forAll(DOMAINS)
          .check(
              d ->
                  d.ascii()
                          .chars()
                          .allMatch(
                              c ->
                                  c >= 'a' && c <= 'z'
                                      || c >= '0' && c <= '9'
                                      || c == '-'
                                      || c == '.')
                      && !d.ascii().endsWith("."));
    }
  }

  @Nested
  @DisplayName("values (R-ORG-1)")
  class Values {
    @Test
    void aBuilderRoundTripEqualsTheOriginal() {
      qt().forAll(ORGANIZATIONS)
          .checkAssert(
              org -> {
                assertEquals(org, org.toBuilder().build());
                assertEquals(org.hashCode(), org.toBuilder().build().hashCode());
              });
    }

    @Test
    void aSourceOrSponsorBuilderRoundTripEqualsTheOriginal() {
      qt().forAll(gen(EntenteGenerators::identitySource), gen(EntenteGenerators::sponsor))
          .checkAssert(
              (source, sponsor) -> {
                assertEquals(source, rebuild(source));
                assertEquals(sponsor, sponsor.toBuilder().build());
              });
    }

    @Test
    void twoOrganizationsAreEqualExactlyWhenTheirFieldsAre() {
      qt().forAll(ORGANIZATIONS, ORGANIZATIONS)
          .check((a, b) -> a.equals(b) == fields(a).equals(fields(b)));
    }

    @Test
    void changingAnyOneFieldMakesAnUnequalValue() {
      qt().forAll(ORGANIZATIONS, gen(r -> r.nextInt(8)))
          .checkAssert(
              (org, field) -> {
                ConnectedOrganization changed = changeOne(org, field);
                assertNotEquals(fields(org), fields(changed));
                assertNotEquals(org, changed);
              });
    }

    @Test
    void aCopyWithTheSameFieldsIsEqualAndHashesAlike() {
      qt().forAll(ORGANIZATIONS)
          .checkAssert(
              org -> {
                ConnectedOrganization copy =
                    ConnectedOrganization.builder()
                        .id(org.id())
                        .displayName(org.displayName())
                        .description(org.description())
                        .state(org.state())
                        .identitySources(org.identitySources())
                        .internalSponsors(org.internalSponsors())
                        .externalSponsors(org.externalSponsors())
                        .createdAt(org.createdAt())
                        .modifiedAt(org.modifiedAt())
                        .createdBy(org.createdBy())
                        .modifiedBy(org.modifiedBy())
                        .version(org.version())
                        .build();
                assertEquals(org, copy);
                assertEquals(org.hashCode(), copy.hashCode());
              });
    }

    @Test
    void noTwoSourcesOfAGeneratedOrganizationShareAKey() {
      qt().forAll(ORGANIZATIONS)
          .check(
              org ->
                  org.identitySources().stream().map(IdentitySource::key).distinct().count()
                      == org.identitySources().size());
    }
  }

  @Nested
  @DisplayName("tenant ids and identity-source keys (R-SRC-1, R-SRC-2)")
  class TenantIdsAndKeys {
    final Gen<TenantId> tenants = gen(EntenteGenerators::tenantId);

    @Test
    void tenantIdsOrderAsTheirCanonicalFormsDo() {
      qt().forAll(tenants, tenants)
          .check(
              (a, b) ->
                  Integer.signum(a.compareTo(b))
                      == Integer.signum(a.toString().compareTo(b.toString())));
    }

    @Test
    void aTenantIdEqualsAndHashesAsItsGuidDoes() {
      qt().forAll(tenants, tenants)
          .checkAssert(
              (a, b) -> {
                assertEquals(a.value().hashCode(), a.hashCode());
                assertEquals(a.value().equals(b.value()), a.equals(b));
                assertEquals(a, TenantId.of(a.toString().toUpperCase(java.util.Locale.ROOT)));
              });
    }

    @Test
    void twoKeysAreEqualExactlyWhenTheirKindAndPartsAre() {
      Gen<IdentitySource> sources = gen(EntenteGenerators::identitySource);
      qt().forAll(sources, sources)
          .checkAssert(
              (a, b) -> {
                assertEquals(
                    a.key().toString().equals(b.key().toString()), a.key().equals(b.key()));
                IdentitySourceKey copy = rebuild(a).key();
                assertEquals(a.key(), copy);
                assertEquals(a.key().hashCode(), copy.hashCode());
              });
    }
  }

  static List<Object> fields(ConnectedOrganization o) {
    return List.of(
        o.id(),
        o.displayName(),
        o.description(),
        o.state(),
        o.identitySources(),
        o.internalSponsors(),
        o.externalSponsors(),
        o.createdAt(),
        o.modifiedAt(),
        o.createdBy(),
        o.modifiedBy(),
        o.version());
  }

  static ConnectedOrganization changeOne(ConnectedOrganization o, int field) {
    ConnectedOrganization.Builder b = o.toBuilder();
    switch (field) {
      case 0:
        return b.displayName(o.displayName() + " X").build();
      case 1:
        return b.description(o.description().map(d -> d + " X").orElse("X")).build();
      case 2:
        return b.state(
                o.state() == OrganizationState.CONFIGURED
                    ? OrganizationState.PROPOSED
                    : OrganizationState.CONFIGURED)
            .build();
      case 3:
        return b.version(o.version().next()).build();
      case 4:
        return b.modifiedAt(o.modifiedAt().plusSeconds(1)).build();
      case 5:
        return b.addInternalSponsors(Sponsor.user("changed-" + o.id())).build();
      case 6:
        return b.identitySources(List.copyOf(o.identitySources()).subList(0, 1))
            .addIdentitySources(
                dev.entente.model.EntraTenant.builder()
                    .tenantId(TenantId.of(new java.util.UUID(7, 7)))
                    .build())
            .build();
      default:
        return b.id(dev.entente.model.OrganizationId.of(o.id() + "x"))
            .version(Version.initial())
            .build();
    }
  }

  static IdentitySource rebuild(IdentitySource source) {
    if (source instanceof dev.entente.model.EntraTenant t) {
      return t.toBuilder().build();
    } else if (source instanceof dev.entente.model.Federation f) {
      return f.toBuilder().build();
    } else if (source instanceof dev.entente.model.EmailDomain e) {
      return e.toBuilder().build();
    }
    return ((dev.entente.model.SocialProvider) source).toBuilder().build();
  }
}
