package dev.entente.keycloak;

import dev.entente.model.Cloud;
import java.util.List;
import java.util.Locale;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The authenticator {@value #ID}: add it to a post-broker-login flow (set as the identity
 * provider's), or to the browser flow after the username and password form, as REQUIRED. Its server
 * options ({@code --spi-authenticator-entente-…}) say where the organizations come from: {@code
 * jdbc-url} (with {@code jdbc-user}, {@code jdbc-password}, {@code schema}) for the PostgreSQL
 * store, or {@code export-file} for a Graph export; {@code cloud} is the host's cloud.
 */
public final class ConnectedOrganizationAuthenticatorFactory implements AuthenticatorFactory {
  /** The provider id. */
  public static final String ID = "entente";

  /** The setting of the policy clients without their own are decided under. */
  static final String POLICY = "policy";

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
    return "Admits the user only when a connected organization the client's policy admits holds how"
        + " they signed in; puts the organization in the user session note entente.organization.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(POLICY)
        .label("Default policy")
        .helpText("For clients without the attribute entente.policy: " + Policies.ACCEPTS + ".")
        .type(ProviderConfigProperty.STRING_TYPE)
        .defaultValue("all-configured")
        .add()
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
  public void init(Config.Scope config) {
    String cloud = config.get("cloud", "global");
    EntenteRuntime.start(
        new EntenteRuntime.Settings(
            config.get("jdbcUrl"),
            config.get("jdbcUser"),
            config.get("jdbcPassword"),
            config.get("schema", "entente"),
            config.get("exportFile"),
            Cloud.valueOf(cloud.toUpperCase(Locale.ROOT).replace('-', '_'))));
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {}

  @Override
  public void close() {
    EntenteRuntime.stop();
  }
}
