/**
 * Microsoft Graph v1.0 JSON of connected organizations (docs/rules.md §8).
 *
 * <ul>
 *   <li>{@link GraphJson} is the configured entry point (the host tenant's cloud, the service root,
 *       the importer, the clock, the executor that maps): it makes readers, maps to and from the
 *       model ({@link GraphJson#toOrganization}, {@link GraphJson#toGraph}, clouds included) and
 *       writes documents, list pages and the request bodies of Graph's create, update and sponsor
 *       calls.
 *   <li>{@link GraphReader} streams Graph's JSON: a {@code connectedOrganization}, its five
 *       identity-source types, sponsors as directory objects, list pages and files of concatenated
 *       pages, checked next links; it hands out {@link GraphOrganization}s, or the model mapped
 *       beside the reading ({@link GraphReader#forEachOrganization}).
 *   <li>{@link GraphOrganization} and {@link GraphIdentitySource} hold what the JSON says, as Graph
 *       says it.
 *   <li>{@link GraphReader#planImport} feeds an export to core's {@link dev.entente.ImportPlan},
 *       keyed by Graph id (R-GPH-3); {@link EntraPlan} lists the Graph requests that would make
 *       Entra match the store.
 * </ul>
 *
 * <p>Nothing here sends a request: the host sends the JSON with the HTTP client it has.
 */
@NullMarked
package dev.entente.graph;

import org.jspecify.annotations.NullMarked;
