package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.access.SignIn;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The mapping from a Keycloak sign-in to a requestor, for every kind (R-MAT-1, R-REQ-1). */
@DisplayName("A Keycloak sign-in makes the requestor Entra would see (R-MAT-1)")
class KeycloakSignInTest {
  private static final String TENANT = "4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f";

  private static KeycloakSignIn broker(
      String provider, boolean entra, String issuer, String tid, String email) {
    return new KeycloakSignIn(provider, entra, issuer, tid, email, true, Cloud.GLOBAL);
  }

  @Test
  @DisplayName("a local user is a one-time-passcode user, verified as the realm holds the email")
  void localUsers() {
    Requestor verified = KeycloakSignIn.local("lee@fabrikam.com", true, Cloud.GLOBAL).requestor();
    assertEquals(SignIn.Kind.ONE_TIME_PASSCODE, verified.signIn().kind());
    assertTrue(verified.emailVerified());
    assertEquals(Optional.of(EmailAddress.of("lee@fabrikam.com")), verified.email());
    assertFalse(
        KeycloakSignIn.local("lee@fabrikam.com", false, Cloud.GLOBAL).requestor().emailVerified());
    ValidationException none =
        assertThrows(
            ValidationException.class,
            () -> KeycloakSignIn.local(null, true, Cloud.GLOBAL).requestor());
    assertEquals("email", none.field());
  }

  @Test
  @DisplayName(
      "an OIDC provider trusted as Entra makes a user of the token's tid, in its issuer's cloud")
  void entraTenants() {
    Requestor global =
        broker("oidc", true, "https://login.microsoftonline.com/" + TENANT + "/v2.0", TENANT, null)
            .requestor();
    assertEquals(new SignIn.Entra(TenantId.of(TENANT), Cloud.GLOBAL), global.signIn());
    Requestor v1 =
        broker("oidc", true, "https://sts.windows.net/" + TENANT + "/", TENANT, null).requestor();
    assertEquals(new SignIn.Entra(TenantId.of(TENANT), Cloud.GLOBAL), v1.signIn());
    Requestor usGov =
        broker(
                "keycloak-oidc",
                true,
                "https://login.microsoftonline.us/" + TENANT + "/v2.0",
                TENANT,
                null)
            .requestor();
    assertEquals(new SignIn.Entra(TenantId.of(TENANT), Cloud.US_GOVERNMENT), usGov.signIn());
    Requestor elsewhere =
        new KeycloakSignIn(
                "oidc",
                true,
                "http://localhost:8080/realms/upstream",
                TENANT,
                null,
                false,
                Cloud.CHINA)
            .requestor();
    assertEquals(
        new SignIn.Entra(TenantId.of(TENANT), Cloud.CHINA), elsewhere.signIn(), "the host's cloud");
    ValidationException malformed =
        assertThrows(
            ValidationException.class,
            () -> broker("oidc", true, null, "not-a-guid", null).requestor());
    assertEquals("tenantId", malformed.field());
  }

  @Test
  @DisplayName(
      "Keycloak's microsoft provider: a tenant's user, or a personal Microsoft account for the"
          + " consumers' tid")
  void microsoft() {
    assertEquals(
        new SignIn.Entra(TenantId.of(TENANT), Cloud.GLOBAL),
        broker(
                "microsoft",
                false,
                "https://login.microsoftonline.com/" + TENANT + "/v2.0",
                TENANT,
                "a@contoso.com")
            .requestor()
            .signIn());
    Requestor personal =
        broker(
                "microsoft",
                false,
                null,
                KeycloakSignIn.MICROSOFT_ACCOUNTS_TENANT,
                "pat@outlook.com")
            .requestor();
    assertEquals(new SignIn.Social(AccountProvider.MICROSOFT_ACCOUNT), personal.signIn());
    assertEquals(
        new SignIn.Social(AccountProvider.MICROSOFT_ACCOUNT),
        broker("MICROSOFT", false, null, null, "pat@outlook.com").requestor().signIn(),
        "provider ids in any case");
  }

  @Test
  @DisplayName("google and facebook are personal accounts, with the email as the broker gave it")
  void socialAccounts() {
    Requestor google = broker("google", false, null, null, "raj@gmail.com").requestor();
    assertEquals(new SignIn.Social(AccountProvider.GOOGLE), google.signIn());
    assertTrue(google.emailVerified());
    assertEquals(
        new SignIn.Social(AccountProvider.FACEBOOK),
        broker("facebook", false, null, null, "raj@example.com").requestor().signIn());
    assertThrows(
        ValidationException.class, () -> broker("google", false, null, null, null).requestor());
  }

  @Test
  @DisplayName(
      "SAML, and OIDC not trusted as Entra, are federated users of the issuer for the email's domain")
  void federations() {
    Requestor saml =
        broker(
                "saml",
                false,
                "https://sts.fabrikam.com/adfs/services/trust",
                null,
                "pat@fabrikam.com")
            .requestor();
    assertEquals(
        new SignIn.Federated(
            IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"),
            DomainName.of("fabrikam.com")),
        saml.signIn());
    Requestor oidc =
        broker("oidc", false, "https://idp.fabrikam.com", TENANT, "pat@fabrikam.com").requestor();
    assertEquals(
        new SignIn.Federated(
            IssuerUri.of("https://idp.fabrikam.com"), DomainName.of("fabrikam.com")),
        oidc.signIn(),
        "a tid from a provider not trusted as Entra is ignored");
    assertEquals(
        "issuerUri",
        assertThrows(
                ValidationException.class,
                () -> broker("saml", false, null, null, "pat@fabrikam.com").requestor())
            .field());
    assertEquals(
        "issuerUri",
        assertThrows(
                ValidationException.class,
                () ->
                    broker("oidc", false, "http://idp.fabrikam.com", null, "pat@fabrikam.com")
                        .requestor())
            .field(),
        "issuers are compared exactly, https only");
  }

  @Nested
  @DisplayName("a client's policy")
  class Policies {
    @Test
    @DisplayName("is all-configured, all-external or a list of organizations (R-POL-1)")
    void forms() {
      assertEquals(
          RequestorScope.Kind.ALL_CONFIGURED_CONNECTED_ORGANIZATIONS,
          dev.entente.keycloak.Policies.parse("f", "all-configured").scope().kind());
      assertEquals(
          RequestorScope.Kind.ALL_EXTERNAL_USERS,
          dev.entente.keycloak.Policies.parse("f", " all-external ").scope().kind());
      OrganizationId a = OrganizationId.of("8a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
      Policy some = dev.entente.keycloak.Policies.parse("f", "organizations:" + a + ", ,");
      assertEquals(List.of(a), List.copyOf(some.scope().organizations()));
    }

    @Test
    @DisplayName("anything else is refused, naming where it was read")
    void refusals() {
      for (String bad : List.of("", "everyone", "organizations:", "organizations:not an id")) {
        ValidationException e =
            assertThrows(
                ValidationException.class,
                () ->
                    dev.entente.keycloak.Policies.parse(
                        "client app attribute entente.policy", bad));
        assertEquals("client app attribute entente.policy", e.field());
      }
    }
  }
}
