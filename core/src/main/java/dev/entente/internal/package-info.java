/** Core's implementation helpers; not exported. */
@NullMarked
package dev.entente.internal;

import org.jspecify.annotations.NullMarked;
