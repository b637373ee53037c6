package dev.entente.keycloak;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * The client-policy executor {@value #ID} ({@link EntenteClientPolicyExecutor}): put it in a client
 * profile, and that profile in a client policy whose condition is {@code any-client} (README
 * "Keycloak" gives both, in the realm file).
 */
public final class EntenteClientPolicyExecutorFactory
    implements ClientPolicyExecutorProviderFactory {
  /** The executor's provider id. */
  public static final String ID = "entente";

  /** Made by Keycloak's service loader. */
  public EntenteClientPolicyExecutorFactory() {}

  @Override
  public String getId() {
    return ID;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ClientPolicyExecutorProvider create(KeycloakSession session) {
    return new EntenteClientPolicyExecutor(session);
  }

  @Override
  public String getHelpText() {
    return "Decides every token issued for a user (code, refresh, password grant, device, CIBA,"
        + " implicit, token exchange) for the client that receives it, by the sign-in Entente"
        + " recorded and the connected organizations as they are now.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return List.of();
  }

  @Override
  public void init(Config.Scope config) {}

  @Override
  public void postInit(KeycloakSessionFactory factory) {}

  @Override
  public void close() {}
}
