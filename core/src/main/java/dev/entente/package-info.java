/**
 * Entente's entry point: {@link dev.entente.Entente} wires the ports (store, directory lookup,
 * clock, audit sink, delete guard) and hands out the matcher and {@link
 * dev.entente.ConnectedOrganizations}, the management service (docs/rules.md §2).
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.entente;

import org.jspecify.annotations.NullMarked;
