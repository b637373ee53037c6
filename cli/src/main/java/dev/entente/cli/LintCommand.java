package dev.entente.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.Policy;
import dev.entente.access.RequestorScope;
import dev.entente.advice.Advisories;
import dev.entente.advice.Advisory;
import dev.entente.advice.Review;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.EntenteException;
import dev.entente.graph.EntraPlan;
import dev.entente.graph.GraphJson;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entente lint}: the review list of a tenant's connected organizations. */
@Command(
    name = "lint",
    header = "Lists what to review in Graph exports of connected organizations.",
    mixinStandardHelpOptions = true,
    description =
        "Lists what to review in Graph exports of connected organizations: every advisory (R-LINT-1..4: social sources configured while a policy admits all configured organizations without approval, configured organizations from before 2020-09-09 never reviewed, consumer mail domains, what configuring a proposed organization would open), identity sources two organizations claim, ids given twice, entries that cannot be read, and, with --directory, proposed email-domain organizations for a domain that a configured organization's tenant verifies (R-DEC-2).",
    footer = {
      "",
      "Examples:",
      "  entente lint export.json",
      "  entente lint page1.json page2.json --policies policies.json --format json",
      "  entente lint export.json --directory directory.txt",
      "",
      "POLICIES.json is an array of policies:",
      "  {\"id\": \"…\", \"scope\": \"allConfiguredConnectedOrganizations\",",
      "   \"approval\": false}",
      "  scope is also \"allExternalUsers\", or \"specificConnectedOrganizations\" with",
      "  \"organizations\": [ids].",
      "DIRECTORY.txt has a line a tenant or federation:",
      "  tenant <tenant-id> <GLOBAL|US_GOVERNMENT|CHINA> <domain,domain…> <name>",
      "  federation <domain> <issuer-uri> <name>",
      "",
      "Exit status: 0 nothing to review, 1 something to review, 2 bad input."
    })
final class LintCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "EXPORT.json",
      arity = "1..*",
      description = "Graph exports to read; - reads standard input.")
  List<Path> exports = new ArrayList<>();

  @Option(names = "--policies", paramLabel = "POLICIES.json", description = "The host's policies.")
  @Nullable Path policies;

  @Option(
      names = "--directory",
      paramLabel = "DIRECTORY.txt",
      description =
          "Tenants and their verified domains, to find proposed organizations shadowing"
              + " a tenant.")
  @Nullable Path directory;

  @Option(
      names = "--cross-tenant",
      paramLabel = "CROSS-TENANT.json",
      description =
          "The host's cross-tenant access settings (a crossTenantAccessPolicy with its default and"
              + " partners, as Graph expands it), to find configured organizations they always"
              + " refuse.")
  @Nullable Path crossTenant;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Mixin CommonOptions common = new CommonOptions();

  /** Output formats. */
  enum Format {
    text,
    json
  }

  /** One thing to review. */
  record Finding(
      String code,
      String organizationId,
      String organizationName,
      List<String> policyIds,
      String message,
      String file,
      String pointer) {}

  @Override
  public Integer call() throws IOException {
    Terminal terminal = Terminal.detect(System.err, common.quiet);
    Exports read = Exports.read(GraphJson.forCloud(common.cloud), exports, terminal);
    List<Policy> hostPolicies = policies == null ? List.of() : policies(policies);
    StaticDirectoryLookup lookup =
        directory == null ? StaticDirectoryLookup.empty() : directory(directory);
    List<Finding> findings = lint(read, hostPolicies, lookup);
    if (crossTenant != null) {
      CrossTenantAccess settings = crossTenant(crossTenant, common.cloud);
      List<ConnectedOrganization> orgs = new ArrayList<>();
      Map<OrganizationId, Exports.Entry> where = new HashMap<>();
      for (Exports.Entry e : read.entries) {
        if (where.putIfAbsent(e.org().id(), e) == null) {
          orgs.add(e.org());
        }
      }
      for (Advisory a : Advisories.gate(orgs, settings)) {
        findings.add(finding(a, requireNonNull(where.get(a.organizationId()))));
      }
    }
    PrintWriter out = common.out();
    if (format == Format.json) {
      json(findings, read.entries.size(), out);
    } else {
      for (Finding f : findings) {
        out.println(
            terminal.warn(f.code())
                + (f.organizationName().isEmpty() ? "" : "  " + f.organizationName())
                + (f.organizationId().isEmpty() ? "" : " (" + f.organizationId() + ")")
                + (f.file().isEmpty() ? "" : " at " + f.file() + "#" + f.pointer())
                + "\n    "
                + f.message());
      }
      out.println(
          (findings.isEmpty()
                  ? terminal.good("nothing to review")
                  : Terminal.count(findings.size(), "finding"))
              + " in "
              + Terminal.count(read.entries.size(), "organization"));
    }
    return findings.isEmpty() ? 0 : 1;
  }

  static List<Finding> lint(Exports exports, List<Policy> policies, StaticDirectoryLookup lookup) {
    List<Finding> findings = new ArrayList<>();
    for (Exports.Problem p : exports.problems) {
      findings.add(
          new Finding(
              "UNREADABLE_ENTRY",
              "",
              "",
              List.of(),
              String.valueOf(p.error().getMessage()),
              p.file().toString(),
              p.error().pointer()));
    }
    List<Review.Entry> entries = new ArrayList<>();
    IdentityHashMap<Review.Entry, Exports.Entry> read = new IdentityHashMap<>();
    for (Exports.Entry e : exports.entries) {
      Review.Entry entry = new Review.Entry(where(e), e.org());
      entries.add(entry);
      read.put(entry, e);
    }
    for (Review.Finding f : Review.of(entries, policies, lookup)) {
      findings.add(finding(f.advisory(), requireNonNull(read.get(f.entry()))));
    }
    int count = exports.entries.size();
    if (count * 5 >= EntraPlan.TENANT_LIMIT * 4) { // 80 % of Entra's limit (R-ENT-4)
      findings.add(
          new Finding(
              "NEAR_TENANT_LIMIT",
              "",
              "",
              List.of(),
              count
                  + " connected organizations are "
                  + (count * 100 / EntraPlan.TENANT_LIMIT)
                  + " % of Entra's limit of "
                  + EntraPlan.TENANT_LIMIT
                  + " in a tenant: a push that would pass it is refused before anything is sent;"
                  + " delete the organizations nobody requests from any more",
              "",
              ""));
    }
    findings.sort(
        java.util.Comparator.comparing(Finding::file)
            .thenComparing(Finding::pointer)
            .thenComparing(Finding::code));
    return findings;
  }

  /** An advisory about the organization read at {@code e}. */
  private static Finding finding(Advisory a, Exports.Entry e) {
    return new Finding(
        a.code().name(),
        a.organizationId().toString(),
        a.organizationName(),
        a.policyIds(),
        a.message(),
        e.file().toString(),
        e.graph().pointer());
  }

  private static String where(Exports.Entry e) {
    return e.file() + "#" + e.graph().pointer();
  }

  private static void json(List<Finding> findings, int organizations, PrintWriter out)
      throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("organizations", organizations);
      g.writeArrayFieldStart("findings");
      for (Finding f : findings) {
        g.writeStartObject();
        g.writeStringField("code", f.code());
        g.writeStringField("organizationId", f.organizationId());
        g.writeStringField("organizationName", f.organizationName());
        g.writeArrayFieldStart("policyIds");
        for (String id : f.policyIds()) {
          g.writeString(id);
        }
        g.writeEndArray();
        g.writeStringField("message", f.message());
        g.writeStringField("file", f.file());
        g.writeStringField("pointer", f.pointer());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
  }

  /** The scope names of a policy, in the policies file and in {@code explain --policy}. */
  static final String SCOPES =
      "allExternalUsers, allConfiguredConnectedOrganizations, specificConnectedOrganizations";

  /**
   * The requestor scope Graph's entitlement management calls {@code name}; {@code where} begins the
   * message when it is none of them.
   */
  static RequestorScope scope(String name, List<OrganizationId> organizations, String where) {
    return switch (name) {
      case "allConfiguredConnectedOrganizations" ->
          RequestorScope.allConfiguredConnectedOrganizations();
      case "allExternalUsers" -> RequestorScope.allExternalUsers();
      case "specificConnectedOrganizations" ->
          RequestorScope.specificConnectedOrganizations(organizations);
      default -> throw new Exports.BadInput(where + " \"" + name + "\"; accepted: " + SCOPES);
    };
  }

  /** The keys of a policy in the policies file. */
  static final String POLICY_KEYS = "id, scope, organizations, approval";

  /** The policies file: an array of {id, scope, organizations, approval}. */
  static List<Policy> policies(Path file) {
    List<Policy> policies = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(Exports.open(file, "--policies"))) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new Exports.BadInput(file + ": not a JSON array of policies");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String id = "";
        String scope = "";
        List<OrganizationId> organizations = new ArrayList<>();
        boolean approval = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          switch (name) {
            case "id" -> id = p.getText();
            case "scope" -> scope = p.getText();
            case "approval" -> {
              if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw new Exports.BadInput(
                    "--policies " + file + ": policy " + id + ": approval is true or false");
              }
              approval = t == JsonToken.VALUE_TRUE;
            }
            case "organizations" -> {
              while (p.nextToken() == JsonToken.VALUE_STRING) {
                organizations.add(OrganizationId.of(p.getText()));
              }
            }
            default ->
                throw new Exports.BadInput(
                    "--policies "
                        + file
                        + ": policy "
                        + (id.isEmpty() ? "" : id + " ")
                        + "has an unknown key \""
                        + name
                        + "\"; accepted: "
                        + POLICY_KEYS);
          }
        }
        RequestorScope requestors =
            scope(scope, organizations, "--policies " + file + ": policy " + id + " has scope");
        policies.add(
            approval
                ? Policy.withApproval(id, requestors, ApprovalStage.of(Approver.internalSponsors()))
                : Policy.withoutApproval(id, requestors));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new Exports.BadInput(
          "--policies "
              + file
              + ": not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + " ("
              + e.getOriginalMessage()
              + ")");
    } catch (IOException e) {
      throw new Exports.BadInput(
          "--policies " + file + ": cannot be read (" + e.getMessage() + ")");
    } catch (EntenteException e) {
      throw new Exports.BadInput("--policies " + file + ": " + e.getMessage());
    }
    return policies;
  }

  /**
   * The cross-tenant access settings of {@code file}, as Graph JSON for a host in {@code cloud}.
   */
  static CrossTenantAccess crossTenant(Path file, Cloud cloud) {
    String json = Exports.text(file, "--cross-tenant");
    try {
      return GraphJson.forCloud(cloud).readCrossTenantAccess(json);
    } catch (EntenteException e) {
      throw new Exports.BadInput("--cross-tenant " + file + ": " + e.getMessage());
    }
  }

  static StaticDirectoryLookup directory(Path file) {
    try (InputStreamReader in =
        new InputStreamReader(Exports.open(file, "--directory"), StandardCharsets.UTF_8)) {
      return StaticDirectoryLookup.parse(in);
    } catch (IOException e) {
      throw new Exports.BadInput(
          "--directory " + file + ": cannot be read (" + e.getMessage() + ")");
    } catch (EntenteException e) {
      throw new Exports.BadInput("--directory " + file + ": " + e.getMessage());
    }
  }
}
