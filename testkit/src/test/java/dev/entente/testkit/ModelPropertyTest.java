package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

@DisplayName("Properties of the model, for all generated values")
class ModelPropertyTest {
  static final Generator<DomainName> DOMAINS = EntenteGenerators::domainName;
  static final Generator<ConnectedOrganization> ORGANIZATIONS = EntenteGenerators::organization;

  /** Two values drawn one after the other. */
  record Two<A, B>(A a, B b) {}

  static <A, B> Generator<Two<A, B>> both(Generator<A> a, Generator<B> b) {
    return r -> new Two<>(a.next(r), b.next(r));
  }

  @Nested
  @DisplayName("domain names (R-SRC-3)")
  class DomainNames {
    @Test
    void canonicalisingTwiceEqualsCanonicalisingOnce() {
      Property.forAll(DOMAINS)
          .checkAssert(
              d -> {
                DomainName again = DomainName.of(d.ascii());
                assertEquals(d, again);
                assertEquals(d.ascii(), again.ascii());
              });
    }

    @Test
    void unicodeAndPunycodeSpellingsGiveEqualDomainNames() {
      Property.forAll(DOMAINS)
          .checkAssert(
              d -> {
                assertEquals(d, DomainName.of(d.unicode()));
                assertEquals(d.hashCode(), DomainName.of(d.unicode()).hashCode());
              });
    }

    @Test
    void everySpellingOfANameCanonicalisesToThatName() {
      Property.forAll(DOMAINS.flatMap(d -> r -> List.of(d, EntenteGenerators.spelling(r, d))))
          .checkAssert(
              pair ->
                  assertEquals(
                      pair.get(0),
                      DomainName.of((String) pair.get(1)),
                      () -> "spelling " + pair.get(1)));
    }

    @Test
    void theCanonicalFormIsLowerCaseAsciiWithoutTrailingDot() {
      Property.forAll(DOMAINS)
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
      Property.forAll(ORGANIZATIONS)
          .checkAssert(
              org -> {
                assertEquals(org, org.toBuilder().build());
                assertEquals(org.hashCode(), org.toBuilder().build().hashCode());
              });
    }

    @Test
    void aSourceOrSponsorBuilderRoundTripEqualsTheOriginal() {
      Property.forAll(both(EntenteGenerators::identitySource, EntenteGenerators::sponsor))
          .checkAssert(
              two -> {
                assertEquals(two.a(), rebuild(two.a()));
                assertEquals(two.b(), two.b().toBuilder().build());
              });
    }

    @Test
    void twoOrganizationsAreEqualExactlyWhenTheirFieldsAre() {
      Property.forAll(both(ORGANIZATIONS, ORGANIZATIONS))
          .check(two -> two.a().equals(two.b()) == fields(two.a()).equals(fields(two.b())));
    }

    @Test
    void changingAnyOneFieldMakesAnUnequalValue() {
      Property.forAll(both(ORGANIZATIONS, Generator.ints(0, 8)))
          .checkAssert(
              two -> {
                ConnectedOrganization org = two.a();
                ConnectedOrganization changed = changeOne(org, two.b());
                assertNotEquals(fields(org), fields(changed));
                assertNotEquals(org, changed);
              });
    }

    @Test
    void aCopyWithTheSameFieldsIsEqualAndHashesAlike() {
      Property.forAll(ORGANIZATIONS)
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
      Property.forAll(ORGANIZATIONS)
          .check(
              org ->
                  org.identitySources().stream().map(IdentitySource::key).distinct().count()
                      == org.identitySources().size());
    }
  }

  @Nested
  @DisplayName("tenant ids and identity-source keys (R-SRC-1, R-SRC-2)")
  class TenantIdsAndKeys {
    final Generator<Two<TenantId, TenantId>> tenants =
        both(EntenteGenerators::tenantId, EntenteGenerators::tenantId);

    @Test
    void tenantIdsOrderAsTheirCanonicalFormsDo() {
      Property.forAll(tenants)
          .check(
              two ->
                  Integer.signum(two.a().compareTo(two.b()))
                      == Integer.signum(two.a().toString().compareTo(two.b().toString())));
    }

    @Test
    void aTenantIdEqualsAndHashesAsItsGuidDoes() {
      Property.forAll(tenants)
          .checkAssert(
              two -> {
                TenantId a = two.a();
                TenantId b = two.b();
                assertEquals(a.value().hashCode(), a.hashCode());
                assertEquals(a.value().equals(b.value()), a.equals(b));
                assertEquals(a, TenantId.of(a.toString().toUpperCase(java.util.Locale.ROOT)));
              });
    }

    @Test
    void twoKeysAreEqualExactlyWhenTheirKindAndPartsAre() {
      Property.forAll(both(EntenteGenerators::identitySource, EntenteGenerators::identitySource))
          .checkAssert(
              two -> {
                IdentitySource a = two.a();
                IdentitySource b = two.b();
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
