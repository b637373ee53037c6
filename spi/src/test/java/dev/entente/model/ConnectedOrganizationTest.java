package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.MissingFieldException;
import dev.entente.errors.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ConnectedOrganization (R-ORG-1, R-ORG-2, R-SPN-1)")
class ConnectedOrganizationTest {
  static final Instant CREATED = Instant.parse("2026-01-15T09:30:00Z");
  static final EntraTenant CONTOSO_TENANT =
      EntraTenant.of(TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"), Cloud.GLOBAL, "Contoso");

  static ConnectedOrganization.Builder contoso() {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of("org-1"))
        .displayName("Contoso")
        .addIdentitySources(CONTOSO_TENANT)
        .createdAt(CREATED)
        .createdBy(Actor.administrator("admin@host.example"));
  }

  @Nested
  @DisplayName("defaults")
  class Defaults {
    @Test
    void anOrganizationIsConfiguredUnlessTheCallerSaysOtherwise() {
      assertEquals(OrganizationState.CONFIGURED, contoso().build().state());
      assertEquals(
          OrganizationState.PROPOSED, contoso().state(OrganizationState.PROPOSED).build().state());
    }

    @Test
    void modificationDefaultsToCreationAndTheVersionToOne() {
      ConnectedOrganization org = contoso().build();
      assertEquals(CREATED, org.modifiedAt());
      assertEquals(org.createdBy(), org.modifiedBy());
      assertEquals(Version.initial(), org.version());
      assertTrue(org.description().isEmpty());
      assertTrue(org.internalSponsors().isEmpty());
    }

    @Test
    void displayNameAndDescriptionAreTrimmedAndAnEmptyDescriptionIsAbsent() {
      ConnectedOrganization org =
          contoso().displayName("  Contoso Ltd \t").description("  ").build();
      assertEquals("Contoso Ltd", org.displayName());
      assertEquals(Optional.empty(), org.description());
      assertEquals(
          Optional.of("Partner\nsince 2019"),
          contoso().description(" Partner\nsince 2019 ").build().description());
    }
  }

  @Nested
  @DisplayName("values")
  class Values {
    @Test
    void aChangeIsANewValueAndTheOldOneStaysAsItWas() {
      ConnectedOrganization before = contoso().build();
      ConnectedOrganization after =
          before.toBuilder().displayName("Contoso Group").version(Version.of(2)).build();
      assertEquals("Contoso", before.displayName());
      assertEquals("Contoso Group", after.displayName());
      assertNotEquals(before, after);
      assertEquals(before, before.toBuilder().build());
    }

    @Test
    void identitySourcesKeepTheCallersOrder() {
      EmailDomain woodgrove = EmailDomain.of(DomainName.of("woodgrove.com"));
      SocialProvider msa = SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT);
      ConnectedOrganization org =
          contoso().identitySources(List.of(msa, woodgrove, CONTOSO_TENANT)).build();
      assertEquals(List.of(msa, woodgrove, CONTOSO_TENANT), org.identitySources());
    }

    @Test
    void addingTheSameSponsorTwiceIsANoOp() {
      Sponsor alice = Sponsor.user("alice");
      ConnectedOrganization org =
          contoso().addInternalSponsors(alice).addInternalSponsors(alice).build();
      assertEquals(Set.of(alice), org.internalSponsors());
    }
  }

  @Nested
  @DisplayName("refusals name the field")
  class Refusals {
    private ValidationException refused(ConnectedOrganization.Builder builder, String field) {
      ValidationException e = assertThrows(ValidationException.class, builder::build);
      assertEquals(field, e.field(), e.getMessage());
      return e;
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "   ",
          "Con\u0000toso",
          "Con\ntoso",
          "Con\u202Etoso",
          "Con\u200Btoso",
          "Con\uD800toso"
        })
    void aDisplayNameThatIsEmptyOrHoldsControlOrInvisibleCharactersIsRefused(String name) {
      refused(contoso().displayName(name), "displayName");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "-1000000000-01-01T00:00:00Z",
          "0000-12-31T23:59:59.999999Z",
          "+10000-01-01T00:00:00Z",
          "+1000000000-12-31T23:59:59.999999999Z"
        })
    @DisplayName(
        "a time outside what Graph's DateTimeOffset and PostgreSQL both hold is refused, naming"
            + " the field (R-ORG-1)")
    void aTimeOutsideYears1To9999IsRefused(String text) {
      Instant at = Instant.parse(text);
      ValidationException e = refused(contoso().createdAt(at), "createdAt");
      assertTrue(e.accepted().contains("0001-01-01T00:00:00Z"), e.accepted());
      refused(contoso().modifiedAt(at), "modifiedAt");
    }

    @Test
    @DisplayName("the first and last microseconds of years 1 to 9999 are accepted (R-ORG-1)")
    void theFirstAndLastMicrosecondsOfYears1To9999AreAccepted() {
      assertEquals(
          ConnectedOrganization.EARLIEST,
          contoso().createdAt(ConnectedOrganization.EARLIEST).build().createdAt());
      assertEquals(
          ConnectedOrganization.LATEST,
          contoso().modifiedAt(ConnectedOrganization.LATEST).build().modifiedAt());
      refused(contoso().createdAt(Instant.MIN), "createdAt");
      refused(contoso().createdAt(Instant.MAX), "createdAt");
    }

    @Test
    @DisplayName("times are kept to the microsecond, so a stored value reads back equal (R-ORG-1)")
    void timesAreKeptToTheMicrosecond() {
      ConnectedOrganization org =
          contoso()
              .createdAt(Instant.parse("2026-01-15T09:30:00.123456789Z"))
              .modifiedAt(Instant.parse("2026-01-15T09:30:00.123456999Z"))
              .build();
      assertEquals(Instant.parse("2026-01-15T09:30:00.123456Z"), org.createdAt());
      assertEquals(Instant.parse("2026-01-15T09:30:00.123456Z"), org.modifiedAt());
    }

    @Test
    void aDisplayNameOf256CharactersIsAcceptedAnd257Refused() {
      assertEquals(256, contoso().displayName("x".repeat(256)).build().displayName().length());
      assertEquals(
          "is too long", refused(contoso().displayName("x".repeat(257)), "displayName").problem());
    }

    @Test
    void aDisplayNameIsCountedInCharactersNotUtf16Units() {
      String emoji = "\uD83C\uDF0D"; // one character, two UTF-16 units
      assertEquals(512, contoso().displayName(emoji.repeat(256)).build().displayName().length());
    }

    @Test
    void aDescriptionOver1024CharactersIsRefused() {
      contoso().description("d".repeat(1024)).build();
      refused(contoso().description("d".repeat(1025)), "description");
    }

    @Test
    void aDescriptionWithControlCharactersOtherThanLineBreaksIsRefused() {
      refused(contoso().description("bell\u0007"), "description");
    }

    @Test
    void anOrganizationWithoutIdentitySourcesIsRefused() {
      ValidationException e = refused(contoso().identitySources(List.of()), "identitySources");
      assertTrue(e.problem().contains("admit nobody"));
    }

    @Test
    void twoSourcesWithTheSameKeyAreRefused() {
      EntraTenant renamed = CONTOSO_TENANT.toBuilder().displayName("Contoso again").build();
      ValidationException e = refused(contoso().addIdentitySources(renamed), "identitySources[1]");
      assertTrue(e.problem().contains("identitySources[0]"), e.problem());
    }

    @Test
    void anEmailDomainAndAFederationOnOneDomainAreRefused() {
      DomainName fabrikam = DomainName.of("fabrikam.com");
      refused(
          contoso()
              .identitySources(
                  List.of(
                      EmailDomain.of(fabrikam),
                      Federation.of(
                          fabrikam, IssuerUri.of("https://sts.fabrikam.com/adfs"), "Fabrikam"))),
          "identitySources[1]");
    }

    @Test
    void moreIdentitySourcesThanTheLimitAreRefused() {
      List<IdentitySource> many =
          IntStream.rangeClosed(0, ConnectedOrganization.MAX_IDENTITY_SOURCES)
              .mapToObj(i -> (IdentitySource) EmailDomain.of(DomainName.of("d" + i + ".example")))
              .toList();
      refused(contoso().identitySources(many), "identitySources");
    }

    @Test
    void oneDirectoryIdAsBothInternalAndExternalSponsorIsRefused() {
      ValidationException e =
          refused(
              contoso()
                  .addInternalSponsors(Sponsor.user("bob"))
                  .addExternalSponsors(Sponsor.user("bob")),
              "externalSponsors[0].id");
      assertTrue(e.problem().contains("internalSponsors[0]"));
    }

    @Test
    @DisplayName("one directory id twice is one sponsor, whatever names it carries (R-SPN-1)")
    void oneDirectoryIdTwiceIsOneSponsorWhateverItsNames() {
      ConnectedOrganization org =
          contoso()
              .addInternalSponsors(Sponsor.user("bob"), Sponsor.of(Sponsor.Kind.USER, "bob", "Bob"))
              .build();
      assertEquals(Set.of(Sponsor.user("bob")), org.internalSponsors());
    }

    @Test
    @DisplayName("a GUID sponsor id is stored in lower case and compares without case (R-SPN-1)")
    void aGuidSponsorIdIsStoredInLowerCase() {
      Sponsor upper = Sponsor.user("5F3E0C1A-8A0B-4C52-9D4E-0E6F5B8C7A21");
      assertEquals("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21", upper.id());
      assertEquals(Sponsor.user("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21"), upper);
      assertEquals("Bob", Sponsor.of(Sponsor.Kind.USER, "bob", "Bob").displayName().orElseThrow());
    }

    @Test
    void modificationBeforeCreationIsRefused() {
      refused(contoso().modifiedAt(CREATED.minusSeconds(1)), "modifiedAt");
    }

    @Test
    void buildingWithoutRequiredFieldsNamesThem() {
      MissingFieldException e =
          assertThrows(
              MissingFieldException.class,
              () -> ConnectedOrganization.builder().displayName("x").build());
      assertEquals(List.of("id", "createdAt", "createdBy"), e.fields());
      assertTrue(e.getMessage().contains("id, createdAt, createdBy"), e.getMessage());
    }

    @Test
    void aRefusedBuildLeavesTheBuilderUsable() {
      ConnectedOrganization.Builder builder = contoso().displayName(" ");
      assertThrows(ValidationException.class, builder::build);
      assertFalse(builder.displayName("Contoso").build().displayName().isEmpty());
    }
  }
}
