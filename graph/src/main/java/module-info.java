/**
 * Microsoft Graph v1.0 JSON of connected organizations, read and written with Jackson's streaming
 * API; the request bodies a host sends to Graph; an export fed to core's import plan, and the
 * requests that would make Entra match a store (docs/rules.md §8). No HTTP client: the host sends
 * the JSON with the client it has.
 */
@SuppressWarnings("requires-automatic")
module dev.entente.graph {
  requires transitive dev.entente.core;
  // Used inside; never in a public signature.
  requires com.fasterxml.jackson.core;
  requires static org.jspecify;
  requires static org.immutables.value;

  exports dev.entente.graph;
}
