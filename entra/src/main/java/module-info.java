/**
 * Entente's connection to Microsoft Entra: pull and push connected organizations over Microsoft
 * Graph (paging, JSON batching, throttling, retries), discover a tenant or a federation from a
 * domain as the portal does, and acquire tokens through a small port, with an adapter on MSAL for
 * Java (docs/rules.md §9).
 */
@SuppressWarnings("requires-automatic")
module dev.entente.entra {
  requires transitive dev.entente.graph;
  requires transitive java.net.http;
  // Used inside; never in a public signature.
  requires com.fasterxml.jackson.core;
  requires com.microsoft.aad.msal4j;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.entente.entra;
}
