package dev.entente.keycloak;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Connected organizations mirrored to Keycloak organizations, in a realm with Organizations on. A
 * connected organization becomes the Keycloak organization with the alias {@code entente-<id>}, its
 * name, and the domains of its email-domain and federation sources. Keycloak lets a domain belong
 * to one organization and requires every organization to have a domain and a name of its own: a
 * domain another Keycloak organization holds is left to it, a connected organization with no domain
 * left (a tenant's, a personal-account provider's) is not mirrored, and a name taken gets the id
 * added. Identity providers are not linked: which Keycloak provider signs in a tenant's users is
 * the realm's configuration, not the connected organization's. Members are added as they are
 * admitted at sign-in.
 */
final class Mirror {
  private Mirror() {}

  /** {@return the alias of {@code org}'s Keycloak organization} */
  static String alias(ConnectedOrganization org) {
    return "entente-" + org.id();
  }

  private static @Nullable OrganizationProvider organizations(
      KeycloakSession session, RealmModel realm) {
    return realm.isOrganizationsEnabled() ? session.getProvider(OrganizationProvider.class) : null;
  }

  /** Adds {@code user} to {@code org}'s Keycloak organization, when it is mirrored. */
  static void addMember(
      KeycloakSession session, RealmModel realm, ConnectedOrganization org, UserModel user) {
    OrganizationProvider provider = organizations(session, realm);
    if (provider == null) {
      return;
    }
    OrganizationModel mirrored = provider.getByAlias(alias(org));
    if (mirrored != null && !provider.isMember(mirrored, user)) {
      provider.addMember(mirrored, user);
    }
  }

  /**
   * What a mirror did.
   *
   * @param mirrored the aliases of the Keycloak organizations made or updated
   * @param notMirrored connected organization id to why it was not mirrored, or not entirely
   * @param error why nothing was mirrored, or null
   */
  public record Report(
      List<String> mirrored, Map<String, String> notMirrored, @Nullable String error) {}

  /**
   * Mirrors every organization; what was mirrored and what was not, with why.
   *
   * @return the report
   */
  static Report all(KeycloakSession session, RealmModel realm, List<ConnectedOrganization> orgs) {
    OrganizationProvider provider = organizations(session, realm);
    if (provider == null) {
      return new Report(
          List.of(), Map.of(), "Organizations are not enabled in realm " + realm.getName());
    }
    List<String> mirrored = new ArrayList<>();
    Map<String, String> notMirrored = new LinkedHashMap<>();
    Set<String> names = new HashSet<>(); // the realm's organization names, read once
    provider.getAllStream().forEach(o -> names.add(o.getName()));
    for (ConnectedOrganization org : orgs) {
      OrganizationModel existing = provider.getByAlias(alias(org));
      Set<OrganizationDomainModel> domains = new LinkedHashSet<>();
      List<String> taken = new ArrayList<>();
      for (IdentitySource source : org.identitySources()) {
        if (source.domain().isEmpty()) {
          continue; // a tenant's or a personal-account provider's: no domain to give
        }
        String domain = source.domain().get().ascii();
        OrganizationModel holder = provider.getByDomainName(domain);
        if (holder != null && (existing == null || !holder.getId().equals(existing.getId()))) {
          taken.add(domain + " (held by " + holder.getAlias() + ")");
        } else {
          domains.add(new OrganizationDomainModel(domain, true));
        }
      }
      if (domains.isEmpty()) {
        notMirrored.put(
            org.id().toString(),
            taken.isEmpty()
                ? "no email-domain or federation source: Keycloak organizations need a domain"
                : "every domain is another organization's: " + String.join(", ", taken));
        continue;
      }
      OrganizationModel kc = existing;
      if (kc == null) {
        String name = org.displayName();
        kc =
            provider.create(names.contains(name) ? name + " (" + org.id() + ")" : name, alias(org));
        names.add(kc.getName());
      }
      kc.setDomains(domains);
      kc.setDescription(
          "Connected organization " + org.id() + " (" + org.state() + "), mirrored by Entente");
      mirrored.add(kc.getAlias());
      if (!taken.isEmpty()) {
        notMirrored.put(
            org.id().toString(),
            "domains left to other organizations: " + String.join(", ", taken));
      }
    }
    return new Report(List.copyOf(mirrored), notMirrored, null);
  }
}
