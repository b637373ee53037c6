package dev.entente.keycloak;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@value #NAME}: its options are {@code --spi-entente--default--<name>}. */
public final class EntenteSpi implements Spi {
  /** The SPI's name, the first part of its options. */
  public static final String NAME = "entente";

  /** Made by Keycloak's service loader. */
  public EntenteSpi() {}

  @Override
  public boolean isInternal() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public Class<? extends Provider> getProviderClass() {
    return EntenteProvider.class;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class<? extends ProviderFactory> getProviderFactoryClass() {
    return EntenteProviderFactory.class;
  }
}
