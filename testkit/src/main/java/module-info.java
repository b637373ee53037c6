/**
 * Entente's kit for test suites: generators for every model type, as plain functions of a {@link
 * java.util.random.RandomGenerator} and as QuickTheories generators that shrink.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.entente.testkit {
  requires transitive dev.entente.spi;
  requires transitive dev.entente.core;
  requires transitive quicktheories;
  requires static org.jspecify;

  exports dev.entente.testkit;
}
