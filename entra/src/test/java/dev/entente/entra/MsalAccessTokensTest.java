package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.entra.fake.FakeEntra;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** A self-signed certificate and its key, made by the JDK's keytool, as an admin would. */
  private static KeyStore.PrivateKeyEntry certificate(Path dir, String name) throws Exception {
    Path file = dir.resolve(name + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + name,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), output);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, "changeit".toCharArray());
    }
    return (KeyStore.PrivateKeyEntry)
        store.getEntry(name, new KeyStore.PasswordProtection("changeit".toCharArray()));
  }

  private static List<X509Certificate> chain(KeyStore.PrivateKeyEntry entry) {
    return List.of((X509Certificate) entry.getCertificate());
  }

  @Test
  void clientCredentialsWithACertificateSignAnAssertionTheLoginHostChecksR_ENT_2(@TempDir Path dir)
      throws Exception {
    KeyStore.PrivateKeyEntry mine = certificate(dir, "entente-app");
    KeyStore.PrivateKeyEntry other = certificate(dir, "someone-else");
    try (FakeEntra entra = FakeEntra.start()) {
      entra.addApplication("entente-app", (X509Certificate) mine.getCertificate());
      Seeds.organizations(entra, 2);
      MsalAccessTokens tokens =
          MsalAccessTokens.withCertificate(
              Cloud.GLOBAL,
              TENANT,
              "entente-app",
              mine.getPrivateKey(),
              chain(mine),
              entra.loginRoot(Cloud.GLOBAL));
      Entra connection = Entra.builder(Cloud.GLOBAL, tokens).graphRoot(entra.graphRoot()).build();
      assertEquals(2, connection.pull().organizations().size());

      MsalAccessTokens impostor =
          MsalAccessTokens.withCertificate(
              Cloud.GLOBAL,
              TENANT,
              "entente-app",
              other.getPrivateKey(),
              chain(other),
              entra.loginRoot(Cloud.GLOBAL));
      EntraException e =
          assertThrows(
              EntraException.class,
              () ->
                  Entra.builder(Cloud.GLOBAL, impostor)
                      .graphRoot(entra.graphRoot())
                      .build()
                      .pull());
      assertEquals(EntraException.Reason.TOKEN, e.reason());
      assertTrue(e.getMessage().contains("AADSTS700027"), e.getMessage());
    }
  }

  @Test
  void aPkcs12FileSignsInAndAFileThatIsNotOneIsRefusedNamingItNeverThePasswordR_ENT_2(
      @TempDir Path dir) throws Exception {
    KeyStore.PrivateKeyEntry mine = certificate(dir, "entente-app");
    try (FakeEntra entra = FakeEntra.start()) {
      entra.addApplication("entente-app", (X509Certificate) mine.getCertificate());
      Seeds.organizations(entra, 1);
      MsalAccessTokens tokens =
          MsalAccessTokens.withPkcs12(
              Cloud.GLOBAL,
              TENANT,
              "entente-app",
              dir.resolve("entente-app.p12"),
              "changeit".toCharArray(),
              entra.loginRoot(Cloud.GLOBAL));
      Entra connection = Entra.builder(Cloud.GLOBAL, tokens).graphRoot(entra.graphRoot()).build();
      assertEquals(1, connection.pull().organizations().size());

      Path p12 = dir.resolve("entente-app.p12");
      ValidationException wrong =
          assertThrows(
              ValidationException.class,
              () ->
                  MsalAccessTokens.withPkcs12(
                      Cloud.GLOBAL, TENANT, "entente-app", p12, "hunter2".toCharArray(), null));
      assertEquals("certificate", wrong.field());
      assertTrue(wrong.getMessage().contains(p12.toString()), wrong.getMessage());
      assertFalse(wrong.getMessage().contains("hunter2"), wrong.getMessage());
      Path text = Files.writeString(dir.resolve("not.p12"), "not a key store");
      assertTrue(
          assertThrows(
                  ValidationException.class,
                  () ->
                      MsalAccessTokens.withPkcs12(
                          Cloud.GLOBAL, TENANT, "entente-app", text, new char[0], null))
              .getMessage()
              .contains("cannot be read as PKCS #12"));
      assertTrue(
          assertThrows(
                  ValidationException.class,
                  () ->
                      MsalAccessTokens.withPkcs12(
                          Cloud.GLOBAL,
                          TENANT,
                          "entente-app",
                          dir.resolve("absent.p12"),
                          new char[0],
                          null))
              .getMessage()
              .contains("does not exist"));
    }
  }

  @Test
  void aManagedIdentityNamesItselfWithoutASecret() {
    assertEquals(
        "MsalAccessTokens[managed identity (system-assigned)]",
        MsalAccessTokens.managedIdentity(Optional.empty()).toString());
  }
}
