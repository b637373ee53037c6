package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code entente} command run in-process through {@link Main#run}, with string writers: what it
 * prints and how it exits. {@code CliIT} runs the built jar for what needs a process of its own
 * (the manifest's version, standard input, a database, a terminal, the driver's logging).
 */
@DisplayName("The entente command, run in-process")
class CommandsTest {
  private static final Path SAMPLES = Path.of("../examples/src/main/resources").toAbsolutePath();
  private static final String EXPORT = SAMPLES.resolve("graph-export.json").toString();
  private static final String LINT = SAMPLES.resolve("lint-export.json").toString();

  /** What a run printed and how it ended. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Nested
  @DisplayName("like a good command-line tool")
  class Basics {
    @Test
    @DisplayName("an unknown flag is one line and a hint on stderr, status 2, nothing on stdout")
    void anUnknownFlag() throws Exception {
      Run r = run("lint", "--bogus", EXPORT);
      assertEquals(2, r.status());
      assertEquals("", r.out());
      assertEquals(
          List.of("entente: Unknown option: '--bogus'", "Try 'entente lint --help'."),
          r.err().lines().toList());
    }

    @Test
    @DisplayName("a missing file is one line, no stack trace unless --verbose")
    void aMissingFile() throws Exception {
      Run r = run("lint", "nope.json");
      assertEquals(2, r.status());
      assertEquals(List.of("entente: nope.json: no such file"), r.err().lines().toList());
      Run verbose = run("lint", "nope.json", "--verbose");
      assertEquals(2, verbose.status());
      assertTrue(verbose.err().contains("\tat dev.entente.cli."), verbose.err());
    }

    @Test
    @DisplayName("an empty file or a directory is bad input in one line, status 2")
    void anEmptyFileOrADirectoryIsBadInput(@TempDir Path dir) throws Exception {
      Path empty = Files.createFile(dir.resolve("empty.json"));
      Run r = run("lint", empty.toString());
      assertEquals(2, r.status(), r.out());
      assertEquals(
          List.of("entente: " + empty + ": empty file, not a Graph export"),
          r.err().lines().toList());
      Run directory = run("lint", dir.toString());
      assertEquals(2, directory.status());
      assertEquals(
          List.of("entente: " + dir + ": is a directory, not a file"),
          directory.err().lines().toList());
    }

    @Test
    @DisplayName(
        "a file that is not complete JSON is bad input, status 2, and says it is cut short")
    void aBrokenFile(@TempDir Path dir) throws Exception {
      Path broken = dir.resolve("broken.json");
      Files.writeString(broken, Files.readString(Path.of(EXPORT)).substring(0, 700));
      Run r = run("lint", broken.toString());
      assertEquals(2, r.status());
      assertTrue(r.err().contains("The file is not complete JSON."), r.err());
      // The end of the file is to blame, not the last value read before it.
      assertTrue(r.err().contains("before its JSON is complete (the file is cut short)"), r.err());
      assertEquals(1, r.err().lines().count());
    }
  }

  @Nested
  @DisplayName("lint")
  class Lint {
    private final String[] every = {
      "lint",
      LINT,
      "--policies",
      SAMPLES.resolve("lint-policies.json").toString(),
      "--directory",
      SAMPLES.resolve("lint-directory.txt").toString()
    };

    @Test
    @DisplayName(
        "a tenant at 80 % of Entra's limit of 2,500 is advised, one below it is not (R-ENT-4)")
    void nearTheTenantLimit(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
      for (int count : new int[] {1_999, 2_000}) {
        StringBuilder json = new StringBuilder("{\"value\":[");
        for (int i = 0; i < count; i++) {
          json.append(i == 0 ? "" : ",")
              .append("{\"id\":\"")
              .append(new java.util.UUID(7, i))
              .append("\",\"displayName\":\"d")
              .append(i)
              .append("\",\"state\":\"proposed\",\"identitySources\":[{\"@odata.type\":")
              .append("\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"d")
              .append(i)
              .append(".example\",\"displayName\":\"d")
              .append(i)
              .append(".example\"}]}");
        }
        Path export = Files.writeString(dir.resolve(count + ".json"), json.append("]}"));
        Run r = run("lint", export.toString());
        assertEquals(
            count == 2_000, r.out().contains("NEAR_TENANT_LIMIT"), count + ":\n" + r.out());
        if (count == 2_000) {
          assertTrue(
              r.out().contains("2000 connected organizations are 80 % of Entra's limit of 2500"),
              r.out());
        }
      }
    }

    @Test
    @DisplayName("the sample shows every kind of finding, status 1")
    void theSampleShowsEveryKindOfFinding() throws Exception {
      Run r = run(every);
      assertEquals(1, r.status(), r.err());
      for (String code :
          List.of(
              "REVIEW_PRE_2020_CONFIGURED",
              "SOCIAL_SOURCE_CONFIGURED",
              "CONSUMER_DOMAIN",
              "CONFIGURING_WIDENS_ACCESS",
              "IDENTITY_SOURCE_CONFLICT",
              "DUPLICATE_ID",
              "PROPOSED_SHADOWS_TENANT",
              "UNREADABLE_ENTRY")) {
        assertTrue(r.out().contains(code), code + " in\n" + r.out());
      }
      assertTrue(r.out().endsWith("9 findings in 7 organizations\n"), r.out());
      assertFalse(r.out().contains("\u001b["), "no colour in a pipe");
      assertEquals("", r.err());
    }

    @Test
    @DisplayName("--format json has the documented shape")
    void jsonHasTheDocumentedShape() throws Exception {
      List<String> args = new ArrayList<>(List.of(every));
      args.add("--format");
      args.add("json");
      Run r = run(args.toArray(String[]::new));
      assertEquals(1, r.status());
      Set<String> codes = new TreeSet<>();
      int organizations = -1;
      int findings = 0;
      try (JsonParser p = new JsonFactory().createParser(r.out())) {
        assertEquals(JsonToken.START_OBJECT, p.nextToken());
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("organizations")) {
            organizations = p.getIntValue();
          } else {
            assertEquals("findings", name);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              Set<String> fields = new TreeSet<>();
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                fields.add(p.currentName());
                if (p.nextToken() == JsonToken.VALUE_STRING && p.currentName().equals("code")) {
                  codes.add(p.getText());
                }
                p.skipChildren();
              }
              assertEquals(
                  Set.of(
                      "code",
                      "organizationId",
                      "organizationName",
                      "policyIds",
                      "message",
                      "file",
                      "pointer"),
                  fields);
              findings++;
            }
          }
        }
      }
      assertEquals(7, organizations);
      assertEquals(9, findings);
      assertEquals(8, codes.size(), codes.toString());
    }

    @Test
    @DisplayName("an export with nothing to review says so, status 0")
    void nothingToReview(@TempDir Path dir) throws Exception {
      Path clean = dir.resolve("clean.json");
      Files.writeString(
          clean,
          "{\"value\":[{\"id\":\"1a2b\",\"displayName\":\"Northwind\",\"state\":\"proposed\","
              + "\"createdDateTime\":\"2025-01-01T00:00:00Z\",\"identitySources\":[{\"@odata.type\":"
              + "\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":"
              + "\"11111111-2222-4333-8444-555555555555\",\"displayName\":\"Northwind\"}]}]}");
      Run r = run("lint", clean.toString());
      assertEquals(0, r.status(), r.out() + r.err());
      assertEquals("nothing to review in 1 organization\n", r.out());
    }
  }

  @Nested
  @DisplayName("explain")
  class Explain {
    @Test
    @DisplayName("an eligible requestor: the reasons and what approval would create, status 0")
    void eligible() throws Exception {
      Run r =
          run(
              "explain",
              EXPORT,
              "--requestor",
              "otp:jo@northwind.example",
              "--policy",
              "allExternalUsers");
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().startsWith("eligible\n"), r.out());
      assertTrue(r.out().contains("northwind.example"), r.out());
    }

    @Test
    @DisplayName("a requestor on the deny list is not eligible, status 1")
    void denied() throws Exception {
      Run otp =
          run(
              "explain",
              EXPORT,
              "--requestor",
              "otp:jo@litware.com",
              "--policy",
              "allConfiguredConnectedOrganizations",
              "--deny",
              "litware.com");
      assertEquals(1, otp.status(), otp.out());
      assertTrue(otp.out().startsWith("not eligible\n"), otp.out());
      assertTrue(otp.out().contains("BLOCKED_BY_DENY_LIST"), otp.out());
    }

    static final String CROSS_TENANT =
        "{\"allowedCloudEndpoints\":[],\"default\":{\"b2bCollaborationInbound\":{"
            + "\"usersAndGroups\":{\"accessType\":\"blocked\",\"targets\":[{\"target\":\"AllUsers\",\"targetType\":\"user\"}]},"
            + "\"applications\":{\"accessType\":\"blocked\",\"targets\":[{\"target\":\"AllApplications\",\"targetType\":\"application\"}]}}},"
            + "\"partners\":[{\"tenantId\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"b2bCollaborationInbound\":{"
            + "\"usersAndGroups\":{\"accessType\":\"allowed\",\"targets\":[{\"target\":\"9a1b2c3d-0000-4000-8000-000000000001\",\"targetType\":\"group\"}]},"
            + "\"applications\":{\"accessType\":\"allowed\",\"targets\":[{\"target\":\"AllApplications\",\"targetType\":\"application\"}]}}}]}";

    @Test
    @DisplayName(
        "R-XTA-2, R-XTA-3: --cross-tenant judges a tenant requestor by its partner configuration,"
            + " naming the setting; lint flags the organization the default always refuses")
    void crossTenantAccessSettings(@TempDir Path dir) throws Exception {
      Path settings = dir.resolve("cross-tenant.json");
      java.nio.file.Files.writeString(settings, CROSS_TENANT);
      String[] contoso = {
        "explain",
        EXPORT,
        "--requestor",
        "tenant:72f988bf-86f1-41af-91ab-2d7cd011db47",
        "--policy",
        "allConfiguredConnectedOrganizations",
        "--cross-tenant",
        settings.toString()
      };
      Run untold = run(contoso);
      assertEquals(1, untold.status(), untold.out());
      assertTrue(untold.out().contains("BLOCKED_BY_PARTNER_CONFIGURATION"), untold.out());
      assertTrue(
          untold
              .out()
              .contains("partners/72f988bf-86f1-41af-91ab-2d7cd011db47/b2bCollaborationInbound"),
          untold.out());
      String[] told = java.util.Arrays.copyOf(contoso, contoso.length + 2);
      told[contoso.length] = "--home-group";
      told[contoso.length + 1] = "9a1b2c3d-0000-4000-8000-000000000001";
      Run member = run(told);
      assertEquals(0, member.status(), member.out());
      Run lint = run("lint", EXPORT, "--cross-tenant", settings.toString());
      assertTrue(lint.out().contains("GATE_REFUSES_EVERYONE  Woodgrove Bank"), lint.out());
      assertFalse(lint.out().contains("GATE_REFUSES_EVERYONE  Contoso"), lint.out());
      java.nio.file.Files.writeString(
          settings, CROSS_TENANT.replace("\"blocked\"", "\"unknownFutureValue\""));
      Run bad = run(contoso);
      assertEquals(2, bad.status(), bad.out());
      assertTrue(
          bad.err().contains("/default/b2bCollaborationInbound/usersAndGroups/accessType"),
          bad.err());
    }

    @Test
    @DisplayName("a requestor that is no sign-in is bad input, status 2, saying what is accepted")
    void aBadRequestor() throws Exception {
      Run r = run("explain", EXPORT, "--requestor", "sms:+123", "--policy", "allExternalUsers");
      assertEquals(2, r.status());
      assertTrue(r.err().contains("accepted: tenant:<id>[@cloud]"), r.err());
      Run cloud =
          run("explain", EXPORT, "--requestor", "tenant:72f988bf-86f1-41af-91ab-2d7cd011db47@mars");
      assertEquals(2, cloud.status());
    }
  }

  @Nested
  @DisplayName("messages a person can act on, one line each")
  class Messages {
    private List<String> errors(String... args) {
      Run r = run(args);
      assertEquals(2, r.status(), r.out());
      return r.err().lines().toList();
    }

    @Test
    @DisplayName("a missing --policies file names the option")
    void aMissingPoliciesFileNamesTheOption() {
      assertEquals(
          List.of("entente: --policies missing.json: no such file"),
          errors("lint", EXPORT, "--policies", "missing.json"));
    }

    @Test
    @DisplayName("a policies file that is not JSON says where, without Jackson's source notes")
    void aPoliciesFileThatIsNotJsonSaysWhere(@TempDir Path dir) throws Exception {
      Path policies = Files.writeString(dir.resolve("p.json"), "[{\"id\": }]");
      List<String> err = errors("lint", EXPORT, "--policies", policies.toString());
      assertEquals(1, err.size(), err::toString);
      assertTrue(
          err.get(0).startsWith("entente: --policies " + policies + ": not valid JSON at line 1"),
          err::toString);
      assertFalse(err.get(0).contains("Source:"), err::toString);
    }

    @Test
    @DisplayName(
        "a misspelt key or an approval that is not true or false in a policies file is refused,"
            + " naming what is accepted")
    void aMisspeltPolicyKeyIsRefused(@TempDir Path dir) throws Exception {
      Path misspelt =
          Files.writeString(
              dir.resolve("p.json"),
              "[{\"id\": \"p1\", \"scope\": \"allExternalUsers\", \"aproval\": false}]");
      assertEquals(
          List.of(
              "entente: --policies "
                  + misspelt
                  + ": policy p1 has an unknown key \"aproval\"; accepted: id, scope,"
                  + " organizations, approval"),
          errors("lint", EXPORT, "--policies", misspelt.toString()));
      Path yes =
          Files.writeString(
              dir.resolve("q.json"),
              "[{\"id\": \"p2\", \"scope\": \"allExternalUsers\", \"approval\": \"yes\"}]");
      assertEquals(
          List.of("entente: --policies " + yes + ": policy p2: approval is true or false"),
          errors("lint", EXPORT, "--policies", yes.toString()));
    }

    @Test
    @DisplayName(
        "--cloud is spelled as --requestor spells clouds (us-government), the constant's name read"
            + " too, and a wrong one names the accepted")
    void cloudsHaveOneSpelling() {
      for (String spelling : List.of("us-government", "US_GOVERNMENT", "China")) {
        Run r = run("lint", EXPORT, "--cloud", spelling);
        assertTrue(r.status() < 2, spelling + ": " + r.err());
      }
      List<String> err = errors("lint", EXPORT, "--cloud", "usgov");
      assertTrue(
          err.get(0).contains("\"usgov\" is not a cloud; accepted: global, us-government, china"),
          err::toString);
      Run help = run("lint", "--help");
      assertTrue(help.out().contains("global, us-government, china (default: global)"), help.out());
    }

    @Test
    @DisplayName(
        "a database that cannot be reached is named, with the driver's words and what lies under"
            + " them; --verbose prints the whole chain")
    void anUnreachableDatabaseIsNamedWithItsCause() {
      String url = "jdbc:postgresql://no-such-host.invalid:5432/app?user=u";
      List<String> err = errors("plan", EXPORT, "--jdbc", url);
      assertEquals(1, err.size(), err::toString);
      assertTrue(
          err.get(0)
              .startsWith("entente: cannot use the database at no-such-host.invalid:5432/app: "),
          err::toString);
      assertTrue(err.get(0).endsWith("unknown host no-such-host.invalid"), err::toString);
      Run verbose = run("plan", EXPORT, "--jdbc", url, "--verbose");
      assertTrue(
          verbose.err().contains("Caused by: java.net.UnknownHostException: no-such-host.invalid"),
          verbose.err());
    }

    @Test
    @DisplayName("an unknown cloud or account provider is named, with what is accepted")
    void anUnknownCloudOrProviderIsNamed() {
      assertEquals(
          List.of(
              "entente: --requestor \"tenant:72f988bf-86f1-41af-91ab-2d7cd011db47@mars\": \"mars\" is"
                  + " not a cloud; accepted: global, us-government, china"),
          errors(
              "explain",
              EXPORT,
              "--requestor",
              "tenant:72f988bf-86f1-41af-91ab-2d7cd011db47@mars"));
      assertEquals(
          List.of(
              "entente: --requestor \"social:myspace:a@b.example\": \"myspace\" is not an account"
                  + " provider; accepted: microsoft-account, facebook, google"),
          errors("explain", EXPORT, "--requestor", "social:myspace:a@b.example"));
    }

    @Test
    @DisplayName("--policy with a bad organization id or an unknown scope names --policy")
    void aBadPolicyNamesTheOption() {
      assertEquals(
          List.of(
              "entente: --policy \"specificConnectedOrganizations:\": \"\" is not an organization id;"
                  + " accepted: specificConnectedOrganizations:<id>[,<id>…]"),
          errors(
              "explain",
              EXPORT,
              "--requestor",
              "otp:a@contoso.example",
              "--policy",
              "specificConnectedOrganizations:"));
      assertEquals(
          List.of(
              "entente: --policy \"everyone\": the scope \"everyone\"; accepted: "
                  + LintCommand.SCOPES),
          errors(
              "explain", EXPORT, "--requestor", "otp:a@contoso.example", "--policy", "everyone"));
    }

    @Test
    @DisplayName("explain reads the policies lint reads, and names one by its id")
    void explainReadsThePoliciesLintReads() {
      String policies = SAMPLES.resolve("lint-policies.json").toString();
      Run contractors =
          run(
              "explain",
              EXPORT,
              "--requestor",
              "otp:jo@northwind.example",
              "--policies",
              policies,
              "--policy",
              "contractors");
      // Its approvers, the new organization's sponsors, are nobody yet: not eligible.
      assertEquals(1, contractors.status(), contractors.err());
      assertTrue(contractors.out().contains("Policy contractors, stage 1"), contractors.out());
      assertEquals(
          List.of(
              "entente: --policy \"nope\" is not the id of a policy in --policies "
                  + policies
                  + "; ids: partners-self-service, contractors"),
          errors(
              "explain",
              EXPORT,
              "--requestor",
              "otp:a@contoso.example",
              "--policies",
              policies,
              "--policy",
              "nope"));
    }

    @Test
    @DisplayName("the reasons name the policy by its scope, never \"Policy policy\"")
    void theReasonsNameThePolicyByItsScope() {
      Run r =
          run(
              "explain",
              EXPORT,
              "--requestor",
              "otp:a@contoso.example",
              "--policy",
              "allExternalUsers");
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().contains("Policy allExternalUsers admits the requestor"), r.out());
      assertFalse(r.out().contains("Policy policy"), r.out());
    }
  }

  @Test
  @DisplayName("--fallback-approver explains an approval whose sponsors resolve to nobody")
  void aFallbackApproverExplainsAnApproval() {
    Run r =
        run(
            "explain",
            EXPORT,
            "--requestor",
            "otp:jo@northwind.example",
            "--approval",
            "--fallback-approver",
            "admin@host.example");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("FALLBACK_APPROVERS_USED"), r.out());
    assertTrue(r.out().contains("approval stage 1 (fallback)"), r.out());
    Run without =
        run(
            "explain",
            EXPORT,
            "--requestor",
            "otp:jo@northwind.example",
            "--fallback-approver",
            "a");
    assertEquals(2, without.status());
    assertEquals(
        List.of("entente: --fallback-approver: only with --approval"),
        without.err().lines().toList());
  }

  @Test
  @DisplayName("a failing store is reported in its own words, without Java class names")
  void aFailingStoreIsReportedWithoutClassNames() {
    String line =
        Main.message(
            new dev.entente.errors.PortFailureException(
                "PostgresSchema.migrate",
                new java.sql.SQLException("ERROR: permission denied for database app")));
    assertEquals(
        "the store failed (PostgresSchema.migrate): ERROR: permission denied for database app",
        line);
    assertFalse(line.contains("Exception"), line);
  }

  @Nested
  @DisplayName("help a person can copy from")
  class Help {
    private final picocli.CommandLine entente = Main.commandLine();

    @Test
    @DisplayName("an unknown option is reported before a missing required one")
    void anUnknownOptionIsReportedFirst() {
      Run r = run("explain", EXPORT, "--bogus-flag");
      assertEquals(2, r.status());
      assertEquals(
          List.of("entente: Unknown option: '--bogus-flag'", "Try 'entente explain --help'."),
          r.err().lines().toList());
    }

    @Test
    @DisplayName("every option with a default says it in --help")
    void everyOptionWithADefaultSaysIt() {
      for (picocli.CommandLine command : entente.getSubcommands().values()) {
        for (picocli.CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
          if (option.defaultValue() != null) {
            assertTrue(
                String.join(" ", option.description())
                    .contains("(default: " + option.defaultValue() + ")"),
                command.getCommandName() + " " + option.longestName());
          }
        }
      }
    }

    @Test
    @DisplayName("in a pipe, no line of a footer (examples, syntax) is broken")
    void noFooterLineIsBrokenInAPipe() {
      for (String name : List.of("lint", "explain", "plan", "apply", "export")) {
        List<String> printed = run(name, "--help").out().lines().toList();
        for (String line :
            entente.getSubcommands().get(name).getCommandSpec().usageMessage().footer()) {
          assertTrue(
              printed.contains(line), name + ": \"" + line + "\" is not one line of\n" + printed);
        }
      }
    }
  }
}
