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
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false),
    throwForInvalidImmutableState = dev.entente.errors.MissingFieldException.class,
    allowedClasspathAnnotations = {Override.class},
    strictBuilder = false,
    jdkOnly = true)
@NullMarked
package dev.entente.graph;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
