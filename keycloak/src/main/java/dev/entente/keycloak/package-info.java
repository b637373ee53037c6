/**
 * Entente inside Keycloak: an authenticator that decides connected-organization membership at
 * sign-in, the admin endpoint {@code /admin/realms/{realm}/entente}, and the mirror to Keycloak
 * organizations (R-MAT-1, R-POL-1).
 */
@NullMarked
package dev.entente.keycloak;

import org.jspecify.annotations.NullMarked;
