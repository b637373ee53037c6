/**
 * Deciding one access request (docs/rules.md §3 and §4).
 *
 * <p>A {@link dev.entente.access.Requestor} says how someone signed in ({@link
 * dev.entente.access.SignIn}) and which email they presented; an {@link
 * dev.entente.access.AccessRequestMatcher} over an {@link dev.entente.spi.OrganizationIndex} (such
 * as an {@link dev.entente.access.OrganizationSnapshot}) and the host's {@link
 * dev.entente.access.CollaborationRestrictions} matches them to a connected organization and
 * evaluates {@link dev.entente.access.Policy policies} into an {@link
 * dev.entente.access.AccessDecision}: eligible or not, with reasons as codes and sentences.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
@ValueStyle
package dev.entente.access;

import dev.entente.internal.ValueStyle;
import org.jspecify.annotations.NullMarked;
