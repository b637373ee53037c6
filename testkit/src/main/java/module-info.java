/**
 * Entente's testkit: generators of every model and request type with a property runner that
 * shrinks, and the contract kits of the ports a host implements, each case named by the rule it
 * checks. It needs JUnit Jupiter's API (5.10 or later, or 6) and nothing else outside Entente.
 */
module dev.entente.testkit {
  requires transitive dev.entente.core;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;

  exports dev.entente.testkit;
}
