package dev.entente.bench;

import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.EmailAddress;
import dev.entente.access.Requestor;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.SocialProvider;
import dev.entente.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The fixed data of the benchmarks: organizations with one identity source each (a third tenants, a
 * third federations, a third email domains, and one Microsoft-account organization), and a fixed
 * mix of requestors.
 */
final class BenchData {
  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  static final int BLOCKED_DOMAINS = 100;

  /** Requestors cycled through by the benchmarks; a power of two. */
  static final int REQUESTORS = 4096;

  private BenchData() {}

  /**
   * Organization number {@code i} of a store of {@code n}; number 0 is the Microsoft-account one.
   */
  static ConnectedOrganization organization(int i) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of(new UUID(0x0E17E17EL + i * 0x9E3779B97F4A7C15L, i).toString()))
        .displayName("Organization " + i)
        .addIdentitySources(source(i))
        .createdAt(CREATED)
        .createdBy(Actor.system())
        .build();
  }

  static IdentitySource source(int i) {
    if (i == 0) {
      return SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT);
    }
    return switch (i % 3) {
      case 0 -> EntraTenant.of(tenant(i), Cloud.GLOBAL, "Tenant " + i);
      case 1 ->
          Federation.of(
              DomainName.of("f" + i + ".example"),
              IssuerUri.of("https://sts.f" + i + ".example/adfs"),
              "Federation " + i);
      default -> EmailDomain.of(DomainName.of("e" + i + ".example"));
    };
  }

  static TenantId tenant(long i) {
    return TenantId.of(new UUID(0x7E4A47L, i + 1));
  }

  static List<ConnectedOrganization> organizations(int n) {
    List<ConnectedOrganization> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(organization(i));
    }
    return out;
  }

  /** How many partner configurations {@link #crossTenantAccess()} holds. */
  static final int PARTNERS = 1_000;

  /** The application the gated decisions are for. */
  static final String APPLICATION = "0b5f3a1e-6c2d-4e8f-9a7b-1c2d3e4f5a6b";

  /**
   * Cross-tenant access settings of {@value #PARTNERS} partner configurations: the tenants of the
   * first member tenants (organizations 3, 6, 9 …), each letting all its users reach ten
   * applications, {@link #APPLICATION} among them; the default lets everyone in, as Entra's does.
   */
  static CrossTenantAccess crossTenantAccess() {
    List<CrossTenantAccess.Target> apps = new ArrayList<>();
    apps.add(CrossTenantAccess.Target.application(APPLICATION));
    for (int a = 1; a < 10; a++) {
      apps.add(CrossTenantAccess.Target.application(new UUID(0xA99L, a).toString()));
    }
    CrossTenantAccess.B2BSetting setting =
        CrossTenantAccess.B2BSetting.of(
            CrossTenantAccess.Rule.allowed(CrossTenantAccess.Target.allUsers()),
            CrossTenantAccess.Rule.of(CrossTenantAccess.AccessType.ALLOWED, apps));
    CrossTenantAccess.Builder b = CrossTenantAccess.builder();
    for (int p = 1; p <= PARTNERS; p++) {
      b.partner(CrossTenantAccess.Partner.of(tenant(3L * p), setting));
    }
    return b.build();
  }

  static CollaborationRestrictions denyList() {
    List<String> blocked = new ArrayList<>();
    for (int j = 0; j < BLOCKED_DOMAINS; j++) {
      blocked.add("blocked" + j + ".example");
    }
    return CollaborationRestrictions.deny(blocked);
  }

  /**
   * The requestor mix, in eighths: three signing in to a member tenant, one through a member
   * federation, one by one-time passcode to a member email domain, one with a Microsoft account,
   * one matching no organization (an unknown tenant or domain), and one from a deny-listed domain.
   * So a quarter match no organization, and one in eight is blocked.
   */
  static Requestor[] requestors(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Requestor[] out = new Requestor[REQUESTORS];
    for (int k = 0; k < REQUESTORS; k++) {
      out[k] = requestor(k % 8, n, random);
    }
    return out;
  }

  private static Requestor requestor(int slot, int n, SplittableRandom random) {
    switch (slot) {
      case 0, 1, 2 -> {
        int i = memberOfKind(0, n, random);
        return Requestor.entraUser(tenant(i), Cloud.GLOBAL)
            .withVerifiedEmail(EmailAddress.of("ana" + i + "@t" + i + ".example"));
      }
      case 3 -> {
        int i = memberOfKind(1, n, random);
        return Requestor.federatedUser(
            IssuerUri.of("https://sts.f" + i + ".example/adfs"),
            DomainName.of("f" + i + ".example"));
      }
      case 4 -> {
        int i = memberOfKind(2, n, random);
        return Requestor.passcodeUser(EmailAddress.of("li@e" + i + ".example"), true);
      }
      case 5 -> {
        return Requestor.socialUser(
            AccountProvider.MICROSOFT_ACCOUNT,
            EmailAddress.of("sam" + random.nextInt(1000) + "@outlook.com"),
            true);
      }
      case 6 -> {
        return random.nextBoolean()
            ? Requestor.entraUser(tenant(n + random.nextInt(1_000_000)), Cloud.GLOBAL)
            : Requestor.passcodeUser(
                EmailAddress.of("jo@unknown" + random.nextInt(1_000_000) + ".example"), true);
      }
      default -> {
        return Requestor.passcodeUser(
            EmailAddress.of("tom@blocked" + random.nextInt(BLOCKED_DOMAINS) + ".example"), true);
      }
    }
  }

  private static int memberOfKind(int kind, int n, SplittableRandom random) {
    int i;
    do {
      i = random.nextInt(1, n);
    } while (i % 3 != kind);
    return i;
  }

  /** The key a requestor's sign-in looks up, canonical, as the raw hash lookup's floor uses it. */
  static IdentitySourceKey keyOf(Requestor requestor) {
    return switch (requestor.signIn().kind()) {
      case ENTRA -> {
        var entra = (dev.entente.access.SignIn.Entra) requestor.signIn();
        yield IdentitySourceKey.tenant(entra.cloud(), entra.tenantId());
      }
      case FEDERATED ->
          IdentitySourceKey.domain(
              ((dev.entente.access.SignIn.Federated) requestor.signIn()).domain());
      case SOCIAL ->
          IdentitySourceKey.provider(
              ((dev.entente.access.SignIn.Social) requestor.signIn()).provider());
      case ONE_TIME_PASSCODE, DIRECTORY ->
          IdentitySourceKey.domain(requestor.verifiedEmail().orElseThrow().domain());
    };
  }
}
