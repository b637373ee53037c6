/**
 * The live index: an in-memory replica of a store's organizations kept fresh from the store's
 * {@link dev.entente.spi.ChangeFeed}, for hosts that run several instances on one database
 * (R-IDX-1, R-IDX-2).
 */
@NullMarked
package dev.entente.live;

import org.jspecify.annotations.NullMarked;
