/**
 * Observing Entente at work, for metrics and tracing without a framework in core (R-EMB-1): {@link
 * dev.entente.observe.EntenteListener}, set with {@code Entente.Builder.listener}.
 */
@NullMarked
package dev.entente.observe;

import org.jspecify.annotations.NullMarked;
