/**
 * Entente's kit for test suites: generators for every model type, as plain functions of a {@link
 * java.util.random.RandomGenerator} and as QuickTheories generators that shrink; and {@code
 * OrganizationStoreContract}, the suite every {@code OrganizationStore} must pass.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.entente.testkit {
  requires transitive dev.entente.spi;
  requires transitive dev.entente.core;
  requires transitive quicktheories;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;

  exports dev.entente.testkit;
  // JUnit instantiates the contract's nested test classes reflectively.
  opens dev.entente.testkit;
}
