/**
 * The immutable model of connected organizations (docs/rules.md §1).
 *
 * <p>A {@link dev.entente.model.ConnectedOrganization} is an external organization whose users may
 * request access (R-ORG-1). It is {@link dev.entente.model.OrganizationState#CONFIGURED CONFIGURED}
 * or {@link dev.entente.model.OrganizationState#PROPOSED PROPOSED} (R-ORG-2), and says who belongs
 * to it through one or more {@link dev.entente.model.IdentitySource identity sources} (R-SRC-1): an
 * {@link dev.entente.model.EntraTenant Entra tenant}, a SAML/WS-Fed {@link
 * dev.entente.model.Federation federation}, an {@link dev.entente.model.EmailDomain email domain},
 * or a {@link dev.entente.model.SocialProvider social account provider}.
 *
 * <p>The atoms are parsed once and canonical from then on: a {@link dev.entente.model.DomainName}
 * is ASCII lower case (R-SRC-3), a {@link dev.entente.model.TenantId} is a non-nil GUID, an {@link
 * dev.entente.model.IssuerUri} is an absolute https URI. Every value is immutable; a change is a
 * new value, made with {@code toBuilder()}.
 *
 * <p>Bad input is refused with a {@link dev.entente.errors.ValidationException} that names the
 * field, the rejected value and what is accepted. Rules that span several organizations (the
 * uniqueness of R-SRC-2) are enforced by the engine and the store, not here; each source exposes
 * its uniqueness {@link dev.entente.model.IdentitySource#key() key} for them.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
@ValueStyle
package dev.entente.model;

import org.jspecify.annotations.NullMarked;
