package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.access.Policy;
import dev.entente.model.Cloud;
import java.util.Optional;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Entente in a Keycloak session: {@code session.getProvider(EntenteProvider.class)}. The
 * authenticator, the client-policy executor and the admin endpoint reach the connected
 * organizations only through it, and only for a realm the server gives them to (the option {@code
 * --spi-entente--default--realms}): in any other realm there are none, and each of them refuses.
 */
public interface EntenteProvider extends Provider {
  /**
   * Entente over the connected organizations of {@code realm}.
   *
   * @param realm the realm of the request
   * @return Entente, or empty when the server gives its organizations to other realms only
   */
  Optional<Entente> in(RealmModel realm);

  /** {@return the policy of clients without the attribute {@code entente.policy}} */
  Policy defaultPolicy();

  /** {@return the host's Microsoft cloud, for a tenant whose token names none} */
  Cloud hostCloud();

  /**
   * Why {@code realm} has no organizations: the message a refusal records.
   *
   * @param realm the realm refused
   * @return the message, naming the realms served and the option
   */
  String notServed(RealmModel realm);

  @Override
  default void close() {}
}
