/**
 * Entente's embedded defaults for its ports: a thread-safe in-memory store, a static directory
 * lookup, and an audit sink that logs through SLF4J.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.entente.embedded;

import org.jspecify.annotations.NullMarked;
