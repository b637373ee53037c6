package dev.entente.cli;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.entra.AccessTokens;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraDirectory;
import dev.entente.entra.EntraSync;
import dev.entente.entra.MsalAccessTokens;
import dev.entente.entra.PushReport;
import dev.entente.entra.SyncReport;
import dev.entente.errors.ValidationException;
import dev.entente.graph.EntraPlan;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.HostDirectory;
import dev.entente.model.TenantId;
import dev.entente.postgres.PostgresSchema;
import dev.entente.postgres.PostgresSyncLedger;
import dev.entente.spi.DomainResolution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entente pull}, {@code push} and {@code discover}: a real tenant through Graph. */
final class EntraCommands {
  private EntraCommands() {}

  /** The environment variable of the client secret. */
  static final String SECRET_VARIABLE = "ENTENTE_CLIENT_SECRET";

  /** The environment variable of the certificate file's password. */
  static final String CERTIFICATE_PASSWORD_VARIABLE = "ENTENTE_CLIENT_CERTIFICATE_PASSWORD";

  /** How the command signs in: which app, and which secret, certificate or managed identity. */
  static final class Credentials {
    @Option(
        names = "--tenant-id",
        paramLabel = "GUID",
        description = "The tenant (default: the ENTENTE_TENANT_ID environment variable).")
    @Nullable String tenantId;

    @Option(
        names = "--client-id",
        paramLabel = "GUID",
        description =
            "The app registration's application (client) id (default: ENTENTE_CLIENT_ID).")
    @Nullable String clientId;

    @Option(
        names = "--client-secret-file",
        paramLabel = "FILE",
        description =
            "A file holding the client secret. Without it, and without a certificate or managed identity, the secret is read from "
                + SECRET_VARIABLE
                + ". Never give a secret as a flag's value.")
    @Nullable Path secretFile;

    @Option(
        names = "--client-certificate",
        paramLabel = "FILE.p12",
        description =
            "A PKCS #12 file with the certificate and its private key; its password is read from "
                + CERTIFICATE_PASSWORD_VARIABLE
                + ".")
    @Nullable Path certificate;

    @Option(
        names = "--managed-identity",
        arity = "0..1",
        fallbackValue = "",
        paramLabel = "CLIENT_ID",
        description =
            "Use the managed identity of the Azure resource this runs on (a user-assigned one with its client id).")
    @Nullable String managedIdentity;

    AccessTokens tokens(Cloud cloud, @Nullable String loginRoot) {
      if (managedIdentity != null) {
        return MsalAccessTokens.managedIdentity(
            managedIdentity.isEmpty() ? Optional.empty() : Optional.of(managedIdentity));
      }
      TenantId tenant = tenant();
      String client = required(clientId, "--client-id", "ENTENTE_CLIENT_ID");
      if (certificate != null) {
        return certificate(cloud, tenant, client, certificate, loginRoot);
      }
      String secret = secret();
      return loginRoot == null
          ? MsalAccessTokens.withSecret(cloud, tenant, client, secret)
          : MsalAccessTokens.withSecret(cloud, tenant, client, secret, loginRoot);
    }

    private TenantId tenant() {
      String value = required(tenantId, "--tenant-id", "ENTENTE_TENANT_ID");
      try {
        return TenantId.of(value);
      } catch (ValidationException e) {
        throw new Exports.BadInput("--tenant-id \"" + value + "\": " + e.getMessage());
      }
    }

    private String secret() {
      String secret;
      if (secretFile != null) {
        try {
          secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          throw new Exports.BadInput("--client-secret-file " + secretFile + ": cannot be read");
        }
      } else {
        secret = System.getenv(SECRET_VARIABLE);
      }
      if (secret == null || secret.isEmpty()) {
        throw new Exports.BadInput(
            "no client secret: set "
                + SECRET_VARIABLE
                + ", or give --client-secret-file, --client-certificate or --managed-identity");
      }
      return secret;
    }

    private static AccessTokens certificate(
        Cloud cloud, TenantId tenant, String client, Path file, @Nullable String loginRoot) {
      String password = System.getenv(CERTIFICATE_PASSWORD_VARIABLE);
      try {
        return MsalAccessTokens.withPkcs12(
            cloud,
            tenant,
            client,
            file,
            password == null ? new char[0] : password.toCharArray(),
            loginRoot);
      } catch (ValidationException e) {
        throw new Exports.BadInput(
            "--client-certificate "
                + file
                + ": "
                + e.problem()
                + " (its password is read from "
                + CERTIFICATE_PASSWORD_VARIABLE
                + ")");
      }
    }

    private static String required(@Nullable String flag, String name, String variable) {
      String value = flag != null ? flag : System.getenv(variable);
      if (value == null || value.isBlank()) {
        throw new Exports.BadInput("no " + name + ": give it, or set " + variable);
      }
      return value;
    }
  }

  /** The options every command on a tenant shares. */
  static final class OnTenant {
    @ArgGroup(exclusive = false, heading = "Signing in:%n")
    Credentials credentials = new Credentials();

    @Option(
        names = "--graph-root",
        paramLabel = "URL",
        description =
            "Another Graph service root, such as a national deployment's or a test server's (default: the cloud's).")
    @Nullable String graphRoot;

    @Option(
        names = "--login-root",
        paramLabel = "CLOUD=URL",
        description =
            "Another root for a cloud's login host, such as a test server's (repeatable).")
    Map<Cloud, String> loginRoots = new EnumMap<>(Cloud.class);

    @Option(
        names = "--low-priority",
        description = "Mark Graph requests x-ms-throttle-priority: low (for a background sync).")
    boolean lowPriority;

    Entra connect(Cloud cloud) {
      return connect(cloud, HostDirectory.DEFAULT);
    }

    /** The connection to the tenant, for the organizations of {@code directory} (R-DIR-1). */
    Entra connect(Cloud cloud, HostDirectory directory) {
      try {
        AccessTokens tokens = credentials.tokens(cloud, loginRoots.get(cloud));
        Entra.Builder builder =
            Entra.builder(cloud, tokens).lowPriority(lowPriority).hostDirectory(directory);
        if (graphRoot != null) {
          builder.graphRoot(graphRoot);
        }
        loginRoots.forEach(builder::loginRoot);
        return builder.build();
      } catch (ValidationException e) {
        throw new Exports.BadInput(String.valueOf(e.getMessage()));
      }
    }
  }

  @Command(
      name = "pull",
      header = "Pulls a tenant's connected organizations into the PostgreSQL store.",
      mixinStandardHelpOptions = true,
      description =
          "Lists every connected organization of the tenant with its internal and external sponsors through Microsoft Graph, plans importing them into the PostgreSQL store keyed by Graph id, and prints the plan. With --apply, applies it through Entente's management service (creating Entente's tables first if the database has none). A pull of an unchanged tenant plans nothing.",
      footer = {
        "",
        "Needs the Graph application permission EntitlementManagement.Read.All.",
        "",
        "Example:",
        "  ENTENTE_CLIENT_SECRET=… entente pull --tenant-id 11111111-… --client-id 22222222-… \\",
        "      --jdbc 'jdbc:postgresql://localhost/app?user=app' --apply",
        "",
        "Exit status: 0 nothing to apply (or all applied), 1 changes to apply (or something not",
        "applied), 2 bad input or a failure."
      })
  static final class Pull extends SyncCommands.OnStore implements Callable<Integer> {
    @Mixin OnTenant tenant = new OnTenant();

    @Option(names = "--apply", description = "Apply the plan (default: print it only).")
    boolean apply;

    @Option(
        names = "--actor",
        defaultValue = "entente-pull",
        description = "The application id the changes are audited as (default: ${DEFAULT-VALUE}).")
    String actor = "entente-pull";

    @Override
    public Integer call() {
      var by = SyncCommands.actor(actor);
      Entra entra = tenant.connect(common.cloud, directory());
      var source = dataSource();
      ConnectedOrganizations organizations =
          apply || hasTables(source)
              ? organizations(source, apply)
              : dev.entente.Entente.inMemory().directory(directory()).organizations();
      // Everything is fetched before anything is planned: a failed pull writes nothing.
      ImportPlan plan = entra.pull().planImport(organizations);
      PrintWriter out = common.out();
      out.print(plan);
      if (!apply) {
        return plan.changesNothing() ? 0 : 1;
      }
      return SyncCommands.applied(plan, by, out, Terminal.detect(System.err, common.quiet));
    }
  }

  @Command(
      name = "sync",
      header = "Keeps the PostgreSQL store equal to a tenant, from its directory audit log.",
      mixinStandardHelpOptions = true,
      description =
          "Runs rounds of an incremental sync: the first lists the tenant whole; each after reads the directory audit log's connected-organization and sponsor entries (from an overlap before the last read: the log is minutes late) and reads again only the organizations they name; once a day (--reconcile-every) the tenant is listed whole again, and what it no longer holds is deleted. The store is the tenant's copy: change organizations in Entra. Where the sync stands is kept in the database (table sync_ledger), so a restart resumes; several instances may run it: one applies at a time. Without --every, runs one round and exits.",
      footer = {
        "",
        "Needs the Graph application permissions EntitlementManagement.Read.All, and",
        "AuditLog.Read.All with Directory.Read.All to read changes from the audit log (without",
        "them, each round lists the tenant whole, and the command says so once).",
        "",
        "Example:",
        "  entente sync --jdbc 'jdbc:postgresql://localhost/app?user=app' --tenant-id … \\",
        "      --client-id … --every 60s",
        "",
        "Exit status: 0 the last round applied everything, 1 something was not applied,",
        "2 bad input or a failure."
      })
  static final class Sync extends SyncCommands.OnStore implements Callable<Integer> {
    @Mixin OnTenant tenant = new OnTenant();

    @Option(
        names = "--every",
        paramLabel = "DURATION",
        description = "Run a round every DURATION (10s to 1d: 60s, 5m, 1h); without it, one round.")
    @Nullable String every;

    @Option(
        names = "--rounds",
        paramLabel = "N",
        description = "Stop after N rounds (default: never, with --every).")
    int rounds;

    @Option(
        names = "--reconcile-every",
        paramLabel = "DURATION",
        defaultValue = "1d",
        description = "List the tenant whole this often, 10m to 7d (default: ${DEFAULT-VALUE}).")
    String reconcileEvery = "1d";

    @Option(
        names = "--name",
        defaultValue = "entra",
        description =
            "The sync's name in the ledger: one per tenant synced into the schema (default: ${DEFAULT-VALUE}).")
    String name = "entra";

    @Option(
        names = "--holder",
        description =
            "This instance's name in the ledger's lease (default: the process id and a random suffix).")
    @Nullable String holder;

    @Override
    public Integer call() throws InterruptedException {
      Duration interval =
          every == null
              ? null
              : duration("--every", every, Duration.ofSeconds(10), Duration.ofDays(1), "10s to 1d");
      Duration reconcile =
          duration(
              "--reconcile-every",
              reconcileEvery,
              Duration.ofMinutes(10),
              Duration.ofDays(7),
              "10m to 7d");
      if (rounds < 0) {
        throw new Exports.BadInput("--rounds " + rounds + " is negative: give 1 or more");
      }
      Entra entra = tenant.connect(common.cloud, directory());
      var source = dataSource();
      PostgresSchema tables = PostgresSchema.named(schema);
      tables.migrateIn(source);
      PostgresSyncLedger ledger;
      EntraSync.Builder builder;
      try {
        ledger = PostgresSyncLedger.of(store(source), name);
        builder =
            EntraSync.builder(
                    entra, Entente.builder().store(ledger.store()).build().organizations(), ledger)
                .reconcileEvery(reconcile);
        if (holder != null) {
          builder.holder(holder);
        }
      } catch (ValidationException e) {
        throw new Exports.BadInput(String.valueOf(e.getMessage()));
      }
      PrintWriter out = common.out();
      try (EntraSync sync = builder.build()) {
        Thread stop = new Thread(sync::close, "entente-sync-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        boolean warned = false;
        SyncReport round;
        int ran = 0;
        while (true) {
          round = sync.runOnce();
          ran++;
          out.println(line(round));
          round.failures().forEach(f -> out.println("  not applied: " + f));
          if (!sync.auditLogReadable() && !warned) {
            out.println(
                "  the audit log cannot be read (grant AuditLog.Read.All): each round lists the"
                    + " tenant whole");
            warned = true;
          }
          out.flush();
          if (interval == null || (rounds > 0 && ran >= rounds)) {
            break;
          }
          Thread.sleep(interval.toMillis());
        }
        try {
          Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
        return round.failures().isEmpty() ? 0 : 1;
      }
    }

    private static String line(SyncReport r) {
      return switch (r.round()) {
        case NOT_HOLDER -> r.startedAt() + " another instance holds the lease: nothing done";
        case LEASE_LOST -> r.startedAt() + " the lease was lost while reading: nothing written";
        default ->
            r.startedAt()
                + (r.round() == SyncReport.Round.FULL ? " full list: " : " audit log: ")
                + (r.round() == SyncReport.Round.FULL
                    ? ""
                    : Terminal.count(r.auditEntries(), "new entry") + ", ")
                + r.organizationsRead()
                + " read, "
                + r.written()
                + " written, "
                + r.deleted()
                + " deleted, "
                + Terminal.count(r.requests(), "request");
      };
    }

    /** A duration as 10s, 5m, 1h, 1d (or ISO-8601), within a range. */
    static Duration duration(
        String option, String text, Duration least, Duration most, String accepted) {
      Duration d;
      try {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(\\d{1,9})([smhd])").matcher(text.trim());
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          d =
              switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              };
        } else {
          d = Duration.parse(text.trim());
        }
      } catch (java.time.format.DateTimeParseException e) {
        throw new Exports.BadInput(
            option
                + " \""
                + text
                + "\" is not a duration: give a number and s, m, h or d, such as 60s");
      }
      if (d.compareTo(least) < 0 || d.compareTo(most) > 0) {
        throw new Exports.BadInput(option + " " + text + " is out of range: " + accepted);
      }
      return d;
    }
  }

  @Command(
      name = "push",
      header = "Pushes the PostgreSQL store's connected organizations to a tenant.",
      mixinStandardHelpOptions = true,
      description =
          "Pulls the tenant, plans the Graph requests that make it match the PostgreSQL store (updates, creates, sponsor references added and removed; nothing deleted in Entra) and prints them. Nothing is sent unless --confirm is given: then each request is sent in order and the report says what was done, what failed and why. Run it again after a failure: the new plan holds only what is left.",
      footer = {
        "",
        "Needs the Graph application permission EntitlementManagement.ReadWrite.All.",
        "",
        "Example:",
        "  entente push --jdbc 'jdbc:postgresql://localhost/app?user=app' --tenant-id … --client-id …",
        "  entente push --jdbc 'jdbc:postgresql://localhost/app?user=app' --tenant-id … --client-id … --confirm",
        "",
        "Exit status: 0 nothing to push (or all pushed), 1 something to push (or some failed),",
        "2 bad input or a failure."
      })
  static final class Push extends SyncCommands.OnStore implements Callable<Integer> {
    @Mixin OnTenant tenant = new OnTenant();

    @Option(
        names = "--confirm",
        description = "Send the requests (default: a dry run that prints them).")
    boolean confirm;

    @Option(
        names = "--actor",
        defaultValue = "entente-push",
        description =
            "The application id the store's re-keying of created organizations is audited as (default: ${DEFAULT-VALUE}).")
    String actor = "entente-push";

    @Override
    public Integer call() {
      var source = dataSource();
      requireTables(source, "nothing to push (check --schema)");
      var by = SyncCommands.actor(actor);
      Entra entra = tenant.connect(common.cloud, directory());
      ConnectedOrganizations organizations = organizations(source, false);
      EntraPlan plan = entra.pull().planPush(organizations);
      PrintWriter out = common.out();
      out.print(plan);
      if (plan.changesNothing()) {
        return 0;
      }
      if (!confirm) {
        out.println("dry run: nothing sent; run with --confirm to send these requests");
        return 1;
      }
      PushReport report = entra.push(plan);
      out.print(report);
      // What Entra created is keyed by Entra's id in the store too, so the next pull matches it.
      report
          .adoptIds(organizations, by)
          .forEach(
              org -> out.println("created in Entra as " + org.id() + ": " + org.displayName()));
      return report.complete() ? 0 : 1;
    }
  }

  @Command(
      name = "discover",
      header =
          "Prints what a domain belongs to, as the portal's \"add directory + domain\" finds it.",
      mixinStandardHelpOptions = true,
      description =
          "For each domain: a SAML/WS-Fed identity provider the host configured for it, else the Entra tenant that verified it (found through the login hosts' OpenID configuration, every cloud), else nothing known (an email-domain source) — and why.",
      footer = {
        "",
        "Needs the Graph application permissions IdentityProvider.Read.All (the host's federations)",
        "and CrossTenantInformation.ReadBasic.All (tenant names, global cloud).",
        "",
        "Example:",
        "  entente discover contoso.com fabrikam.com --tenant-id … --client-id …",
        "",
        "Exit status: 0 done, 2 bad input or a failure."
      })
  static final class Discover implements Callable<Integer> {
    @Parameters(paramLabel = "DOMAIN", arity = "1..*", description = "The domains.")
    List<String> domains = new ArrayList<>();

    @Mixin OnTenant tenant = new OnTenant();

    @Mixin CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
      List<DomainName> names = new ArrayList<>();
      for (String d : domains) {
        try {
          names.add(DomainName.of(d));
        } catch (ValidationException e) {
          throw new Exports.BadInput("\"" + d + "\": " + e.getMessage());
        }
      }
      EntraDirectory directory = tenant.connect(common.cloud).directory(Duration.ofMinutes(5));
      PrintWriter out = common.out();
      for (DomainName domain : names) {
        EntraDirectory.Discovery found = directory.discover(domain);
        out.println(domain + ": " + describe(found.resolution()));
        out.println("  because " + found.why());
      }
      return 0;
    }

    private static String describe(DomainResolution resolution) {
      if (resolution instanceof DomainResolution.Tenant t) {
        return "Entra tenant "
            + t.tenantId()
            + " \""
            + t.name()
            + "\" in the "
            + CommonOptions.spelled(t.cloud())
            + " cloud (authentication: Microsoft Entra ID)";
      }
      if (resolution instanceof DomainResolution.Federated f) {
        return "SAML/WS-Fed federation \""
            + f.name()
            + "\" with issuer "
            + f.issuer()
            + " (authentication: SAML/WS-Fed)";
      }
      return "no directory known: an email-domain source (authentication: one-time passcode)";
    }
  }
}
