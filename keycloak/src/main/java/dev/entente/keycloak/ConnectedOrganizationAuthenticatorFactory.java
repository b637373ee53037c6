package dev.entente.keycloak;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The authenticator {@value #ID}: REQUIRED at the top level of the browser, direct-grant and
 * registration flows (after the sign-in, so that SSO is decided too) and in each identity
 * provider's post-broker-login flow (README "Keycloak" gives the flows, and a realm file with
 * them). Its one setting names the OIDC identity providers trusted as Entra; the organizations and
 * the default policy are the server's ({@code --spi-entente--default--…}).
 */
public final class ConnectedOrganizationAuthenticatorFactory implements AuthenticatorFactory {
  /** The provider id. */
  public static final String ID = "entente";

  /** The setting naming the OIDC identity providers trusted as Entra (their aliases). */
  static final String ENTRA_PROVIDERS = "entraProviders";

  /** Made by Keycloak's service loader. */
  public ConnectedOrganizationAuthenticatorFactory() {}

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public String getDisplayType() {
    return "Entente: connected organization";
  }

  @Override
  public String getReferenceCategory() {
    return "entente";
  }

  @Override
  public boolean isConfigurable() {
    return true;
  }

  @Override
  public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
    return new AuthenticationExecutionModel.Requirement[] {
      AuthenticationExecutionModel.Requirement.REQUIRED,
      AuthenticationExecutionModel.Requirement.DISABLED
    };
  }

  @Override
  public boolean isUserSetupAllowed() {
    return false;
  }

  @Override
  public String getHelpText() {
    return "Admits the user to the client only when a connected organization the client's policy"
        + " admits holds how they signed in; puts the organization in the user session note"
        + " entente.organization. Place it REQUIRED after the sign-in, at the flow's top level.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(ENTRA_PROVIDERS)
        .label("Entra identity providers")
        .helpText(
            "Aliases of the OIDC identity providers that are Entra, separated by commas: their"
                + " tokens' tid claim names the user's tenant.")
        .type(ProviderConfigProperty.STRING_TYPE)
        .add()
        .build();
  }

  @Override
  public Authenticator create(KeycloakSession session) {
    return new ConnectedOrganizationAuthenticator();
  }

  @Override
  public void init(Config.Scope config) {}

  @Override
  public void postInit(KeycloakSessionFactory factory) {}

  @Override
  public void close() {}
}
