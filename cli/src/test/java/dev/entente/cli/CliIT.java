package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Cloud;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code entente} command, run as a separate process on sample exports. */
@DisplayName("The entente command, run as its own process")
class CliIT {
  private static final Path JAR = Path.of(System.getProperty("entente.jar", "target/entente.jar"));
  private static final Path SAMPLES = Path.of("../examples/src/main/resources").toAbsolutePath();
  private static final String EXPORT = SAMPLES.resolve("graph-export.json").toString();
  private static final String LINT = SAMPLES.resolve("lint-export.json").toString();

  /** What a run printed and how it ended. */
  record Run(int status, String out, String err) {}

  static List<String> command(String... args) {
    return command(List.of(), args);
  }

  /** The command line that runs the jar with {@code jvm} options (system properties). */
  static List<String> command(List<String> jvm, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Where each run's input and output go: JUnit deletes it after the class. */
  @TempDir static Path scratch;

  static Run run(String... args) throws IOException, InterruptedException {
    return run(java.util.Map.of(), new byte[0], args);
  }

  /** Runs the jar with {@code input} on its standard input. */
  static Run runWithInput(byte[] input, String... args) throws IOException, InterruptedException {
    return run(java.util.Map.of(), input, args);
  }

  /**
   * Runs the jar with {@code environment} added to this process's, PGPASSWORD removed, and {@code
   * input} on its standard input (none: an empty file, so it reads the end at once).
   */
  static Run run(java.util.Map<String, String> environment, byte[] input, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), environment, input, args);
  }

  static Run run(
      List<String> jvm, java.util.Map<String, String> environment, byte[] input, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command(jvm, args));
    builder.environment().remove("PGPASSWORD");
    builder.environment().putAll(environment);
    Path in = Files.write(Files.createTempFile(scratch, "entente-in", ".json"), input);
    Path out = Files.createTempFile(scratch, "entente-out", ".txt");
    Path err = Files.createTempFile(scratch, "entente-err", ".txt");
    Process process =
        builder
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "hang guard: the command ends");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Nested
  @DisplayName("like a good command-line tool")
  class Basics {
    @Test
    @DisplayName("--version and --help answer on stdout with status 0")
    void versionAndHelp() throws Exception {
      Run version = run("--version");
      assertEquals(0, version.status());
      assertTrue(version.out().startsWith("entente 0."), version.out());
      Run help = run("--help");
      assertEquals(0, help.status());
      for (String command : List.of("lint", "explain", "plan", "apply", "export")) {
        assertTrue(help.out().contains(command), help.out());
      }
      for (String command : List.of("lint", "explain", "plan", "apply", "export")) {
        Run commandHelp = run(command, "--help");
        assertEquals(0, commandHelp.status(), command);
        assertTrue(commandHelp.out().contains("entente " + command), commandHelp.out());
      }
      assertTrue(run("lint", "--help").out().contains("Examples:"));
    }

    @Test
    @DisplayName("- reads standard input; empty standard input is bad input, status 2")
    void standardInput() throws Exception {
      Run none = runWithInput(new byte[0], "lint", "-");
      assertEquals(2, none.status(), none.out());
      assertEquals(
          List.of("entente: standard input: empty file, not a Graph export"),
          none.err().lines().toList());
      Run piped = runWithInput(Files.readAllBytes(Path.of(EXPORT)), "lint", "-");
      Run file = run("lint", EXPORT);
      assertEquals(file.status(), piped.status(), piped.err());
      assertEquals(file.out().replace(EXPORT, "-"), piped.out());
    }
  }

  @Test
  @DisplayName(
      "plan, apply and export against PostgreSQL: applying twice changes nothing the second time")
  void planApplyExportAgainstPostgres() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      String url = server.getJdbcUrl("postgres", "postgres");
      Run first = run("apply", EXPORT, "--jdbc", url);
      assertEquals(0, first.status(), first.err());
      assertTrue(first.out().contains("4 create"), first.out());
      assertTrue(first.out().contains("4 applied, 0 refused"), first.out());
      Run plan = run("plan", EXPORT, "--jdbc", url);
      assertEquals(0, plan.status(), plan.err());
      assertTrue(plan.out().contains("4 unchanged; applying changes nothing"), plan.out());
      Run again = run("apply", EXPORT, "--jdbc", url);
      assertEquals(0, again.status());
      assertTrue(again.out().contains("0 applied, 0 refused"), again.out());
      Run export = run("export", "--jdbc", url);
      assertEquals(0, export.status(), export.err());
      assertTrue(export.out().contains("\"cloudInstance\":\"microsoftonline.us\""), export.out());
      assertEquals(4, export.out().split("\"@entente.version\"", -1).length - 1);
      Run bad = run("plan", EXPORT, "--jdbc", "postgres://nowhere");
      assertEquals(2, bad.status());
      assertEquals(1, bad.err().lines().count(), bad.err());
    }
  }

  @Test
  @DisplayName(
      "--directory: apply, plan, export and pull act in the directory named, the default one"
          + " without it, and never in another; entente directories lists each with its count;"
          + " a bad directory is refused before anything is written (R-DIR-1, R-DIR-2)")
  void eachCommandActsInOneDirectory() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      String url = server.getJdbcUrl("postgres", "postgres");
      Run none = run("directories", "--jdbc", url);
      assertEquals(0, none.status(), none.err());
      assertTrue(none.out().contains("no directories"), none.out());

      Run a = run("apply", EXPORT, "--jdbc", url, "--directory", "realm-a");
      assertEquals(0, a.status(), a.err());
      assertTrue(a.out().contains("4 applied"), a.out());
      Run planB = run("plan", EXPORT, "--jdbc", url, "--directory", "realm-b");
      assertEquals(1, planB.status(), "realm-b holds nothing yet: " + planB.out());
      assertTrue(planB.out().contains("4 create"), planB.out());
      Run exportDefault = run("export", "--jdbc", url);
      assertEquals(0, exportDefault.status(), exportDefault.err());
      assertFalse(exportDefault.out().contains("@entente.version"), exportDefault.out());
      Run exportA = run("export", "--jdbc", url, "--directory", "realm-a");
      assertEquals(4, exportA.out().split("\"@entente.version\"", -1).length - 1);

      // The same Graph ids in a second directory: created there, A untouched.
      Run b = run("apply", EXPORT, "--jdbc", url, "--directory", "realm-b");
      assertEquals(0, b.status(), b.err());
      assertTrue(b.out().contains("4 applied"), b.out());
      Run listed = run("directories", "--jdbc", url);
      assertEquals(0, listed.status(), listed.err());
      assertEquals(
          List.of("realm-a\t4 organizations", "realm-b\t4 organizations"),
          listed.out().lines().toList());

      // Progress of a long apply goes to stderr in lines when it is redirected (here every 0 s,
      // by default every 5 s), and not at all with --quiet; stdout keeps the plan and report.
      List<String> everyLine = List.of("-Dentente.progress.seconds=0");
      Run c =
          run(
              everyLine,
              java.util.Map.of(),
              new byte[0],
              "apply",
              EXPORT,
              "--jdbc",
              url,
              "--directory",
              "realm-c");
      assertEquals(0, c.status(), c.err());
      assertTrue(
          c.err().lines().anyMatch(l -> l.equals("entente: applying: 4 of 4 organizations (100%)")),
          c.err());
      assertTrue(c.err().lines().allMatch(l -> l.startsWith("entente: ")), c.err());
      assertFalse(c.out().contains("applying"), c.out());
      Run quiet =
          run(
              everyLine,
              java.util.Map.of(),
              new byte[0],
              "apply",
              EXPORT,
              "--jdbc",
              url,
              "--directory",
              "realm-d",
              "--quiet");
      assertEquals(0, quiet.status(), quiet.err());
      assertEquals("", quiet.err(), "--quiet prints no progress");

      Run bad = run("apply", EXPORT, "--jdbc", url, "--directory", "no spaces");
      assertEquals(2, bad.status());
      assertTrue(bad.err().contains("--directory \"no spaces\""), bad.err());
      assertTrue(
          run("directories", "--jdbc", url).out().startsWith(listed.out()),
          "nothing written in a directory with a bad name");
    }
  }

  @Test
  @DisplayName(
      "exit codes a script can trust: plan before the tables exist, apply with a conflict, a bad"
          + " --actor, an export that fails leaves no file, a delete at a stale version, of a"
          + " missing id, and one that deletes")
  void exitCodesAScriptCanTrust(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      String url = server.getJdbcUrl("postgres", "postgres");
      Run plan = run("plan", EXPORT, "--jdbc", url);
      assertEquals(1, plan.status(), plan.err());
      assertTrue(plan.out().contains("4 create"), plan.out());
      assertTrue(
          plan.out()
              .endsWith(
                  "the database has no Entente tables in schema \"entente\" yet: apply creates them\n"),
          plan.out());

      Path output = dir.resolve("store.json");
      Run noTables = run("export", "--jdbc", url, "--output", output.toString());
      assertEquals(2, noTables.status());
      assertEquals("", noTables.out());
      assertFalse(Files.exists(output), "a failed export leaves no file");
      assertEquals(1, noTables.err().lines().count(), noTables.err());

      Run badActor = run("apply", EXPORT, "--jdbc", url, "--actor", "a b");
      assertEquals(2, badActor.status());
      assertEquals("", badActor.out(), "the actor is refused before a plan is printed");
      assertTrue(badActor.err().startsWith("entente: --actor \"a b\""), badActor.err());

      // Two organizations of one export claim one domain: the second is not applied.
      String contoso = "8f0c6b1e-2d4a-4c3b-9e5f-1a2b3c4d5e60";
      String organization =
          "{\"id\":\"%s\",\"displayName\":\"%s\",\"state\":\"configured\",\"identitySources\":"
              + "[{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"shared.example\"}]}";
      Path conflict = dir.resolve("conflict.json");
      Files.writeString(
          conflict,
          "{\"value\":["
              + String.format(organization, contoso, "First")
              + ","
              + String.format(organization, "9a1d7c2f-3e5b-4d4c-8f60-2b3c4d5e6f71", "Second")
              + "]}");
      Run apply = run("apply", conflict.toString(), "--jdbc", url);
      assertEquals(1, apply.status(), apply.out());
      assertTrue(apply.out().contains("1 applied, 0 refused"), apply.out());
      assertTrue(apply.out().contains("not applied: 1 in conflict, 0 invalid"), apply.out());

      Run export = run("export", "--jdbc", url, "--output", output.toString());
      assertEquals(0, export.status(), export.err());
      assertTrue(Files.readString(output).contains("shared.example"));
      assertEquals(
          "exported 1 organization to " + output + "\n", export.out(), "export says what it wrote");

      Run stale = run("delete", contoso, "--expected-version", "2", "--jdbc", url);
      assertEquals(1, stale.status(), stale.err());
      assertTrue(
          stale.out().contains("\"First\" (" + contoso + ") is at version 1, not 2"), stale.out());
      Run deleted = run("delete", contoso, "--expected-version", "1", "--jdbc", url);
      assertEquals(0, deleted.status(), deleted.err());
      assertEquals("deleted \"First\" (" + contoso + ") at version 1\n", deleted.out());
      Run gone = run("delete", contoso, "--expected-version", "1", "--jdbc", url);
      assertEquals(1, gone.status(), gone.err());
      assertEquals(
          "not deleted: no organization " + contoso + " in directory default\n", gone.out());
      Run badVersion = run("delete", contoso, "--expected-version", "0", "--jdbc", url);
      assertEquals(2, badVersion.status(), badVersion.out());
      assertTrue(badVersion.err().startsWith("entente: --expected-version 0: "), badVersion.err());
      try (java.util.stream.Stream<Path> left = Files.list(dir)) {
        assertEquals(
            List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
      }
    }
  }

  @Test
  @DisplayName(
      "no failing run prints a password: a mistyped scheme, a bad port, an unknown host, an"
          + " unreachable server, a wrong user, user info, PGPASSWORD, a bad flag, --verbose")
  void noFailingRunPrintsAPassword() throws Exception {
    String secret = "S3cret-pw";
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      String real = server.getJdbcUrl("postgres", "postgres");
      List<List<String>> runs =
          List.of(
              List.of(
                  "plan",
                  EXPORT,
                  "--jdbc",
                  "jdbc:postgres://localhost/db?user=u&password=" + secret),
              List.of(
                  "plan",
                  EXPORT,
                  "--jdbc",
                  "jdbc:postgresql://localhost:99999/db?user=u&password=" + secret),
              List.of(
                  "plan",
                  EXPORT,
                  "--jdbc",
                  "jdbc:postgresql://no-such-host.invalid/db?user=u&password=" + secret),
              List.of(
                  "plan",
                  EXPORT,
                  "--jdbc",
                  "jdbc:postgresql://127.0.0.1:1/db?user=u&PASSWORD=" + secret),
              List.of(
                  "apply",
                  EXPORT,
                  "--jdbc",
                  real.replace("user=postgres", "user=nobody") + "&password=" + secret),
              List.of("export", "--jdbc=jdbc:postgresql://u:" + secret + "@127.0.0.1:1/db"),
              List.of(
                  "plan",
                  EXPORT,
                  "--jdbc",
                  "jdbc:postgresql://127.0.0.1:1/db?user=u&password=" + secret,
                  "--bogus"),
              List.of(
                  "plan",
                  EXPORT,
                  "--verbose",
                  "--jdbc",
                  "jdbc:postgresql://localhost:99999/db?password=" + secret));
      for (List<String> args : runs) {
        Run run = run(args.toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertFalse(
            run.out().contains(secret) || run.err().contains(secret), args + "\n" + run.err());
        if (!args.contains("--verbose")) {
          assertEquals(
              2, run.err().lines().count() + (args.contains("--bogus") ? 0 : 1), run.err());
        }
      }
      Run fromEnvironment =
          run(
              java.util.Map.of("PGPASSWORD", secret),
              new byte[0],
              "plan",
              EXPORT,
              "--jdbc",
              "jdbc:postgresql://127.0.0.1:1/db?user=u");
      assertEquals(2, fromEnvironment.status(), fromEnvironment.err());
      assertFalse(fromEnvironment.err().contains(secret), fromEnvironment.err());
    }
  }

  @Test
  @DisplayName("in a terminal, colour and a progress bar; in a pipe, neither")
  void colourAndProgressOnlyInATerminal() throws Exception {
    String inTerminal =
        String.join(" ", command("lint", LINT).stream().map(a -> "'" + a + "'").toList());
    Process process =
        new ProcessBuilder("script", "-q", "-e", "-c", inTerminal, "/dev/null")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "hang guard: the command ends");
    assertTrue(shown.contains("\u001b[1;33mREVIEW_PRE_2020_CONFIGURED\u001b[0m"), shown);
    assertTrue(shown.contains("\rreading lint-export.json ["), shown);
    Run piped = run("lint", LINT);
    assertFalse(piped.out().contains("\u001b["), piped.out());
    assertFalse(piped.err().contains("reading"), piped.err());
  }

  @Test
  @DisplayName(
      "pull and discover sign in with credentials from the environment, and never print the"
          + " secret, not even when Entra refuses it (R-ENT-2)")
  void credentialsFromTheEnvironment() throws Exception {
    String secret = "env-secret-S3cret";
    String tenant = "11111111-1111-1111-1111-111111111111";
    try (FakeEntra entra = FakeEntra.start();
        EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      entra.addApplication("cli-app", secret);
      entra.addTenant(
          Cloud.GLOBAL, tenant, "Contoso Ltd", "contoso.onmicrosoft.com", "contoso.com");
      entra.addOrganization(
          "{\"displayName\":\"Litware\",\"identitySources\":[{\"@odata.type\":"
              + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"litware.com\"}]}");
      Map<String, String> env =
          Map.of(
              "ENTENTE_TENANT_ID", tenant,
              "ENTENTE_CLIENT_ID", "cli-app",
              "ENTENTE_CLIENT_SECRET", secret);
      String[] roots = {
        "--graph-root", entra.graphRoot(), "--login-root", "GLOBAL=" + entra.loginRoot(Cloud.GLOBAL)
      };
      List<String> pull =
          new ArrayList<>(
              List.of("pull", "--apply", "--jdbc", server.getJdbcUrl("postgres", "postgres")));
      pull.addAll(List.of(roots));
      Run pulled = run(env, new byte[0], pull.toArray(String[]::new));
      assertEquals(0, pulled.status(), pulled.err() + pulled.out());
      assertTrue(pulled.out().contains("1 create"), pulled.out());

      List<String> discover = new ArrayList<>(List.of("discover", "contoso.com", "--verbose"));
      discover.addAll(List.of(roots));
      Run found = run(env, new byte[0], discover.toArray(String[]::new));
      assertEquals(0, found.status(), found.err());
      assertTrue(found.out().startsWith("contoso.com: Entra tenant " + tenant), found.out());

      Map<String, String> wrong = new HashMap<>(env);
      wrong.put("ENTENTE_CLIENT_SECRET", "wrong-" + secret);
      Run refused = run(wrong, new byte[0], discover.toArray(String[]::new));
      assertEquals(2, refused.status());
      assertTrue(refused.err().contains("AADSTS7000215"), refused.err());
      for (Run r : List.of(pulled, found, refused)) {
        assertFalse((r.out() + r.err()).contains(secret), "the secret was printed");
      }
    }
  }
}
