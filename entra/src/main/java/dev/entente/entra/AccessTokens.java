package dev.entente.entra;

import java.util.Set;

/**
 * Where the connection gets its tokens: scopes in, a token with its expiry out. A host plugs in
 * what it already uses; {@link MsalAccessTokens} acquires them with Microsoft's own library. The
 * connection asks once per request it sends, so an implementation caches (MSAL does) and refreshes
 * before expiry.
 */
@FunctionalInterface
public interface AccessTokens {
  /**
   * A token for {@code scopes}.
   *
   * @param scopes the scopes, such as {@code https://graph.microsoft.com/.default}
   * @param refresh true after Graph refused the last token (401): a new one, not the cached one
   * @return the token
   * @throws RuntimeException when no token can be had; the connection reports it as an {@link
   *     EntraException} of reason {@link EntraException.Reason#TOKEN}
   */
  AccessToken token(Set<String> scopes, boolean refresh);
}
