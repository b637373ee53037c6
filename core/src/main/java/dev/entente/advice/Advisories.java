package dev.entente.advice;

import com.google.common.collect.ImmutableSet;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EntraTenant;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The advisories of docs/rules.md §5, computed from organizations and the host's policies. Pure
 * functions: nothing is read or written elsewhere.
 */
public final class Advisories {
  /** The day every existing organization was made configured (R-LINT-2). */
  public static final Instant STATE_ROLLOUT = Instant.parse("2020-09-09T00:00:00Z");

  /**
   * Well-known consumer mail domains (R-SRC-4): their users should be matched by a social source,
   * not an email-domain or federation source.
   */
  public static final Set<DomainName> CONSUMER_MAIL_DOMAINS =
      ImmutableSet.of(
              "gmail.com",
              "googlemail.com",
              "outlook.com",
              "hotmail.com",
              "hotmail.co.uk",
              "live.com",
              "msn.com",
              "yahoo.com",
              "yahoo.co.uk",
              "yahoo.co.jp",
              "ymail.com",
              "aol.com",
              "icloud.com",
              "me.com",
              "mac.com",
              "proton.me",
              "protonmail.com",
              "gmx.de",
              "gmx.net",
              "web.de",
              "mail.ru",
              "yandex.ru",
              "qq.com",
              "163.com")
          .stream()
          .map(DomainName::of)
          .collect(ImmutableSet.toImmutableSet());

  private Advisories() {}

  /**
   * R-LINT-1 to R-LINT-3 over these organizations and policies, organization by organization.
   *
   * @param organizations the organizations
   * @param policies the policies
   * @return the advisorys
   */
  public static List<Advisory> review(
      Collection<ConnectedOrganization> organizations, List<Policy> policies) {
    List<String> openToConfigured =
        policies.stream()
            .filter(
                p ->
                    p.scope().kind() == RequestorScope.Kind.ALL_CONFIGURED_CONNECTED_ORGANIZATIONS
                        && !p.approvalRequired())
            .map(Policy::id)
            .toList();
    List<Advisory> out = new ArrayList<>();
    for (ConnectedOrganization org : organizations) {
      boolean configured = org.state() == OrganizationState.CONFIGURED;
      if (configured
          && !openToConfigured.isEmpty()
          && org.identitySources().stream().anyMatch(s -> s instanceof SocialProvider)) {
        out.add(
            new Advisory(
                AdvisoryCode.SOCIAL_SOURCE_CONFIGURED,
                org.id(),
                org.displayName(),
                openToConfigured,
                "\""
                    + org.displayName()
                    + "\" is configured and admits personal accounts, and "
                    + openToConfigured
                    + " admit all configured organizations without approval: anyone with such an account can get access."
                    + " Make it proposed, or require approval (R-LINT-1)."));
      }
      if (configured && org.createdAt().isBefore(STATE_ROLLOUT) && org.version().value() == 1) {
        out.add(
            new Advisory(
                AdvisoryCode.REVIEW_PRE_2020_CONFIGURED,
                org.id(),
                org.displayName(),
                List.of(),
                "\""
                    + org.displayName()
                    + "\" was created on "
                    + org.createdAt()
                    + ", before states existed, and was made configured"
                    + " then; it has not been reviewed since. Check that it should be configured, then mark it reviewed (R-LINT-2)."));
      }
      for (IdentitySource source : org.identitySources()) {
        DomainName domain = source.domain().orElse(null);
        if (domain != null && CONSUMER_MAIL_DOMAINS.contains(domain)) {
          out.add(
              new Advisory(
                  AdvisoryCode.CONSUMER_DOMAIN,
                  org.id(),
                  org.displayName(),
                  List.of(),
                  "\""
                      + org.displayName()
                      + "\" admits "
                      + domain
                      + ", a consumer mail domain shared by unrelated people;"
                      + " match them with a social source instead (R-LINT-3, R-SRC-4)."));
        }
      }
    }
    return out;
  }

  /**
   * R-LINT-4: what turning {@code organization} from proposed to configured would change — the
   * policies that would newly admit its members (those for all configured organizations), and the
   * warning of R-LINT-1 if it holds a social source. Empty when it is configured already or no
   * policy would newly admit its members.
   *
   * @param organization the organization
   * @param policies the policies
   * @return the advisorys
   */
  public static List<Advisory> previewConfiguring(
      ConnectedOrganization organization, List<Policy> policies) {
    if (organization.state() != OrganizationState.PROPOSED) {
      return List.of();
    }
    List<String> widened =
        policies.stream()
            .filter(
                p -> p.scope().kind() == RequestorScope.Kind.ALL_CONFIGURED_CONNECTED_ORGANIZATIONS)
            .map(Policy::id)
            .toList();
    if (widened.isEmpty()) {
      return List.of();
    }
    List<Advisory> out = new ArrayList<>();
    out.add(
        new Advisory(
            AdvisoryCode.CONFIGURING_WIDENS_ACCESS,
            organization.id(),
            organization.displayName(),
            widened,
            "Making \""
                + organization.displayName()
                + "\" configured would let its members request under "
                + widened
                + ", which admit all configured organizations (R-LINT-4)."));
    out.addAll(
        review(
                List.of(organization.toBuilder().state(OrganizationState.CONFIGURED).build()),
                policies)
            .stream()
            .filter(a -> a.code() == AdvisoryCode.SOCIAL_SOURCE_CONFIGURED)
            .toList());
    return out;
  }

  /**
   * R-XTA-2's advisory: each configured organization with an Entra tenant whose users the
   * cross-tenant access settings refuse, whoever they are and whatever they request — a tenant of a
   * cloud not let in, or a tenant judged by a setting that refuses everyone (all users blocked, all
   * applications blocked, a half missing). Its members could never get in.
   *
   * @param organizations the organizations
   * @param settings the cross-tenant access settings
   * @return the advisories, organization by organization
   */
  public static List<Advisory> gate(
      Collection<ConnectedOrganization> organizations, CrossTenantAccess settings) {
    List<Advisory> out = new ArrayList<>();
    for (ConnectedOrganization org : organizations) {
      if (org.state() != OrganizationState.CONFIGURED) {
        continue;
      }
      for (IdentitySource source : org.identitySources()) {
        if (!(source instanceof EntraTenant tenant)) {
          continue;
        }
        Requestor anyone = Requestor.entraUser(tenant.tenantId(), tenant.cloud());
        CrossTenantAccess.Refusal cloud =
            settings.refusal(anyone, java.util.Optional.empty()).orElse(null);
        CrossTenantAccess.B2BSetting effective = settings.effectiveInbound(tenant.tenantId());
        String why = null;
        if (cloud != null && cloud.layer() == CrossTenantAccess.Refusal.Layer.CLOUD) {
          why = cloud.why() + "; change " + cloud.setting();
        } else if (effective.refusesEveryone()) {
          CrossTenantAccess.Partner partner = settings.partners().get(tenant.tenantId());
          boolean own = partner != null && partner.b2bCollaborationInbound().isPresent();
          why =
              (own
                      ? "its partner configuration's B2B collaboration inbound ("
                      : "the default configuration's B2B collaboration inbound, which it inherits (")
                  + effective
                  + ") refuses every user of it; change "
                  + (own
                      ? "partners/" + tenant.tenantId() + "/b2bCollaborationInbound"
                      : "default/b2bCollaborationInbound, or give the tenant a partner configuration");
        }
        if (why != null) {
          out.add(
              new Advisory(
                  AdvisoryCode.GATE_REFUSES_EVERYONE,
                  org.id(),
                  org.displayName(),
                  List.of(),
                  "\""
                      + org.displayName()
                      + "\" is configured, but the cross-tenant access settings refuse every user of its tenant "
                      + tenant.tenantId()
                      + ": "
                      + why
                      + " (R-XTA-2)."));
        }
      }
    }
    return out;
  }
}
