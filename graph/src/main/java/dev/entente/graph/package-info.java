/**
 * Microsoft Graph v1.0 JSON of connected organizations (docs/rules.md §8).
 *
 * <ul>
 *   <li>{@link GraphJson} reads and writes Graph's JSON: a {@code connectedOrganization}, its five
 *       identity-source types, sponsors as directory objects, list pages and files of concatenated
 *       pages, streaming; and the request bodies of Graph's create, update and sponsor calls.
 *   <li>{@link GraphOrganization} and {@link GraphIdentitySource} hold what the JSON says, as Graph
 *       says it; {@link GraphJson#toOrganization} and {@link GraphJson#toGraph} map it to and from
 *       the model, clouds included.
 *   <li>{@link SyncPlan} plans, and applies through the management service, an import keyed by
 *       Graph id (R-GPH-3); {@link EntraPlan} lists the Graph requests that would make Entra match
 *       the store.
 * </ul>
 *
 * <p>Nothing here sends a request: the host sends the JSON with the HTTP client it has.
 */
@NullMarked
package dev.entente.graph;

import org.jspecify.annotations.NullMarked;
