/**
 * Entente's engine: matching requestors to connected organizations, policy evaluation, management,
 * advisories, and the embedded defaults. What an application depends on.
 */
@SuppressWarnings("requires-automatic")
module dev.entente.core {
  requires transitive dev.entente.spi;
  // Used inside; never in a public signature.
  requires com.google.common;
  requires org.slf4j;
  requires static org.jspecify;
  requires static org.immutables.value;

  exports dev.entente;
  exports dev.entente.access;
  exports dev.entente.advice;
  exports dev.entente.embedded;
  exports dev.entente.live;
  exports dev.entente.observe;
}
