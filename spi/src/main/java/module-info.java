/**
 * Entente's contract: the immutable model of connected organizations, the errors, and the ports a
 * host implements. A team writing a store for its own database depends on this module alone.
 */
@SuppressWarnings("requires-automatic")
module dev.entente.spi {
  // Used inside (the public-suffix list, immutable collections); never in a public signature.
  requires com.google.common;
  // UTS #46 (IDNA2008) processing of domain names, inside only.
  requires com.ibm.icu;
  // HostTransaction names a JDBC connection and data source.
  requires transitive java.sql;
  requires static transitive org.jspecify;
  requires static org.immutables.value;

  exports dev.entente.errors;
  exports dev.entente.model;
  exports dev.entente.spi;
}
