package dev.entente.access;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The host's cross-tenant access settings for B2B collaboration inbound: the part of Entra's
 * invitation gate that judges users of other Entra tenants (docs/rules.md §12, R-XTA-1, R-XTA-2).
 * Graph v1.0 calls it {@code crossTenantAccessPolicy}: a default configuration, partner
 * configurations by tenant, and {@code allowedCloudEndpoints}.
 *
 * <p>A requestor who signed in to an Entra tenant is judged by that tenant's partner configuration
 * when it sets {@code b2bCollaborationInbound}, else by the default's: the unit of inheritance is
 * the whole B2B setting, never one half of it. A requestor of a tenant in another cloud is refused
 * unless that cloud is allowed <em>and</em> the tenant has a partner configuration. Requestors not
 * of an Entra tenant are not judged here: the domain list ({@link CollaborationRestrictions}) is
 * theirs.
 *
 * <p>Immutable and thread-safe; a judgement is one hash lookup and a few set lookups, allocating
 * nothing unless it refuses. Facts the host did not give (the requestor's object id or groups in
 * their home tenant, the application requested) never admit: a rule that needs one refuses, and
 * says what was missing.
 */
public final class CrossTenantAccess {
  /** Most targets one rule may hold. */
  public static final int MAX_TARGETS = 10_000;

  /** Most partner configurations the settings may hold. */
  public static final int MAX_PARTNERS = 1_000_000;

  /** Whether a rule lets its targets in or keeps them out. */
  public enum AccessType {
    /** Only the targets are let in. */
    ALLOWED,
    /** The targets are kept out. */
    BLOCKED;

    /** {@return Graph's name: {@code allowed} or {@code blocked}} */
    public String graphName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a target names. */
  public enum TargetType {
    /** A user of the partner tenant, or {@code AllUsers}. */
    USER,
    /** A group of the partner tenant. */
    GROUP,
    /** An application of the host, {@code AllApplications} or a reserved name. */
    APPLICATION;

    /** {@return Graph's name: {@code user}, {@code group} or {@code application}} */
    public String graphName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every user of the partner tenant. */
  public static final String ALL_USERS = "AllUsers";

  /** Every application of the host. */
  public static final String ALL_APPLICATIONS = "AllApplications";

  /**
   * Application names Graph reserves: {@code AllMicrosoftApps} and {@code Office365}. Each matches
   * only an application the host names by that same word (docs/rules.md §12).
   */
  public static final Set<String> RESERVED_APPLICATIONS = Set.of("AllMicrosoftApps", "Office365");

  /**
   * One target of a rule ({@code crossTenantAccessPolicyTarget}): an object id, or {@link
   * #ALL_USERS}, {@link #ALL_APPLICATIONS} or a {@linkplain #RESERVED_APPLICATIONS reserved}
   * application name, with what it names.
   *
   * @param target the id (a GUID is kept in lower case) or keyword
   * @param targetType what it names
   */
  public record Target(String target, TargetType targetType) {
    /**
     * Checks the target: a keyword is spelled as Graph spells it and names its own kind; an id is 1
     * to {@value Sponsor#MAX_ID_LENGTH} visible ASCII characters.
     *
     * @param target the id or keyword
     * @param targetType what it names
     * @throws ValidationException on field {@code target} or {@code targetType}
     */
    public Target {
      requireNonNull(targetType, "targetType");
      requireNonNull(target, "target");
      String keyword = keyword(target);
      if (keyword == null) {
        target = Sponsor.checkDirectoryObjectId("target", target);
      } else if (!keyword.equals(target)) {
        throw new ValidationException(
            "target",
            target,
            "is Graph's keyword " + keyword + " spelled in another case",
            keyword + " exactly, or an object id");
      } else {
        TargetType kind = keyword.equals(ALL_USERS) ? TargetType.USER : TargetType.APPLICATION;
        if (kind != targetType) {
          throw new ValidationException(
              "targetType",
              targetType.graphName(),
              "does not fit the target " + keyword,
              kind.graphName());
        }
      }
    }

    /** {@return every user of the partner tenant} */
    public static Target allUsers() {
      return new Target(ALL_USERS, TargetType.USER);
    }

    /** {@return every application of the host} */
    public static Target allApplications() {
      return new Target(ALL_APPLICATIONS, TargetType.APPLICATION);
    }

    /**
     * {@return a user of the partner tenant}
     *
     * @param objectId their object id in their home tenant
     */
    public static Target user(String objectId) {
      return new Target(objectId, TargetType.USER);
    }

    /**
     * {@return a group of the partner tenant}
     *
     * @param objectId its object id in the partner tenant
     */
    public static Target group(String objectId) {
      return new Target(objectId, TargetType.GROUP);
    }

    /**
     * {@return an application of the host}
     *
     * @param applicationId its application (client) id, or a reserved name
     */
    public static Target application(String applicationId) {
      return new Target(applicationId, TargetType.APPLICATION);
    }

    /** {@return whether this is {@code AllUsers} or {@code AllApplications}} */
    public boolean isAll() {
      return target.equals(ALL_USERS) || target.equals(ALL_APPLICATIONS);
    }

    private static @Nullable String keyword(String target) {
      if (target.equalsIgnoreCase(ALL_USERS)) {
        return ALL_USERS;
      }
      if (target.equalsIgnoreCase(ALL_APPLICATIONS)) {
        return ALL_APPLICATIONS;
      }
      for (String reserved : RESERVED_APPLICATIONS) {
        if (target.equalsIgnoreCase(reserved)) {
          return reserved;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return targetType.graphName() + " " + target;
    }
  }

  /**
   * One half of a B2B setting ({@code crossTenantAccessPolicyTargetConfiguration}): whether its
   * targets are allowed or blocked, and the targets.
   */
  public static final class Rule {
    private final AccessType accessType;
    private final ImmutableList<Target> targets;
    private final boolean all;
    private final ImmutableSet<String> users;
    private final ImmutableSet<String> groups;
    private final ImmutableSet<String> applications;

    private Rule(AccessType accessType, List<Target> targets) {
      this.accessType = requireNonNull(accessType, "accessType");
      if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
        throw new ValidationException(
            "targets",
            targets.size() + " targets",
            targets.isEmpty() ? "is empty" : "holds too many",
            "1 to " + MAX_TARGETS + " targets");
      }
      this.targets = ImmutableList.copyOf(targets);
      ImmutableSet.Builder<String> u = ImmutableSet.builder();
      ImmutableSet.Builder<String> g = ImmutableSet.builder();
      ImmutableSet.Builder<String> a = ImmutableSet.builder();
      boolean any = false;
      for (Target t : this.targets) {
        if (t.isAll()) {
          any = true;
          continue;
        }
        (switch (t.targetType()) {
              case USER -> u;
              case GROUP -> g;
              case APPLICATION -> a;
            })
            .add(t.target());
      }
      if (any && this.targets.size() > 1) {
        throw new ValidationException(
            "targets",
            this.targets,
            "names everyone (AllUsers or AllApplications) beside other targets",
            "AllUsers or AllApplications alone, or specific targets");
      }
      this.all = any;
      this.users = u.build();
      this.groups = g.build();
      this.applications = a.build();
    }

    /**
     * {@return a rule}
     *
     * @param accessType allowed or blocked
     * @param targets 1 to {@value #MAX_TARGETS} targets; {@code AllUsers} or {@code
     *     AllApplications} stands alone
     * @throws ValidationException on field {@code targets}
     */
    public static Rule of(AccessType accessType, List<Target> targets) {
      return new Rule(accessType, targets);
    }

    /**
     * {@return a rule allowing these targets}
     *
     * @param targets the targets
     */
    public static Rule allowed(Target... targets) {
      return new Rule(AccessType.ALLOWED, List.of(targets));
    }

    /**
     * {@return a rule blocking these targets}
     *
     * @param targets the targets
     */
    public static Rule blocked(Target... targets) {
      return new Rule(AccessType.BLOCKED, List.of(targets));
    }

    /** {@return allowed or blocked} */
    public AccessType accessType() {
      return accessType;
    }

    /** {@return the targets, in the order given} */
    public List<Target> targets() {
      return targets;
    }

    /** {@return whether it names everyone: {@code AllUsers} or {@code AllApplications}} */
    public boolean targetsAll() {
      return all;
    }

    /** Whether the requestor is among the targets: known yes, known no, or not told. */
    Truth names(@Nullable String objectId, @Nullable Set<String> groupIds) {
      if (all) {
        return Truth.YES;
      }
      Truth out = Truth.NO;
      if (!users.isEmpty()) {
        if (objectId == null) {
          out = Truth.UNKNOWN;
        } else if (users.contains(objectId)) {
          return Truth.YES;
        }
      }
      if (!groups.isEmpty()) {
        if (groupIds == null) {
          out = Truth.UNKNOWN;
        } else if (!Sets.intersection(groups, groupIds).isEmpty()) {
          return Truth.YES;
        }
      }
      return out;
    }

    /** Whether the application is among the targets: known yes, known no, or not told. */
    Truth names(@Nullable String application) {
      if (all) {
        return Truth.YES;
      }
      if (application == null) {
        return Truth.UNKNOWN;
      }
      return applications.contains(application) ? Truth.YES : Truth.NO;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Rule other
          && accessType == other.accessType
          && ImmutableSet.copyOf(targets).equals(ImmutableSet.copyOf(other.targets));
    }

    @Override
    public int hashCode() {
      return accessType.hashCode() * 31 + ImmutableSet.copyOf(targets).hashCode();
    }

    @Override
    public String toString() {
      return accessType.graphName() + " " + targets;
    }
  }

  /** Three-valued: the host may not have told a fact a rule needs. */
  enum Truth {
    YES,
    NO,
    UNKNOWN;

    Truth not() {
      return this == YES ? NO : this == NO ? YES : UNKNOWN;
    }

    Truth and(Truth other) {
      if (this == NO || other == NO) {
        return NO;
      }
      return this == YES && other == YES ? YES : UNKNOWN;
    }
  }

  /**
   * A B2B collaboration inbound setting ({@code crossTenantAccessPolicyB2BSetting}): who of the
   * other tenant ({@code usersAndGroups}) may reach which of the host's applications ({@code
   * applications}).
   *
   * <p>How the halves combine, after the worked examples of Graph's cross-tenant access overview:
   * when both block, only their targets together are refused (a blocked group is kept from the
   * blocked applications, and reaches every other); otherwise a requestor is let in when each half
   * lets them in (an allowed half lets its targets in, a blocked half everyone else). A half that
   * is absent refuses (docs/rules.md §12: the unit of inheritance is the whole setting, so it
   * cannot come from the default).
   *
   * @param usersAndGroups the users-and-groups half
   * @param applications the applications half
   */
  public record B2BSetting(Optional<Rule> usersAndGroups, Optional<Rule> applications) {
    /**
     * Checks the setting: users-and-groups targets are users or groups, applications targets are
     * applications, and Entra's conflict rule holds — blocking all users needs all applications
     * blocked too.
     *
     * @param usersAndGroups the users-and-groups half
     * @param applications the applications half
     * @throws ValidationException on field {@code usersAndGroups.targets[i].targetType}, {@code
     *     applications.targets[i].targetType} or {@code applications}
     */
    public B2BSetting {
      requireNonNull(usersAndGroups, "usersAndGroups");
      requireNonNull(applications, "applications");
      usersAndGroups.ifPresent(
          r -> checkTypes("usersAndGroups", r, EnumSet.of(TargetType.USER, TargetType.GROUP)));
      applications.ifPresent(
          r -> checkTypes("applications", r, EnumSet.of(TargetType.APPLICATION)));
      if (usersAndGroups.isPresent()
          && usersAndGroups.get().accessType() == AccessType.BLOCKED
          && usersAndGroups.get().targetsAll()
          && !(applications.isPresent()
              && applications.get().accessType() == AccessType.BLOCKED
              && applications.get().targetsAll())) {
        throw new ValidationException(
            "applications",
            applications.map(Rule::toString).orElse("(none)"),
            "leaves applications open while all users are blocked, which Entra does not allow"
                + " (entra-docs external-id/cross-tenant-access-overview.md, Important"
                + " considerations, example 1)",
            "blocked AllApplications beside blocked AllUsers");
      }
    }

    /**
     * {@return a setting of both halves}
     *
     * @param usersAndGroups who of the other tenant
     * @param applications which applications
     */
    public static B2BSetting of(Rule usersAndGroups, Rule applications) {
      return new B2BSetting(Optional.of(usersAndGroups), Optional.of(applications));
    }

    /** {@return all users to all applications: Entra's service default for B2B collaboration} */
    public static B2BSetting allowAll() {
      return of(Rule.allowed(Target.allUsers()), Rule.allowed(Target.allApplications()));
    }

    /** {@return no user to any application} */
    public static B2BSetting blockAll() {
      return of(Rule.blocked(Target.allUsers()), Rule.blocked(Target.allApplications()));
    }

    /**
     * {@return whether this setting refuses every user, whatever they request: a half missing, all
     * applications blocked (but for a blocked group, who alone is kept out), or all users blocked}
     */
    public boolean refusesEveryone() {
      if (usersAndGroups.isEmpty() || applications.isEmpty()) {
        return true;
      }
      Rule users = usersAndGroups.get();
      Rule apps = applications.get();
      boolean specificUsersBlocked =
          users.accessType() == AccessType.BLOCKED && !users.targetsAll();
      return apps.accessType() == AccessType.BLOCKED && apps.targetsAll() && !specificUsersBlocked;
    }

    private static void checkTypes(String half, Rule rule, Set<TargetType> fit) {
      List<Target> targets = rule.targets();
      for (int i = 0; i < targets.size(); i++) {
        Target t = targets.get(i);
        if (!fit.contains(t.targetType())) {
          throw new ValidationException(
              half + ".targets[" + i + "].targetType",
              t.targetType().graphName(),
              "is not a target of " + half,
              fit.stream().map(TargetType::graphName).toList().toString());
        }
      }
    }

    /**
     * Why this setting refuses the requestor, or null when it lets them in: the half that refused
     * and, when a fact was not told, which.
     */
    @Nullable String refusal(Requestor requestor, @Nullable String application) {
      Rule users = usersAndGroups.orElse(null);
      Rule apps = applications.orElse(null);
      if (users == null || apps == null) {
        return "it has no " + (users == null ? "usersAndGroups" : "applications") + " rule";
      }
      Truth inUsers = users.names(requestor.homeObjectIdOrNull(), requestor.homeGroupsOrNull());
      Truth inApps = apps.names(application);
      boolean bothBlock =
          users.accessType() == AccessType.BLOCKED && apps.accessType() == AccessType.BLOCKED;
      Truth userPasses = users.accessType() == AccessType.ALLOWED ? inUsers : inUsers.not();
      Truth appPasses = apps.accessType() == AccessType.ALLOWED ? inApps : inApps.not();
      Truth admitted = bothBlock ? inUsers.and(inApps).not() : userPasses.and(appPasses);
      if (admitted == Truth.YES) {
        return null;
      }
      if (admitted == Truth.UNKNOWN) {
        List<String> missing = new java.util.ArrayList<>(2);
        if (inUsers == Truth.UNKNOWN) {
          missing.add("the requestor's object id or groups in their home tenant");
        }
        if (inApps == Truth.UNKNOWN) {
          missing.add("the application requested");
        }
        return "its rules ("
            + this
            + ") need "
            + String.join(" and ", missing)
            + ", which the host did not give, so the gate refuses";
      }
      if (bothBlock) {
        return "usersAndGroups blocks "
            + users.targets()
            + " from the applications "
            + apps.targets()
            + " it blocks";
      }
      return userPasses == Truth.NO
          ? "usersAndGroups is "
              + users
              + " and the requestor is "
              + (users.accessType() == AccessType.ALLOWED ? "not among them" : "among them")
          : "applications is "
              + apps
              + " and the application "
              + application
              + " is "
              + (apps.accessType() == AccessType.ALLOWED ? "not among them" : "among them");
    }

    @Override
    public String toString() {
      return "usersAndGroups "
          + usersAndGroups.map(Rule::toString).orElse("(none)")
          + ", applications "
          + applications.map(Rule::toString).orElse("(none)");
    }
  }

  /**
   * A partner configuration ({@code crossTenantAccessPolicyConfigurationPartner}) as the gate reads
   * it.
   *
   * @param tenantId the partner tenant
   * @param b2bCollaborationInbound its own B2B collaboration inbound setting; empty ({@code null}
   *     in Graph) to inherit the default's
   */
  public record Partner(TenantId tenantId, Optional<B2BSetting> b2bCollaborationInbound) {
    /**
     * Checks the components: none may be null.
     *
     * @param tenantId the partner tenant
     * @param b2bCollaborationInbound its own setting, or empty to inherit the default's
     */
    public Partner {
      requireNonNull(tenantId, "tenantId");
      requireNonNull(b2bCollaborationInbound, "b2bCollaborationInbound");
    }

    /**
     * {@return a partner with a setting of its own}
     *
     * @param tenantId the tenant
     * @param setting the setting
     */
    public static Partner of(TenantId tenantId, B2BSetting setting) {
      return new Partner(tenantId, Optional.of(setting));
    }

    /**
     * {@return a partner that inherits the default's setting (added to the organizational settings,
     * as a tenant of another cloud must be)}
     *
     * @param tenantId the tenant
     */
    public static Partner inheriting(TenantId tenantId) {
      return new Partner(tenantId, Optional.empty());
    }
  }

  private static final CrossTenantAccess SERVICE_DEFAULT =
      new CrossTenantAccess(
          Cloud.GLOBAL,
          ImmutableSet.of(),
          B2BSetting.allowAll(),
          ImmutableMap.of(),
          RedemptionOrder.defaultOrder());

  private final Cloud home;
  private final ImmutableSet<Cloud> allowedClouds;
  private final B2BSetting defaultInbound;
  private final ImmutableMap<TenantId, Partner> partners;
  private final RedemptionOrder redemptionOrder;

  private CrossTenantAccess(
      Cloud home,
      ImmutableSet<Cloud> allowedClouds,
      B2BSetting defaultInbound,
      ImmutableMap<TenantId, Partner> partners,
      RedemptionOrder redemptionOrder) {
    this.home = home;
    this.allowedClouds = allowedClouds;
    this.defaultInbound = defaultInbound;
    this.partners = partners;
    this.redemptionOrder = redemptionOrder;
  }

  /**
   * {@return Entra's service default for a tenant of the global cloud: every user of every other
   * tenant of that cloud to every application, no other cloud, no partner}
   */
  public static CrossTenantAccess serviceDefault() {
    return SERVICE_DEFAULT;
  }

  /** {@return a builder, at the service default} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these settings} */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .homeCloud(home)
            .defaultInbound(defaultInbound)
            .redemptionOrder(redemptionOrder);
    b.allowedClouds.addAll(allowedClouds);
    b.partners.putAll(partners);
    return b;
  }

  /** {@return the cloud of the host's own tenant} */
  public Cloud homeCloud() {
    return home;
  }

  /** {@return the other clouds collaboration extends to ({@code allowedCloudEndpoints})} */
  public Set<Cloud> allowedClouds() {
    return allowedClouds;
  }

  /** {@return the default configuration's B2B collaboration inbound setting} */
  public B2BSetting defaultInbound() {
    return defaultInbound;
  }

  /**
   * {@return the order in which invited guests are sent to identity providers ({@code
   * invitationRedemptionIdentityProviderConfiguration} of the default configuration)}
   */
  public RedemptionOrder redemptionOrder() {
    return redemptionOrder;
  }

  /** {@return the partner configurations by tenant} */
  public Map<TenantId, Partner> partners() {
    return partners;
  }

  /**
   * {@return the setting a requestor of {@code tenant} is judged by: the partner's own, else the
   * default's}
   *
   * @param tenant the tenant
   */
  public B2BSetting effectiveInbound(TenantId tenant) {
    Partner p = partners.get(tenant);
    return p != null && p.b2bCollaborationInbound().isPresent()
        ? p.b2bCollaborationInbound().get()
        : defaultInbound;
  }

  /**
   * {@return the {@code allowedCloudEndpoints} name of a cloud: {@code microsoftonline.com}, {@code
   * microsoftonline.us} or {@code partner.microsoftonline.cn}}
   *
   * @param cloud the cloud
   */
  public static String endpointOf(Cloud cloud) {
    return cloud.loginHost().substring("login.".length());
  }

  /**
   * {@return the cloud an {@code allowedCloudEndpoints} entry names, in any ASCII case}
   *
   * @param endpoint the entry
   */
  public static Optional<Cloud> cloudOfEndpoint(String endpoint) {
    return Cloud.ofLoginHost("login." + endpoint);
  }

  /**
   * Why these settings refuse {@code requestor}, or empty when they let them in or do not concern
   * them (a requestor not of an Entra tenant).
   *
   * @param requestor the requestor
   * @param application the application requested, as the host names it; empty when not told
   * @return the refusal
   */
  public Optional<Refusal> refusal(Requestor requestor, Optional<String> application) {
    return Optional.ofNullable(judge(requestor, application.orElse(null)));
  }

  /** {@link #refusal} without the Optionals, for the hot path. */
  @Nullable Refusal judge(Requestor requestor, @Nullable String application) {
    if (!(requestor.signIn() instanceof SignIn.Entra entra)) {
      return null;
    }
    TenantId tenant = entra.tenantId();
    Partner partner = partners.get(tenant);
    Cloud cloud = entra.cloud();
    if (cloud != home) {
      String why = null;
      if (home != Cloud.GLOBAL && cloud != Cloud.GLOBAL) {
        why =
            "B2B collaboration between "
                + endpointOf(home)
                + " and "
                + endpointOf(cloud)
                + " is not supported; only the global cloud collaborates with the others";
      } else if (!allowedClouds.contains(cloud)) {
        why = "allowedCloudEndpoints does not include " + endpointOf(cloud);
      } else if (partner == null) {
        why =
            endpointOf(cloud)
                + " is allowed, but tenant "
                + tenant
                + " has no partner configuration, and a tenant of another cloud is blocked until"
                + " it has one";
      }
      if (why != null) {
        return new Refusal(Refusal.Layer.CLOUD, tenant, cloud, "allowedCloudEndpoints", why);
      }
    }
    B2BSetting own = partner == null ? null : partner.b2bCollaborationInbound().orElse(null);
    B2BSetting setting = own != null ? own : defaultInbound;
    String why = setting.refusal(requestor, application);
    if (why == null) {
      return null;
    }
    return own != null
        ? new Refusal(
            Refusal.Layer.PARTNER,
            tenant,
            cloud,
            "partners/" + tenant + "/b2bCollaborationInbound",
            why)
        : new Refusal(
            Refusal.Layer.DEFAULT,
            tenant,
            cloud,
            partner == null
                ? "default/b2bCollaborationInbound"
                : "default/b2bCollaborationInbound (inherited by partners/" + tenant + ")",
            why);
  }

  /**
   * Why the gate refused a requestor of an Entra tenant (R-XTA-3).
   *
   * @param layer which configuration refused
   * @param tenant the requestor's tenant
   * @param cloud the requestor's cloud
   * @param setting the setting to change, as a path under {@code crossTenantAccessPolicy}
   * @param why what in it refused
   */
  public record Refusal(Layer layer, TenantId tenant, Cloud cloud, String setting, String why) {
    /** Which configuration refused. */
    public enum Layer {
      /** The default configuration, the tenant having no setting of its own. */
      DEFAULT,
      /** The tenant's partner configuration. */
      PARTNER,
      /** The cloud settings: the tenant is of another cloud. */
      CLOUD
    }

    /**
     * Checks the components: none may be null.
     *
     * @param layer which configuration refused
     * @param tenant the requestor's tenant
     * @param cloud the requestor's cloud
     * @param setting the setting to change
     * @param why what in it refused
     */
    public Refusal {
      requireNonNull(layer, "layer");
      requireNonNull(tenant, "tenant");
      requireNonNull(cloud, "cloud");
      requireNonNull(setting, "setting");
      requireNonNull(why, "why");
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CrossTenantAccess other
        && home == other.home
        && allowedClouds.equals(other.allowedClouds)
        && defaultInbound.equals(other.defaultInbound)
        && partners.equals(other.partners)
        && redemptionOrder.equals(other.redemptionOrder);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(home, allowedClouds, defaultInbound, partners, redemptionOrder);
  }

  @Override
  public String toString() {
    return "cross-tenant access: default "
        + defaultInbound
        + ", "
        + partners.size()
        + " partners, other clouds "
        + allowedClouds;
  }

  /** Builds {@link CrossTenantAccess} values; starts at the service default. */
  public static final class Builder {
    private Cloud home = Cloud.GLOBAL;
    private final Set<Cloud> allowedClouds = EnumSet.noneOf(Cloud.class);
    private B2BSetting defaultInbound = B2BSetting.allowAll();
    private final Map<TenantId, Partner> partners = new LinkedHashMap<>();
    private RedemptionOrder redemptionOrder = RedemptionOrder.defaultOrder();

    private Builder() {}

    /**
     * Sets the redemption order; Entra's default unless set.
     *
     * @param order the order
     * @return this builder
     */
    public Builder redemptionOrder(RedemptionOrder order) {
      this.redemptionOrder = requireNonNull(order, "order");
      return this;
    }

    /**
     * Sets the cloud of the host's own tenant; the global cloud unless set.
     *
     * @param cloud the cloud
     * @return this builder
     */
    public Builder homeCloud(Cloud cloud) {
      this.home = requireNonNull(cloud, "cloud");
      return this;
    }

    /**
     * Sets the other clouds collaboration extends to ({@code allowedCloudEndpoints}).
     *
     * @param clouds the clouds
     * @return this builder
     */
    public Builder allowedClouds(Collection<Cloud> clouds) {
      allowedClouds.clear();
      allowedClouds.addAll(clouds);
      return this;
    }

    /**
     * Sets the default configuration's B2B collaboration inbound setting.
     *
     * @param setting the setting
     * @return this builder
     */
    public Builder defaultInbound(B2BSetting setting) {
      this.defaultInbound = requireNonNull(setting, "setting");
      return this;
    }

    /**
     * Adds a partner configuration, replacing any of its tenant.
     *
     * @param partner the partner
     * @return this builder
     */
    public Builder partner(Partner partner) {
      partners.put(partner.tenantId(), partner);
      return this;
    }

    /**
     * {@return the settings}
     *
     * @throws ValidationException on field {@code partners} for more than {@value #MAX_PARTNERS}
     */
    public CrossTenantAccess build() {
      if (partners.size() > MAX_PARTNERS) {
        throw new ValidationException(
            "partners", partners.size() + " partners", "holds too many", "at most " + MAX_PARTNERS);
      }
      return new CrossTenantAccess(
          home,
          Sets.immutableEnumSet(allowedClouds),
          defaultInbound,
          ImmutableMap.copyOf(partners),
          redemptionOrder);
    }
  }
}
