/**
 * The advisories of docs/rules.md §5: values a caller can list and display, each with a code, the
 * organization it concerns, the policies involved and a sentence.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.entente.advice;

import org.jspecify.annotations.NullMarked;
