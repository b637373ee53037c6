package dev.entente.keycloak;

import dev.entente.model.Cloud;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * How the user signed in, kept in the user session's notes from the authentication Keycloak
 * performed: written by the authenticator when it decides, copied by Keycloak into the user session
 * it creates, and read back wherever the session is used again — an SSO sign-in to another client,
 * a token or refresh request, the admin endpoint's explain. The one codec of these notes.
 *
 * <p>Notes, unlike user attributes, are written only by the authentication: an identity provider's
 * mappers can set a user's attributes, and its {@code trustEmail} the account's verified flag, but
 * what is read here is what Entente recorded when Keycloak signed the user in. The note names
 * beginning {@value #PREFIX} are Entente's: no mapper should write them.
 */
final class SignInNotes {
  /** The prefix of every note. */
  static final String PREFIX = "entente.signIn.";

  private static final String PROVIDER = PREFIX + "identityProvider";
  private static final String ENTRA = PREFIX + "entra";
  private static final String ISSUER = PREFIX + "issuer";
  private static final String TENANT = PREFIX + "tenantId";
  private static final String EMAIL = PREFIX + "email";
  private static final String VERIFIED = PREFIX + "emailVerified";

  /** Marks a local sign-in, whose provider note would otherwise be absent. */
  private static final String LOCAL = "local";

  private SignInNotes() {}

  /** Records {@code signIn} for the user session the authentication session will create. */
  static void record(AuthenticationSessionModel authSession, KeycloakSignIn signIn) {
    String provider = signIn.identityProvider();
    authSession.setUserSessionNote(PROVIDER, provider == null ? LOCAL : provider);
    authSession.setUserSessionNote(ENTRA, Boolean.toString(signIn.entra()));
    authSession.setUserSessionNote(ISSUER, orEmpty(signIn.issuer()));
    authSession.setUserSessionNote(TENANT, orEmpty(signIn.tenantId()));
    authSession.setUserSessionNote(EMAIL, orEmpty(signIn.email()));
    authSession.setUserSessionNote(VERIFIED, Boolean.toString(signIn.emailVerified()));
  }

  /**
   * The sign-in recorded in {@code userSession}.
   *
   * @return the sign-in, or empty when Entente recorded none (the session was created by a flow
   *     that does not reach Entente)
   */
  static Optional<KeycloakSignIn> read(@Nullable UserSessionModel userSession, Cloud hostCloud) {
    if (userSession == null) {
      return Optional.empty();
    }
    Map<String, String> notes = userSession.getNotes();
    String provider = notes.get(PROVIDER);
    if (provider == null) {
      return Optional.empty();
    }
    return Optional.of(
        new KeycloakSignIn(
            provider.equals(LOCAL) ? null : provider,
            Boolean.parseBoolean(notes.get(ENTRA)),
            emptyToNull(notes.get(ISSUER)),
            emptyToNull(notes.get(TENANT)),
            emptyToNull(notes.get(EMAIL)),
            Boolean.parseBoolean(notes.get(VERIFIED)),
            hostCloud));
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
