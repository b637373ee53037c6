package dev.entente.spring;

import dev.entente.model.HostDirectory;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The directory the authenticated principal's claim names ({@code
 * entente.directory.resolver=claim}): a resource server's JWT, an OIDC user's ID token, an opaque
 * token's introspected attributes.
 */
final class ClaimDirectories {
  private ClaimDirectories() {}

  /** {@return the resolver reading {@code claim} of the current principal} */
  static DirectoryResolver claim(String claim) {
    return new DirectoryResolver() {
      @Override
      public Optional<HostDirectory> resolve() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
          return Optional.empty();
        }
        Object principal = authentication.getPrincipal();
        Object value = null;
        if (principal instanceof ClaimAccessor claims) {
          value = claims.getClaims().get(claim);
        } else if (principal instanceof OAuth2AuthenticatedPrincipal oauth2) {
          value = oauth2.getAttribute(claim);
        }
        return DirectoryNames.named("claim " + claim, value == null ? null : value.toString());
      }

      @Override
      public String toString() {
        return "the principal's claim " + claim;
      }
    };
  }
}
