package dev.entente.testkit;

import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.RedemptionOrder;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Generators of valid Entente values: the one entry point of this kit.
 *
 * <p>Every generator is a plain, deterministic function of a {@link RandomGenerator}: the same seed
 * gives the same value, and every value it returns is valid by construction (it was built through
 * the model's own factories). Use them from any property-testing library, or from a loop:
 *
 * <pre>{@code
 * RandomGenerator random = new SplittableRandom(42);
 * ConnectedOrganization org = EntenteGenerators.organization(random);
 * }</pre>
 *
 * <p>Each is a {@link Generator} as a method reference, so {@link Property} checks a property over
 * it and shrinks a failure, with no property-testing library:
 *
 * <pre>{@code
 * Property.forAll(EntenteGenerators::organization)
 *     .check(org -> !org.identitySources().isEmpty());
 * }</pre>
 *
 * <p>The same method references go to QuickTheories through {@code
 * QuickTheoriesGenerators.gen(EntenteGenerators::organization)} in {@code
 * entente-testkit-quicktheories}; any other library that hands a generator a {@link
 * RandomGenerator} can use them as they are.
 *
 * <p>The generators reach the edge cases on purpose: international domain names (Latin with
 * diacritics, Cyrillic, Greek, CJK), every {@link Cloud}, every kind of {@link IdentitySource},
 * both states, empty and non-empty sponsor lists, display names outside the Basic Multilingual
 * Plane; unverified emails and spoofing attempts among requestors; every scope among policies.
 */
public final class EntenteGenerators {
  private static final String[] SUFFIXES = {
    "com", "org", "net", "example", "de", "co.uk", "jp", "xn--p1ai"
  };
  private static final String LDH = "abcdefghijklmnopqrstuvwxyz0123456789-";
  private static final String INTERNATIONAL = "äöüéèçñåøабвгдежзиклαβγδεζηθ例中文字日本ひらがな";
  private static final String[] NAMES = {
    "Contoso",
    "Fabrikam",
    "Woodgrove",
    "Northwind",
    "Tailspin",
    "Adatum",
    "Litware",
    "Proseware",
    "Wingtip",
    "Fourth Coffee"
  };
  private static final String[] NAME_SUFFIXES = {
    "", " Ltd", " Inc.", " GmbH", " Group", " 株式会社", " Ñandú", " \uD83C\uDF0D"
  };
  private static final String[] LOCAL_PARTS = {
    "ana", "bo", "li", "sam", "kim", "jo", "pat", "mallory", "josé", "o'neil", "x+tag"
  };
  private static final String[] ISSUER_PATHS = {
    "", "/", "/adfs/services/trust", "/saml2", "/idp/shibboleth"
  };
  private static final String[] DIRECTORIES = {
    "contoso-realm", "tenant-42", "8f2c1e4a-0000-4000-8000-00000000c0de", "Customer.A", "b2b_eu"
  };
  private static final Instant EPOCH = Instant.parse("2019-01-01T00:00:00Z");
  private static final long SPAN_SECONDS = 8L * 365 * 24 * 3600;

  private EntenteGenerators() {}

  /**
   * {@return a host directory (R-DIR-1): one of a few names, so that generated worlds share
   * directories; the first, {@link HostDirectory#DEFAULT}, is the simplest}
   *
   * @param random the source of randomness
   */
  public static HostDirectory hostDirectory(RandomGenerator random) {
    int which = random.nextInt(6);
    return which == 0 ? HostDirectory.DEFAULT : HostDirectory.of(DIRECTORIES[which - 1]);
  }

  /**
   * {@return a domain name: one to three labels under a common suffix; about one in four
   * international}
   *
   * @param random the source of randomness
   */
  public static DomainName domainName(RandomGenerator random) {
    StringBuilder name = new StringBuilder();
    int labels = random.nextInt(1, 4);
    for (int i = 0; i < labels; i++) {
      name.append(random.nextInt(4) == 3 ? internationalLabel(random) : asciiLabel(random))
          .append('.');
    }
    name.append(pick(random, SUFFIXES));
    try {
      return DomainName.of(name.toString());
    } catch (ValidationException e) {
      // A rare draw spells a public suffix of the list's private section (say, "github.io").
      return DomainName.of("d" + (name.toString().hashCode() & 0x7fffffff) + ".example");
    }
  }

  /**
   * {@return another spelling of {@code name} that {@link DomainName#of(String)} canonicalises back
   * to it: random case, the Unicode or the punycode form, a trailing dot, ideographic or full-width
   * full stops, surrounding spaces}
   *
   * @param random the source of randomness
   * @param name the name
   */
  public static String spelling(RandomGenerator random, DomainName name) {
    String base = random.nextBoolean() ? name.unicode() : name.ascii();
    StringBuilder out = new StringBuilder(base.length() + 4);
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (c == '.') {
        out.append(
            random.nextInt(4) == 3
                ? pick(random, new String[] {"\u3002", "\uFF0E", "\uFF61"})
                : ".");
      } else {
        char upper = Character.toUpperCase(c);
        boolean flips = Character.toLowerCase(upper) == c;
        out.append(flips && random.nextBoolean() ? upper : c);
      }
    }
    if (random.nextBoolean()) {
      out.append('.');
    }
    if (random.nextInt(4) == 3) {
      out.insert(0, "  ").append(' ');
    }
    return out.toString();
  }

  /**
   * {@return a tenant id: any GUID but the nil one}
   *
   * @param random the source of randomness
   */
  public static TenantId tenantId(RandomGenerator random) {
    long most = random.nextLong();
    long least = random.nextLong();
    return TenantId.of(new UUID(most, most == 0 && least == 0 ? 1 : least));
  }

  /**
   * {@return one of the clouds}
   *
   * @param random the source of randomness
   */
  public static Cloud cloud(RandomGenerator random) {
    return pick(random, Cloud.values());
  }

  /**
   * {@return one of the personal-account providers}
   *
   * @param random the source of randomness
   */
  public static AccountProvider accountProvider(RandomGenerator random) {
    return pick(random, AccountProvider.values());
  }

  /**
   * {@return one of the organization states}
   *
   * @param random the source of randomness
   */
  public static OrganizationState state(RandomGenerator random) {
    return pick(random, OrganizationState.values());
  }

  /**
   * {@return an https issuer under a generated domain}
   *
   * @param random the source of randomness
   */
  public static IssuerUri issuerUri(RandomGenerator random) {
    return IssuerUri.of("https://sts." + domainName(random).ascii() + pick(random, ISSUER_PATHS));
  }

  /**
   * {@return an organization id in the form Entente's own store issues (a UUID)}
   *
   * @param random the source of randomness
   */
  public static OrganizationId organizationId(RandomGenerator random) {
    return OrganizationId.of(new UUID(random.nextLong(), random.nextLong()).toString());
  }

  /**
   * {@return an administrator, an application or the system}
   *
   * @param random the source of randomness
   */
  public static Actor actor(RandomGenerator random) {
    return switch (random.nextInt(3)) {
      case 0 -> Actor.administrator("admin" + random.nextInt(100) + "@host.example");
      case 1 -> Actor.application(new UUID(random.nextLong(), random.nextLong()).toString());
      default -> Actor.system();
    };
  }

  /**
   * {@return a display name for an organization or a source, sometimes with non-ASCII characters}
   *
   * @param random the source of randomness
   */
  public static String displayName(RandomGenerator random) {
    return pick(random, NAMES) + pick(random, NAME_SUFFIXES);
  }

  /**
   * {@return an Entra tenant source in any cloud}
   *
   * @param random the source of randomness
   */
  public static EntraTenant entraTenant(RandomGenerator random) {
    return EntraTenant.of(tenantId(random), cloud(random), displayName(random));
  }

  /**
   * {@return a SAML/WS-Fed federation source}
   *
   * @param random the source of randomness
   */
  public static Federation federation(RandomGenerator random) {
    DomainName domain = domainName(random);
    return Federation.of(
        domain,
        IssuerUri.of("https://sts." + domain.ascii() + pick(random, ISSUER_PATHS)),
        displayName(random));
  }

  /**
   * {@return an email-domain source, named after its domain or not}
   *
   * @param random the source of randomness
   */
  public static EmailDomain emailDomain(RandomGenerator random) {
    DomainName domain = domainName(random);
    return random.nextBoolean()
        ? EmailDomain.of(domain)
        : EmailDomain.of(domain, displayName(random));
  }

  /**
   * {@return a social-provider source}
   *
   * @param random the source of randomness
   */
  public static SocialProvider socialProvider(RandomGenerator random) {
    return SocialProvider.of(accountProvider(random));
  }

  /**
   * {@return an identity source of any of the four kinds, each equally likely}
   *
   * @param random the source of randomness
   */
  public static IdentitySource identitySource(RandomGenerator random) {
    return switch (pick(random, IdentitySource.Kind.values())) {
      case ENTRA_TENANT -> entraTenant(random);
      case FEDERATION -> federation(random);
      case EMAIL_DOMAIN -> emailDomain(random);
      case SOCIAL_PROVIDER -> socialProvider(random);
    };
  }

  /**
   * {@return a user or group sponsor, with or without a display name}
   *
   * @param random the source of randomness
   */
  public static Sponsor sponsor(RandomGenerator random) {
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    Sponsor.Kind kind = pick(random, Sponsor.Kind.values());
    return random.nextBoolean()
        ? Sponsor.builder().kind(kind).id(id).build()
        : Sponsor.of(kind, id, displayName(random));
  }

  /**
   * {@return a connected organization: one to four identity sources with distinct keys, zero to
   * three sponsors of each kind with distinct ids, any state, any actors, and consistent times and
   * version}
   *
   * @param random the source of randomness
   */
  public static ConnectedOrganization organization(RandomGenerator random) {
    return organization(random, new HashSet<>());
  }

  /**
   * {@code count} organizations of which no two share an id or hold the same identity-source key
   * (R-SRC-2), as a store would hold them.
   *
   * @param random the source of randomness
   * @param count the count
   * @return the connected organizations
   */
  public static List<ConnectedOrganization> organizations(RandomGenerator random, int count) {
    Set<IdentitySourceKey> taken = new HashSet<>();
    Set<OrganizationId> ids = new HashSet<>();
    List<ConnectedOrganization> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ConnectedOrganization org = organization(random, taken);
      if (!ids.add(org.id())) {
        org = org.toBuilder().id(OrganizationId.of(org.id() + "-" + i)).build();
        ids.add(org.id());
      }
      out.add(org);
    }
    return out;
  }

  /**
   * {@code count} generated organizations as a create takes them — at version 1, last modified when
   * and by whom they were created — with distinct ids and distinct identity-source keys.
   *
   * @param random the source of randomness
   * @param count the count
   * @return the new organizations
   */
  public static List<ConnectedOrganization> newOrganizations(RandomGenerator random, int count) {
    List<ConnectedOrganization> out = new ArrayList<>(count);
    for (ConnectedOrganization org : organizations(random, count)) {
      out.add(
          org.toBuilder()
              .version(Version.initial())
              .modifiedAt(org.createdAt())
              .modifiedBy(org.createdBy())
              .build());
    }
    return out;
  }

  private static ConnectedOrganization organization(
      RandomGenerator random, Set<IdentitySourceKey> taken) {
    ConnectedOrganization.Builder builder =
        ConnectedOrganization.builder()
            .id(organizationId(random))
            .displayName(displayName(random))
            .state(state(random));
    if (random.nextBoolean()) {
      builder.description("Partner for " + displayName(random));
    }
    int sources = random.nextInt(1, 5);
    int added = 0;
    for (int i = 0; i < sources; i++) {
      IdentitySource source = identitySource(random);
      if (taken.add(source.key())) {
        builder.addIdentitySources(source);
        added++;
      }
    }
    for (int n = taken.size(); added == 0; n++) {
      // Every drawn source was taken already: fall back to a domain no draw spells.
      IdentitySource source = EmailDomain.of(DomainName.of("org" + n + ".invalid-draw.example"));
      if (taken.add(source.key())) {
        builder.addIdentitySources(source);
        added++;
      }
    }
    Set<String> sponsorIds = new HashSet<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      Sponsor sponsor = sponsor(random);
      if (sponsorIds.add(sponsor.id())) {
        builder.addInternalSponsors(sponsor);
      }
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      Sponsor sponsor = sponsor(random);
      if (sponsorIds.add(sponsor.id())) {
        builder.addExternalSponsors(sponsor);
      }
    }
    Instant created = EPOCH.plusSeconds(random.nextLong(SPAN_SECONDS));
    Actor creator = actor(random);
    boolean modified = random.nextBoolean();
    return builder
        .createdAt(created)
        .createdBy(creator)
        .modifiedAt(modified ? created.plusSeconds(random.nextLong(1, SPAN_SECONDS)) : created)
        .modifiedBy(modified ? actor(random) : creator)
        .version(modified ? Version.of(random.nextLong(2, 1000)) : Version.initial())
        .build();
  }

  /**
   * {@return an email address: a dot-atom local part, sometimes with non-ASCII letters, at a
   * generated domain}
   *
   * @param random the source of randomness
   */
  public static EmailAddress emailAddress(RandomGenerator random) {
    return emailAddress(random, domainName(random));
  }

  /**
   * {@return an email address at {@code domain}}
   *
   * @param random the source of randomness
   * @param domain the domain
   */
  public static EmailAddress emailAddress(RandomGenerator random, DomainName domain) {
    return EmailAddress.of(
        pick(random, LOCAL_PARTS)
            + (random.nextBoolean() ? "" : "." + random.nextInt(100))
            + "@"
            + domain.ascii());
  }

  /**
   * A requestor of any kind with independent data: an Entra, federated, one-time-passcode, social
   * or directory user, with or without an email, verified or not, with or without a directory id.
   * Such a requestor rarely matches a generated organization; see {@link
   * #requestor(RandomGenerator, List)}.
   *
   * @param random the source of randomness
   * @return a requestor of any kind with independent data: an Entra, federated, one-time-passcode,
   *     social or directory user, with or without an email, verified or not, with or without a
   *     directory id
   */
  public static Requestor requestor(RandomGenerator random) {
    Requestor requestor;
    switch (random.nextInt(5)) {
      case 0 -> requestor = Requestor.entraUser(tenantId(random), cloud(random));
      case 1 -> {
        DomainName domain = domainName(random);
        requestor =
            Requestor.federatedUser(
                IssuerUri.of("https://sts." + domain.ascii() + pick(random, ISSUER_PATHS)), domain);
      }
      case 2 -> {
        return withDirectoryId(
            random, Requestor.passcodeUser(emailAddress(random), random.nextInt(5) != 0));
      }
      case 3 -> {
        return withDirectoryId(
            random,
            Requestor.socialUser(
                accountProvider(random), emailAddress(random), random.nextInt(5) != 0));
      }
      default -> {
        return Requestor.directoryUser("user-" + random.nextInt(20), random.nextBoolean());
      }
    }
    if (random.nextBoolean()) {
      requestor =
          random.nextInt(5) == 0
              ? requestor.withUnverifiedEmail(emailAddress(random))
              : requestor.withVerifiedEmail(emailAddress(random));
    }
    return withDirectoryId(random, requestor);
  }

  /**
   * {@return a requestor who signs in through {@code source}, and so is a member of the
   * organization that holds it (R-MAT-1): a user of its tenant, of its federation's issuer and
   * domain, a verified one-time-passcode user of its domain, or a user of its social provider}
   *
   * @param random the source of randomness
   * @param source the source
   */
  public static Requestor memberOf(RandomGenerator random, IdentitySource source) {
    Requestor requestor =
        switch (source.kind()) {
          case ENTRA_TENANT -> {
            EntraTenant tenant = (EntraTenant) source;
            Requestor user = Requestor.entraUser(tenant.tenantId(), tenant.cloud());
            yield random.nextBoolean() ? user.withVerifiedEmail(emailAddress(random)) : user;
          }
          case FEDERATION -> {
            Federation federation = (Federation) source;
            yield Requestor.federatedUser(federation.issuerUri(), federation.domainName());
          }
          case EMAIL_DOMAIN ->
              Requestor.passcodeUser(emailAddress(random, source.domain().orElseThrow()), true);
          case SOCIAL_PROVIDER ->
              Requestor.socialUser(
                  ((SocialProvider) source).provider(), emailAddress(random), random.nextBoolean());
        };
    return withDirectoryId(random, requestor);
  }

  /**
   * {@return a requestor for tests over these organizations: about half are members of one of them
   * (through a random source), a quarter borrow a member's domain or tenant while signing in
   * another way or without verification (the spoofing attempts of R-MAT-2 and R-REQ-1), and the
   * rest are independent}
   *
   * @param random the source of randomness
   * @param organizations the organizations
   */
  public static Requestor requestor(
      RandomGenerator random, List<ConnectedOrganization> organizations) {
    if (organizations.isEmpty() || random.nextInt(4) == 0) {
      return requestor(random);
    }
    ConnectedOrganization org = organizations.get(random.nextInt(organizations.size()));
    IdentitySource source = org.identitySources().get(random.nextInt(org.identitySources().size()));
    if (random.nextInt(3) != 0) {
      return memberOf(random, source);
    }
    DomainName borrowed = source.domain().orElseGet(() -> domainName(random));
    return switch (random.nextInt(4)) {
      case 0 -> Requestor.passcodeUser(emailAddress(random, borrowed), random.nextBoolean());
      case 1 -> Requestor.socialUser(accountProvider(random), emailAddress(random, borrowed), true);
      case 2 -> Requestor.federatedUser(issuerUri(random), borrowed);
      default ->
          Requestor.entraUser(tenantId(random), cloud(random))
              .withVerifiedEmail(emailAddress(random, borrowed));
    };
  }

  /**
   * {@return a requestor scope of any of the six kinds; specific ones name some of {@code
   * organizations}}
   *
   * @param random the source of randomness
   * @param organizations the organizations
   */
  public static RequestorScope scope(
      RandomGenerator random, List<ConnectedOrganization> organizations) {
    switch (pick(random, RequestorScope.Kind.values())) {
      case SPECIFIC_CONNECTED_ORGANIZATIONS -> {
        List<OrganizationId> ids = new ArrayList<>();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
          ids.add(
              organizations.isEmpty()
                  ? organizationId(random)
                  : organizations.get(random.nextInt(organizations.size())).id());
        }
        return RequestorScope.specificConnectedOrganizations(ids);
      }
      case ALL_CONFIGURED_CONNECTED_ORGANIZATIONS -> {
        return RequestorScope.allConfiguredConnectedOrganizations();
      }
      case ALL_EXTERNAL_USERS -> {
        return RequestorScope.allExternalUsers();
      }
      case SPECIFIC_DIRECTORY_USERS -> {
        return RequestorScope.specificDirectoryUsers(
            List.of("user-" + random.nextInt(20), "user-" + random.nextInt(20)));
      }
      case ALL_MEMBER_USERS -> {
        return RequestorScope.allMemberUsers();
      }
      default -> {
        return RequestorScope.allDirectoryUsers();
      }
    }
  }

  /**
   * {@return a policy over {@code organizations}: any scope, with or without approval; approval
   * stages mix sponsors, fixed users and groups, with or without fallbacks}
   *
   * @param random the source of randomness
   * @param organizations the organizations
   */
  public static Policy policy(RandomGenerator random, List<ConnectedOrganization> organizations) {
    String id = "policy-" + random.nextInt(1000);
    RequestorScope scope = scope(random, organizations);
    if (random.nextInt(3) == 0) {
      return Policy.withoutApproval(id, scope);
    }
    ApprovalStage[] stages = new ApprovalStage[random.nextInt(1, Policy.MAX_STAGES + 1)];
    for (int i = 0; i < stages.length; i++) {
      List<Approver> fallback = random.nextBoolean() ? List.of() : List.of(approver(random));
      stages[i] = ApprovalStage.of(List.of(approver(random)), fallback);
    }
    return Policy.withApproval(id, scope, stages);
  }

  /**
   * {@return an approver: internal or external sponsors, a user or a group}
   *
   * @param random the source of randomness
   */
  public static Approver approver(RandomGenerator random) {
    return switch (random.nextInt(4)) {
      case 0 -> Approver.internalSponsors();
      case 1 -> Approver.externalSponsors();
      case 2 -> Approver.user("approver-" + random.nextInt(10));
      default -> Approver.group("approvers-" + random.nextInt(10));
    };
  }

  /**
   * Collaboration restrictions: none, or an allow or deny list of exact and {@code *.} entries,
   * drawn from {@code domains} (spelled any way {@link #spelling} spells them) and from generated
   * ones.
   *
   * @param random the source of randomness
   * @param domains the domains
   * @return the collaboration restrictions
   */
  public static CollaborationRestrictions restrictions(
      RandomGenerator random, List<DomainName> domains) {
    int kind = random.nextInt(3);
    if (kind == 0) {
      return CollaborationRestrictions.none();
    }
    List<String> entries = new ArrayList<>();
    for (int i = random.nextInt(1, 6); i > 0; i--) {
      DomainName d =
          domains.isEmpty() || random.nextBoolean()
              ? domainName(random)
              : domains.get(random.nextInt(domains.size()));
      entries.add(random.nextInt(4) == 0 ? "*." + d.ascii() : spelling(random, d));
    }
    return kind == 1
        ? CollaborationRestrictions.allow(entries)
        : CollaborationRestrictions.deny(entries);
  }

  /**
   * One half of a cross-tenant access B2B setting (R-XTA-1): allowed or blocked, for everyone
   * ({@code AllUsers} or {@code AllApplications}) or for one to three specific targets, users and
   * groups or applications.
   *
   * @param random the source of randomness
   * @param usersAndGroups whether it is the users-and-groups half, else the applications half
   * @return the rule
   */
  public static CrossTenantAccess.Rule crossTenantRule(
      RandomGenerator random, boolean usersAndGroups) {
    CrossTenantAccess.AccessType type =
        random.nextBoolean()
            ? CrossTenantAccess.AccessType.ALLOWED
            : CrossTenantAccess.AccessType.BLOCKED;
    if (random.nextInt(3) == 0) {
      return CrossTenantAccess.Rule.of(
          type,
          List.of(
              usersAndGroups
                  ? CrossTenantAccess.Target.allUsers()
                  : CrossTenantAccess.Target.allApplications()));
    }
    List<CrossTenantAccess.Target> targets = new ArrayList<>();
    for (int i = random.nextInt(1, 4); i > 0; i--) {
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      targets.add(
          !usersAndGroups
              ? (random.nextInt(8) == 0
                  ? CrossTenantAccess.Target.application("Office365")
                  : CrossTenantAccess.Target.application(id))
              : random.nextBoolean()
                  ? CrossTenantAccess.Target.user(id)
                  : CrossTenantAccess.Target.group(id));
    }
    return CrossTenantAccess.Rule.of(type, targets);
  }

  /**
   * A B2B collaboration inbound setting Entra allows (R-XTA-1): both halves, and blocked {@code
   * AllApplications} wherever {@code AllUsers} is blocked.
   *
   * @param random the source of randomness
   * @return the setting
   */
  public static CrossTenantAccess.B2BSetting b2bSetting(RandomGenerator random) {
    CrossTenantAccess.Rule users = crossTenantRule(random, true);
    CrossTenantAccess.Rule apps =
        users.targetsAll() && users.accessType() == CrossTenantAccess.AccessType.BLOCKED
            ? CrossTenantAccess.Rule.blocked(CrossTenantAccess.Target.allApplications())
            : crossTenantRule(random, false);
    return CrossTenantAccess.B2BSetting.of(users, apps);
  }

  /**
   * Cross-tenant access settings (R-XTA-1, R-XTA-2): a default setting, a partner configuration —
   * its own setting or inheriting the default's — for some of {@code tenants} and for generated
   * tenants, and other clouds allowed or not.
   *
   * @param random the source of randomness
   * @param tenants tenants that may get a partner configuration
   * @return the settings
   */
  public static CrossTenantAccess crossTenantAccess(
      RandomGenerator random, List<TenantId> tenants) {
    CrossTenantAccess.Builder b = CrossTenantAccess.builder().defaultInbound(b2bSetting(random));
    List<TenantId> candidates = new ArrayList<>(tenants);
    for (int i = random.nextInt(4); i > 0; i--) {
      candidates.add(tenantId(random));
    }
    for (TenantId t : candidates) {
      switch (random.nextInt(3)) {
        case 0 -> b.partner(CrossTenantAccess.Partner.of(t, b2bSetting(random)));
        case 1 -> b.partner(CrossTenantAccess.Partner.inheriting(t));
        default -> {}
      }
    }
    List<Cloud> others = new ArrayList<>();
    for (Cloud c : List.of(Cloud.US_GOVERNMENT, Cloud.CHINA)) {
      if (random.nextBoolean()) {
        others.add(c);
      }
    }
    List<RedemptionOrder.Primary> primary = new ArrayList<>();
    for (RedemptionOrder.Primary p : RedemptionOrder.Primary.values()) {
      if (random.nextInt(4) != 0) {
        primary.add(random.nextInt(primary.size() + 1), p);
      }
    }
    RedemptionOrder.Fallback[] fallbacks = RedemptionOrder.Fallback.values();
    return b.allowedClouds(others)
        .redemptionOrder(new RedemptionOrder(primary, fallbacks[random.nextInt(fallbacks.length)]))
        .build();
  }

  private static Requestor withDirectoryId(RandomGenerator random, Requestor requestor) {
    return random.nextInt(4) == 0
        ? requestor.withDirectoryId(new UUID(random.nextLong(), random.nextLong()).toString())
        : requestor;
  }

  private static String asciiLabel(RandomGenerator random) {
    int length = random.nextInt(1, 13);
    StringBuilder label = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      boolean edge = i == 0 || i == length - 1;
      label.append(LDH.charAt(random.nextInt(edge ? LDH.length() - 1 : LDH.length())));
    }
    return label.toString();
  }

  private static String internationalLabel(RandomGenerator random) {
    int length = random.nextInt(1, 9);
    StringBuilder label = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      label.append(INTERNATIONAL.charAt(random.nextInt(INTERNATIONAL.length())));
    }
    return label.toString().toLowerCase(Locale.ROOT);
  }

  private static <T> T pick(RandomGenerator random, T[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
