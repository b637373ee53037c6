package dev.entente.keycloak;

import org.keycloak.provider.ProviderFactory;

/** Makes the {@link EntenteProvider} of a session; Keycloak keeps one per server. */
public interface EntenteProviderFactory extends ProviderFactory<EntenteProvider> {}
