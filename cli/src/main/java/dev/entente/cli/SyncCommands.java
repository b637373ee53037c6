package dev.entente.cli;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.ImportStep;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.model.Actor;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.OrganizationStores;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code entente plan}, {@code apply} and {@code export}: a Graph export and a PostgreSQL store.
 */
final class SyncCommands {
  private SyncCommands() {}

  /** The options every command on a database shares. */
  abstract static class OnDatabase {
    @Option(
        names = "--jdbc",
        required = true,
        paramLabel = "URL",
        description = "The database, e.g. jdbc:postgresql://host/db?user=me (PGPASSWORD is read)")
    String jdbc = "";

    @Option(
        names = "--schema",
        defaultValue = PostgresSchema.DEFAULT,
        description = "The schema of Entente's tables (default: ${DEFAULT-VALUE}).")
    String schema = PostgresSchema.DEFAULT;

    @Mixin CommonOptions common = new CommonOptions();

    PGSimpleDataSource dataSource() {
      if (!jdbc.startsWith("jdbc:postgresql:")) {
        throw new Exports.BadInput(
            "--jdbc \"" + Secrets.scrub(jdbc) + "\" is not a jdbc:postgresql: URL");
      }
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setURL(jdbc);
      String password = System.getenv("PGPASSWORD");
      if (password != null && !jdbc.contains("password=")) {
        source.setPassword(password);
      }
      return source;
    }

    /** {@return the server and database {@code source} names, as "at host:port/db"} */
    static String where(PGSimpleDataSource source) {
      String[] hosts = source.getServerNames();
      int[] ports = source.getPortNumbers();
      return "at "
          + (hosts.length == 0 ? "localhost" : hosts[0])
          + (ports.length == 0 || ports[0] == 0 ? "" : ":" + ports[0])
          + "/"
          + source.getDatabaseName();
    }

    /**
     * Refuses a database without Entente's tables in the schema, saying {@code then}: what the user
     * should check or do.
     */
    void requireTables(PGSimpleDataSource source, String then) {
      if (!hasTables(source)) {
        throw new Exports.BadInput(
            "the database has no Entente tables in schema \"" + schema + "\": " + then);
      }
    }

    /** Whether the database has Entente's tables in the schema: false before the first apply. */
    boolean hasTables(PGSimpleDataSource source) {
      String sql =
          "SELECT EXISTS (SELECT 1 FROM information_schema.tables"
              + " WHERE table_schema = ? AND table_name = 'organization')";
      try (Connection c = source.getConnection();
          PreparedStatement statement = c.prepareStatement(sql)) {
        statement.setString(1, PostgresSchema.named(schema).name());
        try (ResultSet rs = statement.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      } catch (SQLException e) {
        throw new Exports.BadInput(
            "cannot use the database " + where(source) + ": " + Exports.causes(e), e);
      }
    }
  }

  /** The options every command on one directory's store shares. */
  abstract static class OnStore extends OnDatabase {
    @Option(
        names = "--directory",
        defaultValue = "default",
        paramLabel = "ID",
        description =
            "The host directory to read and write, each with organizations of its own; see"
                + " `entente directories` (default: ${DEFAULT-VALUE}).")
    String directory = HostDirectory.DEFAULT.value();

    /** The directory {@code --directory} names, refused before anything is read. */
    HostDirectory directory() {
      try {
        return HostDirectory.of(directory);
      } catch (ValidationException e) {
        throw new Exports.BadInput("--directory \"" + directory + "\": " + e.getMessage());
      }
    }

    /** The store of {@code --directory} in {@code --schema}. */
    PostgresOrganizationStore store(PGSimpleDataSource source) {
      return PostgresOrganizationStore.of(source, PostgresSchema.named(schema))
          .inDirectory(directory());
    }

    ConnectedOrganizations organizations(PGSimpleDataSource source, boolean migrate) {
      directory(); // refused before the schema is touched
      if (migrate) {
        PostgresSchema.named(schema).migrateIn(source);
      }
      return Entente.builder().store(store(source)).build().organizations();
    }

    /** The plan; an export that is not complete JSON is refused, whatever it holds before. */
    ImportPlan plan(Path export, ConnectedOrganizations organizations) {
      Terminal terminal = Terminal.detect(System.err, common.quiet);
      ImportPlan plan;
      try (GraphReader reader =
          GraphJson.forCloud(common.cloud).reader(Exports.open(export, terminal))) {
        plan = reader.planImport(organizations);
      }
      for (ImportStep step : plan.steps()) {
        if (step.problem().orElse(null) instanceof GraphFormatException broken
            && !broken.recoverable()) {
          throw Exports.brokenFile(export, broken);
        }
      }
      return plan;
    }
  }

  @Command(
      name = "plan",
      header = "Plans importing a Graph export into the PostgreSQL store.",
      mixinStandardHelpOptions = true,
      description =
          "Plans importing a Graph export into the PostgreSQL store, keyed by Graph id, and prints the plan: create, update (with the fields), unchanged, conflict, only in store, invalid. Writes nothing.",
      footer = {
        "",
        "Example:",
        "  entente plan export.json --jdbc 'jdbc:postgresql://localhost/app?user=app'",
        "",
        "Exit status: 0 nothing to apply, 1 changes to apply, 2 bad input or a failure."
      })
  static final class Plan extends OnStore implements Callable<Integer> {
    @Parameters(
        paramLabel = "EXPORT.json",
        description = "The Graph export; - reads standard input.")
    Path export = Path.of("");

    @Override
    public Integer call() {
      PGSimpleDataSource source = dataSource();
      boolean tables = hasTables(source);
      // Before the first apply the store is empty: everything is created.
      ImportPlan plan =
          plan(export, tables ? organizations(source, false) : Entente.inMemory().organizations());
      PrintWriter out = common.out();
      out.print(plan);
      if (!tables) {
        out.println(
            "the database has no Entente tables in schema \""
                + schema
                + "\" yet: apply creates them");
      }
      return plan.changesNothing() ? 0 : 1;
    }
  }

  @Command(
      name = "apply",
      header = "Imports a Graph export into the PostgreSQL store.",
      mixinStandardHelpOptions = true,
      description =
          "Plans importing a Graph export into the PostgreSQL store and applies the plan through Entente's management service: validated, versioned, audited. Creates Entente's tables first if the database has none. Applying the same export again changes nothing; an interrupted apply is finished by running it again.",
      footer = {
        "",
        "Example:",
        "  entente apply export.json --jdbc 'jdbc:postgresql://localhost/app?user=app'",
        "",
        "Exit status: 0 all applied, 1 something in the plan not applied (refused, in",
        "conflict or invalid), 2 bad input or a failure."
      })
  static final class Apply extends OnStore implements Callable<Integer> {
    @Parameters(
        paramLabel = "EXPORT.json",
        description = "The Graph export; - reads standard input.")
    Path export = Path.of("");

    @Option(
        names = "--actor",
        defaultValue = "entente-cli",
        description = "The application id the changes are audited as (default: ${DEFAULT-VALUE}).")
    String actor = "entente-cli";

    @Override
    public Integer call() {
      Actor by = actor(actor); // refused before anything is read or printed
      ImportPlan plan = plan(export, organizations(dataSource(), true));
      PrintWriter out = common.out();
      out.print(plan);
      return applied(plan, by, out, Terminal.detect(System.err, common.quiet));
    }
  }

  /**
   * Applies {@code plan} as {@code by}, its progress on {@code terminal}, and prints the report,
   * then what was not applied; returns the exit status: 0 when all of it was, 1 otherwise.
   */
  static int applied(ImportPlan plan, Actor by, PrintWriter out, Terminal terminal) {
    out.flush(); // the plan is printed before the progress of applying it
    ImportReport report;
    try (Terminal.Progress progress =
        terminal.progress(
            "applying",
            plan.count(ImportStep.Kind.CREATE) + plan.count(ImportStep.Kind.UPDATE),
            "organization")) {
      report = plan.apply(by, (done, total) -> progress.at(done));
    }
    out.print(report);
    long conflicts = plan.count(ImportStep.Kind.CONFLICT);
    long invalid = plan.count(ImportStep.Kind.INVALID);
    if (conflicts + invalid > 0) {
      out.println(
          "not applied: "
              + conflicts
              + " in conflict, "
              + invalid
              + " invalid (listed in the plan above)");
    }
    return report.refused() + conflicts + invalid == 0 ? 0 : 1;
  }

  /** The application {@code --actor} names, refused before anything is read or printed. */
  static Actor actor(String actor) {
    try {
      return Actor.application(actor);
    } catch (ValidationException e) {
      throw new Exports.BadInput("--actor \"" + actor + "\": " + e.getMessage());
    }
  }

  @Command(
      name = "directories",
      header = "Lists the store's host directories with their organization counts.",
      mixinStandardHelpOptions = true,
      description =
          "Lists every host directory of the PostgreSQL store, each with organizations of its own (a Keycloak realm's id, a customer of a multi-tenant application), with how many organizations it holds. Other commands act in one of them: --directory.",
      footer = {
        "",
        "Example:",
        "  entente directories --jdbc 'jdbc:postgresql://localhost/app?user=app'"
      })
  static final class Directories extends OnDatabase implements Callable<Integer> {
    @Override
    public Integer call() {
      PGSimpleDataSource source = dataSource();
      PrintWriter out = common.out();
      if (!hasTables(source)) {
        out.println(
            "no directories: the database has no Entente tables in schema \"" + schema + "\"");
        return 0;
      }
      PostgresSchema tables = PostgresSchema.named(schema);
      Map<String, Long> counts = new HashMap<>();
      try (Connection c = source.getConnection();
          Statement statement = c.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT host_directory, count(*) FROM \""
                      + tables.name()
                      + "\".organization GROUP BY host_directory")) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      } catch (SQLException e) {
        throw new Exports.BadInput(
            "cannot use the database " + where(source) + ": " + Exports.causes(e), e);
      }
      PostgresOrganizationStore store = PostgresOrganizationStore.of(source, tables);
      Optional<HostDirectory> after = Optional.empty();
      int listed = 0;
      while (true) {
        List<HostDirectory> page = store.directories(after, OrganizationStores.MAX_LIMIT);
        for (HostDirectory d : page) {
          long count = counts.getOrDefault(d.value(), 0L);
          out.println(d + "\t" + count + (count == 1 ? " organization" : " organizations"));
          listed++;
        }
        if (page.size() < OrganizationStores.MAX_LIMIT) {
          break;
        }
        after = Optional.of(page.get(page.size() - 1));
      }
      if (listed == 0) {
        out.println("no directories: nothing has been written yet");
      }
      return 0;
    }
  }

  @Command(
      name = "delete",
      header = "Deletes one organization of the PostgreSQL store.",
      mixinStandardHelpOptions = true,
      description =
          "Deletes the organization with this id through Entente's management service: only at the version you read (export shows it as @entente.version), so a change made since is never lost; validated and audited as --actor.",
      footer = {
        "",
        "Example:",
        "  entente delete 8f0c6b1e-2d4a-4c3b-9e5f-1a2b3c4d5e60 --expected-version 3 \\",
        "    --jdbc 'jdbc:postgresql://localhost/app?user=app'",
        "",
        "Exit status: 0 deleted, 1 not deleted (no such organization, or it changed since",
        "the version given), 2 bad input or a failure."
      })
  static final class Delete extends OnStore implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The organization's id.")
    String id = "";

    @Option(
        names = "--expected-version",
        required = true,
        paramLabel = "N",
        description = "The version you read; the delete is refused if the store holds another.")
    long expectedVersion;

    @Option(
        names = "--actor",
        defaultValue = "entente-cli",
        description = "The application id the delete is audited as (default: ${DEFAULT-VALUE}).")
    String actor = "entente-cli";

    @Override
    public Integer call() {
      Actor by = actor(actor);
      OrganizationId organization;
      Version expected;
      try {
        organization = OrganizationId.of(id);
      } catch (ValidationException e) {
        throw new Exports.BadInput("ID \"" + id + "\": " + e.getMessage());
      }
      try {
        expected = Version.of(expectedVersion);
      } catch (ValidationException e) {
        throw new Exports.BadInput("--expected-version " + expectedVersion + ": " + e.getMessage());
      }
      PGSimpleDataSource source = dataSource();
      requireTables(source, "check --schema");
      ConnectedOrganizations organizations = organizations(source, false);
      PrintWriter out = common.out();
      String name =
          organizations
              .get(organization)
              .map(o -> "\"" + o.displayName() + "\" (" + id + ")")
              .orElse(id);
      try {
        organizations.delete(organization, expected, by);
      } catch (OrganizationNotFoundException e) {
        out.println("not deleted: no organization " + id + " in directory " + directory());
        return 1;
      } catch (StaleVersionException e) {
        out.println(
            "not deleted: "
                + name
                + " is at version "
                + e.actual().value()
                + ", not "
                + expectedVersion
                + "; read it again (entente export) and decide on what it holds now");
        return 1;
      }
      out.println("deleted " + name + " at version " + expectedVersion);
      return 0;
    }
  }

  @Command(
      name = "export",
      header = "Writes the PostgreSQL store as Graph JSON.",
      mixinStandardHelpOptions = true,
      description = "Writes every organization of the PostgreSQL store as one Graph list page.",
      footer = {
        "",
        "Example:",
        "  entente export --jdbc 'jdbc:postgresql://localhost/app?user=app' --output store.json"
      })
  static final class Export extends OnStore implements Callable<Integer> {
    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "Where to write (default: stdout).")
    @Nullable Path output;

    @Override
    public Integer call() throws IOException {
      PGSimpleDataSource source = dataSource();
      requireTables(source, "check --schema, or import with apply first");
      Path target = output == null ? null : output.toAbsolutePath();
      Path directory = target == null ? null : target.getParent();
      if (target != null
          && (directory == null || Files.isDirectory(target) || !Files.isDirectory(directory))) {
        throw new Exports.BadInput("--output " + output + ": not a file in an existing directory");
      }
      ConnectedOrganizations organizations = organizations(source, false);
      GraphJson graph = GraphJson.forCloud(common.cloud);
      // Written whole to a temporary file first: a failed export leaves no file and prints
      // nothing, so a half-written page is never taken for a store that holds fewer.
      Path temporary =
          directory == null
              ? Files.createTempFile("entente-export", ".json")
              : Files.createTempFile(directory, ".entente-export", ".tmp");
      try {
        long[] written = {0};
        try (OutputStream out = Files.newOutputStream(temporary)) {
          graph.writePage(organizations.all().peek(o -> written[0]++), out);
        }
        if (target == null) {
          PrintWriter out = common.out();
          try (Reader page = Files.newBufferedReader(temporary, StandardCharsets.UTF_8)) {
            page.transferTo(out);
          }
          out.println();
        } else {
          Files.move(
              temporary,
              target,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          common
              .out()
              .println("exported " + Terminal.count(written[0], "organization") + " to " + output);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
      return 0;
    }
  }
}
