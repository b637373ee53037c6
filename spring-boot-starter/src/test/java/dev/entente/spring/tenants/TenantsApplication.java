package dev.entente.spring.tenants;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.HostDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A multi-tenant application: each customer is a host directory, and its controllers inject
 * Entente's beans once, as any service, which act in the directory of the request (R-DIR-1). The
 * directory comes from a header or from the signed token's {@code tid} claim, as {@code
 * entente.directory.resolver} says.
 */
@SpringBootApplication
public class TenantsApplication {
  static final Actor ADMIN = Actor.administrator("admin@host.example");
  static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());

  /** Thrown after a write, inside the application's transaction: the write must not stay. */
  static final class Regret extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Regret() {
      super("the application changed its mind");
    }
  }

  @RestController
  static class Partners {
    private final ConnectedOrganizations organizations;
    private final AccessRequestMatcher matcher;
    private final Entente entente;

    Partners(ConnectedOrganizations organizations, AccessRequestMatcher matcher, Entente entente) {
      this.organizations = organizations;
      this.matcher = matcher;
      this.entente = entente;
    }

    @PostMapping("/partners/{domain}")
    String add(@PathVariable("domain") String domain) {
      return create(domain).id().toString();
    }

    @PostMapping("/partners/{domain}/regretted")
    @Transactional
    String addThenRegret(@PathVariable("domain") String domain) {
      create(domain);
      throw new Regret();
    }

    private ConnectedOrganization create(String domain) {
      return organizations.create(
          OrganizationDraft.named(domain)
              .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
              .build(),
          ADMIN);
    }

    @GetMapping("/partners")
    Map<String, Object> list() {
      return Map.of(
          "directory",
          entente.directory().value(),
          "partners",
          organizations.all().map(ConnectedOrganization::displayName).sorted().toList());
    }

    @GetMapping("/admits")
    boolean admits(@RequestParam("email") String email) {
      return matcher
          .evaluate(Requestor.passcodeUser(EmailAddress.of(email), true), PARTNERS)
          .eligible();
    }

    /** A directory named by the application, whatever the request's. */
    @GetMapping("/directories/{id}/partners")
    List<String> named(@PathVariable("id") String id) {
      return entente
          .directory(HostDirectory.of(id))
          .organizations()
          .all()
          .map(ConnectedOrganization::displayName)
          .toList();
    }
  }

  /**
   * Stands in for a resource server's filter: verifies the bearer token's signature with the
   * issuer's public key (Spring Security's Nimbus decoder) and makes its JWT the principal.
   */
  @Bean
  OncePerRequestFilter bearerTokens(@Value("${test.jwt.public-key:}") String publicKey) {
    JwtDecoder decoder =
        publicKey.isEmpty()
            ? null
            : NimbusJwtDecoder.withPublicKey(Keys.publicKey(publicKey)).build();
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (decoder == null || authorization == null || !authorization.startsWith("Bearer ")) {
          chain.doFilter(request, response);
          return;
        }
        Jwt jwt = decoder.decode(authorization.substring("Bearer ".length()));
        SecurityContextHolder.getContext()
            .setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(jwt, null, List.of()));
        try {
          chain.doFilter(request, response);
        } finally {
          SecurityContextHolder.clearContext();
        }
      }
    };
  }
}
