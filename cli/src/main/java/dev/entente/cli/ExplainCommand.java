package dev.entente.cli;

import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.InvitationGate;
import dev.entente.access.Policy;
import dev.entente.access.Reason;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.access.ResolvedStage;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.EntenteException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.ValidationException;
import dev.entente.graph.GraphJson;
import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entente explain}: one decision, with its reasons. */
@Command(
    name = "explain",
    header = "Explains one access decision against a Graph export.",
    mixinStandardHelpOptions = true,
    description =
        "Decides one access request against the organizations of a Graph export and says why: eligible or not, the organization that matched, the reasons as sentences, the approvers, and the organization that approval would propose.",
    footer = {
      "",
      "REQUESTOR is how the requestor signed in:",
      "  tenant:<tenant-id>[@global|@us-government|@china]   an Entra tenant's user",
      "  federation:<domain>@<issuer-uri>                     a SAML/WS-Fed federation's user",
      "  otp:<email>                                          a one-time passcode, verified",
      "  otp-unverified:<email>                               an email address not verified",
      "  social:<microsoft-account|facebook|google>:<email>  a personal account, email verified",
      "  social-unverified:<provider>:<email>                 the same, email not verified",
      "POLICY is the id of a policy in --policies POLICIES.json (the file lint reads), or a scope",
      "as that file names it: allExternalUsers, allConfiguredConnectedOrganizations, or",
      "specificConnectedOrganizations:<organization-id>[,<id>…].",
      "",
      "Examples:",
      "  entente explain export.json --requestor otp:jo@northwind.example --policy allExternalUsers",
      "  entente explain export.json --requestor tenant:72f988bf-86f1-41af-91ab-2d7cd011db47 \\",
      "      --policy allConfiguredConnectedOrganizations --deny '*.blocked.example'",
      "",
      "Exit status: 0 eligible, 1 not eligible, 2 bad input."
    })
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "EXPORT.json",
      arity = "1..*",
      description = "Graph exports to read; - reads standard input.")
  List<Path> exports = new ArrayList<>();

  @Option(names = "--requestor", required = true, description = "How the requestor signed in.")
  String requestor = "";

  @Option(
      names = "--policy",
      defaultValue = "allExternalUsers",
      description =
          "A policy id of --policies, or a scope: allExternalUsers,"
              + " allConfiguredConnectedOrganizations, specificConnectedOrganizations:<id>[,<id>…]"
              + " (default: ${DEFAULT-VALUE}).")
  String policy = "allExternalUsers";

  @Option(
      names = "--fallback-approver",
      paramLabel = "USER-ID",
      description =
          "With --approval: a user who approves when the sponsors resolve to nobody (repeat).")
  List<String> fallbackApprovers = new ArrayList<>();

  @Option(
      names = "--policies",
      paramLabel = "POLICIES.json",
      description = "The host's policies, as lint reads them; --policy names one by its id.")
  @Nullable Path policies;

  @Option(
      names = "--approval",
      description = "The policy needs the organization's sponsors' approval.")
  boolean approval;

  @Option(
      names = "--deny",
      paramLabel = "DOMAIN",
      description = "A domain the host denies (repeat).")
  List<String> deny = new ArrayList<>();

  @Option(
      names = "--allow",
      paramLabel = "DOMAIN",
      description = "A domain the host allows (repeat).")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--domain-policy",
      paramLabel = "B2B-MANAGEMENT.json",
      description =
          "The host's domain list as Graph beta's b2bManagementPolicies page (in place of --deny"
              + " or --allow).")
  @Nullable Path domainPolicy;

  @Option(
      names = "--cross-tenant",
      paramLabel = "CROSS-TENANT.json",
      description =
          "The host's cross-tenant access settings: a crossTenantAccessPolicy with its default and"
              + " partners, as Graph expands it.")
  @Nullable Path crossTenant;

  @Option(
      names = "--application",
      paramLabel = "APP-ID",
      description = "The application requested, as the cross-tenant access settings name it.")
  @Nullable String application;

  @Option(
      names = "--home-object-id",
      paramLabel = "OBJECT-ID",
      description = "A tenant requestor's object id in their home tenant.")
  @Nullable String homeObjectId;

  @Option(
      names = "--home-group",
      paramLabel = "GROUP-ID",
      description =
          "A group the tenant requestor belongs to in their home tenant (repeat; none given: not"
              + " known).")
  List<String> homeGroups = new ArrayList<>();

  @Option(names = "--directory", paramLabel = "DIRECTORY.txt", description = "Tenants and domains.")
  @Nullable Path directory;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() {
    if (!deny.isEmpty() && !allow.isEmpty()) {
      throw new Exports.BadInput("--deny and --allow: a host has one list or the other");
    }
    if (domainPolicy != null && !(deny.isEmpty() && allow.isEmpty())) {
      throw new Exports.BadInput(
          "--domain-policy and --deny or --allow: a host has one domain list");
    }
    Terminal terminal = Terminal.detect(System.err, common.quiet);
    Exports read = Exports.read(GraphJson.forCloud(common.cloud), exports, terminal);
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    Set<OrganizationId> ids = new HashSet<>();
    for (Exports.Entry e : read.entries) {
      if (ids.add(e.org().id())) {
        try {
          store.create(e.org());
        } catch (IdentitySourceConflictException conflict) {
          // `entente lint` reports it; the first organization to claim a source keeps it
        }
      }
    }
    Entente entente =
        Entente.builder()
            .store(store)
            .directoryLookup(
                directory == null
                    ? StaticDirectoryLookup.empty()
                    : LintCommand.directory(directory))
            .build();
    CollaborationRestrictions restrictions;
    Requestor who;
    Policy asked;
    try {
      restrictions =
          !deny.isEmpty()
              ? CollaborationRestrictions.deny(deny)
              : !allow.isEmpty()
                  ? CollaborationRestrictions.allow(allow)
                  : CollaborationRestrictions.none();
      if (domainPolicy != null) {
        restrictions =
            GraphJson.forCloud(common.cloud)
                .readB2BManagementPolicy(Exports.text(domainPolicy, "--domain-policy"));
      }
      who = requestor(requestor);
      if (homeObjectId != null) {
        who = who.withHomeObjectId(homeObjectId);
      }
      if (!homeGroups.isEmpty()) {
        who = who.withHomeGroups(homeGroups);
      }
      asked = policy();
    } catch (EntenteException e) {
      throw new Exports.BadInput(String.valueOf(e.getMessage()));
    }
    AccessRequestMatcher matcher =
        entente
            .matcher()
            .withGate(
                crossTenant == null
                    ? InvitationGate.of(restrictions)
                    : InvitationGate.of(
                        restrictions, LintCommand.crossTenant(crossTenant, common.cloud)));
    if (application != null) {
      try {
        matcher = matcher.forApplication(application);
      } catch (EntenteException e) {
        throw new Exports.BadInput("--application: " + e.getMessage());
      }
    }
    AccessDecision decision = matcher.evaluate(who, asked);
    PrintWriter out = common.out();
    out.println(decision.eligible() ? terminal.good("eligible") : terminal.warn("not eligible"));
    for (Reason reason : decision.reasons()) {
      out.println("  " + reason.code() + ": " + reason.sentence());
    }
    for (ResolvedStage stage : decision.approvalStages()) {
      out.println(
          "  approval stage "
              + stage.number()
              + (stage.fallback() ? " (fallback)" : "")
              + ": "
              + stage.approvers());
    }
    decision
        .proposal()
        .ifPresent(
            p ->
                out.println(
                    "  approval would create the proposed organization "
                        + p.displayName()
                        + " ("
                        + p.source().key()
                        + ")"));
    return decision.eligible() ? 0 : 1;
  }

  static Requestor requestor(String text) {
    try {
      return parseRequestor(text);
    } catch (IllegalArgumentException e) { // an unknown cloud or provider name
      throw notASignIn(text);
    }
  }

  private static Exports.BadInput notASignIn(String text) {
    return new Exports.BadInput(
        "--requestor \""
            + text
            + "\" is not a sign-in; accepted: tenant:<id>[@cloud], federation:<domain>@<issuer>,"
            + " otp:<email>, otp-unverified:<email>, social:<provider>:<email>,"
            + " social-unverified:<provider>:<email> (see --help)");
  }

  private static Requestor parseRequestor(String text) {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    switch (kind) {
      case "tenant" -> {
        int at = rest.indexOf('@');
        String id = at < 0 ? rest : rest.substring(0, at);
        Cloud cloud =
            at < 0 ? Cloud.GLOBAL : named(Cloud.class, "a cloud", text, rest.substring(at + 1));
        return Requestor.entraUser(TenantId.of(id), cloud);
      }
      case "federation" -> {
        int at = rest.indexOf('@');
        if (at < 0) {
          break;
        }
        return Requestor.federatedUser(
            IssuerUri.of(rest.substring(at + 1)), DomainName.of(rest.substring(0, at)));
      }
      case "otp", "otp-unverified" -> {
        return Requestor.passcodeUser(EmailAddress.of(rest), kind.equals("otp"));
      }
      case "social", "social-unverified" -> {
        int at = rest.indexOf(':');
        if (at < 0) {
          break;
        }
        AccountProvider provider =
            named(AccountProvider.class, "an account provider", text, rest.substring(0, at));
        return Requestor.socialUser(
            provider, EmailAddress.of(rest.substring(at + 1)), kind.equals("social"));
      }
      default -> {}
    }
    throw notASignIn(text);
  }

  /**
   * The constant of {@code type} that {@code name} spells in the command's words (lower case,
   * hyphens): {@code us-government}, {@code microsoft-account}; a refusal listing them otherwise.
   */
  private static <E extends Enum<E>> E named(Class<E> type, String what, String text, String name) {
    try {
      return Enum.valueOf(type, name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> accepted = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        accepted.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      throw new Exports.BadInput(
          "--requestor \""
              + text
              + "\": \""
              + name
              + "\" is not "
              + what
              + "; accepted: "
              + String.join(", ", accepted));
    }
  }

  /** The policy asked about: one of --policies by its id, or a scope with --approval. */
  private Policy policy() {
    if (policies != null) {
      if (approval || !fallbackApprovers.isEmpty()) {
        throw new Exports.BadInput(
            (approval ? "--approval" : "--fallback-approver")
                + ": with --policies, each policy says its approval");
      }
      List<Policy> all = LintCommand.policies(policies);
      for (Policy p : all) {
        if (p.id().equals(policy)) {
          return p;
        }
      }
      throw new Exports.BadInput(
          "--policy \""
              + policy
              + "\" is not the id of a policy in --policies "
              + policies
              + "; ids: "
              + String.join(", ", all.stream().map(Policy::id).toList()));
    }
    int colon = policy.indexOf(':');
    String name = colon < 0 ? policy : policy.substring(0, colon);
    List<OrganizationId> ids = new ArrayList<>();
    if (colon >= 0) {
      for (String id : policy.substring(colon + 1).split(",", -1)) {
        try {
          ids.add(OrganizationId.of(id));
        } catch (ValidationException e) {
          throw new Exports.BadInput(
              "--policy \""
                  + policy
                  + "\": \""
                  + id
                  + "\" is not an organization id; accepted:"
                  + " specificConnectedOrganizations:<id>[,<id>…]");
        }
      }
    }
    RequestorScope scope = LintCommand.scope(name, ids, "--policy \"" + policy + "\": the scope");
    if (!approval) {
      if (!fallbackApprovers.isEmpty()) {
        throw new Exports.BadInput("--fallback-approver: only with --approval");
      }
      return Policy.withoutApproval(name, scope);
    }
    List<Approver> fallback = new ArrayList<>();
    for (String user : fallbackApprovers) {
      fallback.add(Approver.user(user));
    }
    return Policy.withApproval(
        name, scope, new ApprovalStage(List.of(Approver.internalSponsors()), fallback));
  }
}
