/**
 * Entente's engine: matching requestors to connected organizations, policy evaluation, management,
 * advisories, and the embedded defaults. What an application depends on.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.entente.core {
  requires transitive dev.entente.spi;
  requires org.slf4j;
  requires static org.jspecify;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.entente;
  exports dev.entente.access;
  exports dev.entente.advice;
  exports dev.entente.memory;
}
