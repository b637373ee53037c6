package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens from MSAL for Java, against the fake's token endpoint. */
class MsalAccessTokensTest {
  private static final TenantId TENANT = TenantId.of("11111111-1111-1111-1111-111111111111");
  private static final String SECRET = "s3cr3t-value-never-printed";

  @Test
  void clientCredentialsWithASecretGetATokenGraphTakesAndAFreshOneOnRefreshR_ENT_2() {
    try (FakeEntra entra = FakeEntra.start()) {
      entra.addApplication("entente-app", SECRET);
      Seeds.organizations(entra, 3);
      MsalAccessTokens tokens =
          MsalAccessTokens.withSecret(
              Cloud.GLOBAL, TENANT, "entente-app", SECRET, entra.loginRoot(Cloud.GLOBAL));
      Set<String> scopes = Set.of("https://graph.microsoft.com/.default");
      AccessToken first = tokens.token(scopes, false);
      assertEquals(first.value(), tokens.token(scopes, false).value(), "MSAL caches the token");
      assertNotEquals(first.value(), tokens.token(scopes, true).value(), "refresh skips the cache");
      assertFalse(first.toString().contains(first.value()));

      Entra connection = Entra.builder(Cloud.GLOBAL, tokens).graphRoot(entra.graphRoot()).build();
      assertEquals(3, connection.pull().organizations().size());
      entra.expireTokens();
      assertEquals(3, connection.pull().organizations().size(), "a fresh token after a 401");
    }
  }

  @Test
  void aWrongSecretIsATokenFailureThatNeverShowsTheSecretR_ENT_2() {
    try (FakeEntra entra = FakeEntra.start()) {
      entra.addApplication("entente-app", "the-right-one");
      MsalAccessTokens tokens =
          MsalAccessTokens.withSecret(
              Cloud.GLOBAL, TENANT, "entente-app", SECRET, entra.loginRoot(Cloud.GLOBAL));
      assertFalse(tokens.toString().contains(SECRET), tokens.toString());
      Entra connection = Entra.builder(Cloud.GLOBAL, tokens).graphRoot(entra.graphRoot()).build();
      EntraException e = assertThrows(EntraException.class, connection::pull);
      assertEquals(EntraException.Reason.TOKEN, e.reason());
      assertTrue(e.getMessage().contains("AADSTS7000215"), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET));
      assertEquals(0, entra.requestCount(), "nothing reached Graph");
    }
  }

  @Test
  void aManagedIdentityNamesItselfWithoutASecret() {
    assertEquals(
        "MsalAccessTokens[managed identity (system-assigned)]",
        MsalAccessTokens.managedIdentity(Optional.empty()).toString());
  }
}
