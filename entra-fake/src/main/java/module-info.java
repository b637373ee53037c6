/**
 * A fake Microsoft Entra for tests: an in-process HTTP server speaking the part of Microsoft Graph
 * v1.0 and of the Microsoft identity platform that Entente's connection uses, backed by an
 * in-memory tenant, with knobs for faults.
 */
@SuppressWarnings("requires-automatic")
module dev.entente.entra.fake {
  requires transitive dev.entente.spi;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.core;
  requires static org.jspecify;

  exports dev.entente.entra.fake;
}
