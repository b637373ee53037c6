package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.access.Policy;
import dev.entente.model.Cloud;
import java.util.Optional;
import java.util.OptionalLong;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Entente in a Keycloak session: {@code session.getProvider(EntenteProvider.class)}. The
 * authenticator, the client-policy executor, the admin endpoint and the admin-console page reach
 * connected organizations only through it, and only those of the request's realm: each realm the
 * server serves (the option {@code --spi-entente--default--realms}) is its own host directory,
 * keyed by the realm's id (R-DIR-1). In any other realm there are none, and each of them refuses.
 */
public interface EntenteProvider extends Provider {
  /**
   * Entente over the connected organizations of {@code realm}, and no other realm's.
   *
   * @param realm the realm of the request
   * @return Entente in the realm's directory, or empty when the server does not serve the realm
   */
  Optional<Entente> in(RealmModel realm);

  /**
   * A mark of {@code realm}'s organizations that moves whenever they change, here or elsewhere: the
   * last change its replica applied (loading it when needed). The admin console's page refreshes
   * its items only when it moved.
   *
   * @param realm a realm the server serves
   * @return the mark, or empty when there is none to compare (then every refresh reads them)
   */
  default OptionalLong changeMark(RealmModel realm) {
    return OptionalLong.empty();
  }

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
