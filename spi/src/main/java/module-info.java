/**
 * Entente's contract: the immutable model of connected organizations and the ports a host
 * implements. A team writing a store for its own database depends on this module alone.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.entente.spi {
  requires transitive com.google.common;
  requires static transitive org.jspecify;
  requires static org.immutables.value;
  requires static transitive com.google.errorprone.annotations;
  requires static transitive java.compiler;

  exports dev.entente.model;
  exports dev.entente.spi;
}
