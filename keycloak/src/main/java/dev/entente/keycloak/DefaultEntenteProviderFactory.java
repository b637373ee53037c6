package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.access.Policy;
import dev.entente.model.Cloud;
import dev.entente.model.HostDirectory;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.keycloak.Config;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The provider {@value #ID} of the SPI {@code entente}: it owns the server's {@link
 * EntenteRuntime}, opened in {@link #init} from the validated options (Keycloak does not start on a
 * refused one, and says which) and closed in {@link #close}.
 */
public final class DefaultEntenteProviderFactory implements EntenteProviderFactory {
  /** The provider id, the second part of the options. */
  public static final String ID = "default";

  private @Nullable EntenteRuntime runtime;

  /** Made by Keycloak's service loader. */
  public DefaultEntenteProviderFactory() {}

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public void init(Config.Scope config) {
    runtime = EntenteRuntime.open(EntenteOptions.from(config::get));
  }

  /**
   * Deletes a removed realm's organizations once its removal commits (README, "Keycloak"): a
   * realm's id is never given again, so they could never be reached, and nothing of a realm
   * outlives it. A removal that rolls back deletes nothing.
   */
  @Override
  public void postInit(KeycloakSessionFactory factory) {
    factory.register(
        event -> {
          if (event instanceof RealmModel.RealmRemovedEvent removed) {
            EntenteRuntime started = runtime;
            RealmModel realm = removed.getRealm();
            if (started == null) {
              return;
            }
            HostDirectory directory = HostDirectory.of(realm.getId());
            String name = realm.getName();
            removed
                .getKeycloakSession()
                .getTransactionManager()
                .enlistAfterCompletion(
                    new AbstractKeycloakTransaction() {
                      @Override
                      protected void commitImpl() {
                        started.deleteAll(directory, name);
                      }

                      @Override
                      protected void rollbackImpl() {}
                    });
          }
        });
  }

  @Override
  public EntenteProvider create(KeycloakSession session) {
    EntenteRuntime started = runtime;
    if (started == null) {
      throw new IllegalStateException("Entente's provider factory was not initialised");
    }
    return new Provider(started);
  }

  @Override
  public void close() {
    EntenteRuntime started = runtime;
    runtime = null;
    if (started != null) {
      started.close();
    }
  }

  @Override
  public List<ProviderConfigProperty> getConfigMetadata() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(EntenteOptions.REALMS)
        .type(ProviderConfigProperty.STRING_TYPE)
        .helpText(
            "The realms (names or ids, separated by commas) Entente serves, each with its own"
                + " connected organizations, kept under the realm's id; every other realm refuses."
                + " Required.")
        .required(true)
        .add()
        .property()
        .name(EntenteOptions.JDBC_URL)
        .type(ProviderConfigProperty.STRING_TYPE)
        .helpText("The PostgreSQL store: jdbc:postgresql://host[:port]/database.")
        .add()
        .property()
        .name(EntenteOptions.JDBC_USER)
        .type(ProviderConfigProperty.STRING_TYPE)
        .helpText("The store's database user.")
        .add()
        .property()
        .name(EntenteOptions.JDBC_PASSWORD_FILE)
        .type(ProviderConfigProperty.STRING_TYPE)
        .helpText(
            "A file whose first line is the store's password. The password itself is never"
                + " an option, which show-config would print.")
        .add()
        .property()
        .name(EntenteOptions.SCHEMA)
        .type(ProviderConfigProperty.STRING_TYPE)
        .defaultValue("entente")
        .helpText("The store's schema, migrated at start-up.")
        .add()
        .property()
        .name(EntenteOptions.POOL_SIZE)
        .type(ProviderConfigProperty.INTEGER_TYPE)
        .defaultValue(EntenteOptions.DEFAULT_POOL_SIZE)
        .helpText("The most connections the store holds open, one of them listening for changes.")
        .add()
        .property()
        .name(EntenteOptions.EXPORT_FILE)
        .type(ProviderConfigProperty.STRING_TYPE)
        .helpText(
            "A Graph export of connected organizations, read at start-up (instead of the"
                + " store).")
        .add()
        .property()
        .name(EntenteOptions.CLOUD)
        .type(ProviderConfigProperty.LIST_TYPE)
        .options(EntenteOptions.CLOUDS.split(", "))
        .defaultValue("global")
        .helpText("The host's Microsoft cloud.")
        .add()
        .property()
        .name(EntenteOptions.POLICY)
        .type(ProviderConfigProperty.STRING_TYPE)
        .defaultValue("all-configured")
        .helpText("The policy of clients without the attribute entente.policy: " + Policies.ACCEPTS)
        .add()
        .build();
  }

  /** The provider of one session: the server's runtime, seen from a realm. */
  private record Provider(EntenteRuntime runtime) implements EntenteProvider {
    @Override
    public Optional<Entente> in(RealmModel realm) {
      Set<String> served = runtime.options().realms();
      return served.contains(realm.getName()) || served.contains(realm.getId())
          ? Optional.of(runtime.in(HostDirectory.of(realm.getId())))
          : Optional.empty();
    }

    @Override
    public OptionalLong changeMark(RealmModel realm) {
      return runtime.changeMark(HostDirectory.of(realm.getId()));
    }

    @Override
    public Policy defaultPolicy() {
      return runtime.options().policy();
    }

    @Override
    public Cloud hostCloud() {
      return runtime.options().hostCloud();
    }

    @Override
    public String notServed(RealmModel realm) {
      return "Entente's connected organizations belong to the realms "
          + runtime.options().realms()
          + ", not to realm "
          + realm.getName()
          + " ("
          + EntenteOptions.PREFIX
          + EntenteOptions.REALMS
          + ")";
    }
  }
}
