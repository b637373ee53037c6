package dev.entente.cli;

import dev.entente.errors.PortFailureException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code entente}: the command line. Every command prints {@code --help} with examples; errors are
 * one line on stderr ({@code --verbose} adds the stack trace) and exit with status 2.
 */
@Command(
    name = "entente",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Review, explain and sync Microsoft Entra connected organizations. Reads Microsoft Graph v1.0 JSON exports of connectedOrganizations (list pages, concatenated pages, or single organizations).",
    subcommands = {
      LintCommand.class,
      ExplainCommand.class,
      SyncCommands.Plan.class,
      SyncCommands.Apply.class,
      SyncCommands.Export.class,
      SyncCommands.Delete.class,
      SyncCommands.Directories.class,
      EntraCommands.Pull.class,
      EntraCommands.Push.class,
      EntraCommands.Sync.class,
      EntraCommands.Discover.class,
      FakeEntraCommand.class,
      CommandLine.HelpCommand.class,
      // Hidden: prints the bash/zsh completion script (`source <(entente generate-completion)`);
      // the distribution ships it generated as completion/entente.
      AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "Exit status: 0 done (lint: nothing to review; explain: eligible),",
      "1 something to review (explain: not eligible), 2 bad input or a failure."
    })
public final class Main {
  /** Exit status for bad input or a failure. */
  static final int BAD_INPUT = 2;

  /**
   * The PostgreSQL driver logs through {@code java.util.logging}, whose default handler prints on
   * stderr, and its records quote the URL: off, and held here so the setting is not collected.
   */
  private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

  static {
    DRIVER_LOG.setLevel(Level.OFF);
    DRIVER_LOG.setUseParentHandlers(false);
  }

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Secrets.forget();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jdbc") && i + 1 < args.length) {
        Secrets.rememberFrom(args[i + 1]);
      } else if (args[i].startsWith("--jdbc=")) {
        Secrets.rememberFrom(args[i].substring("--jdbc=".length()));
      }
    }
    CommandLine cli = commandLine();
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // Wide enough that no example or syntax line of a footer is broken in a pipe: a copied
    // example must run. A terminal gets its own width.
    cli.setUsageHelpWidth(120);
    cli.setUsageHelpAutoWidth(true);
    cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cli.setParameterExceptionHandler(
        (ParameterException e, String[] a) -> {
          CommandLine command = e.getCommandLine();
          // An unknown option first: a missing required option is often its misspelling.
          List<String> unknown =
              command.getParseResult() == null ? List.of() : command.getParseResult().unmatched();
          String message =
              !unknown.isEmpty() && !(e instanceof UnmatchedArgumentException)
                  ? "Unknown option: '" + unknown.get(0) + "'"
                  : String.valueOf(e.getMessage());
          command.getErr().println("entente: " + Secrets.scrub(message));
          command
              .getErr()
              .println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          command.getErr().println("entente: " + Secrets.scrub(message(e)));
          if (parsed.hasMatchedOption("--verbose")
              || (parsed.subcommand() != null
                  && parsed.subcommand().hasMatchedOption("--verbose"))) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            command.getErr().print(Secrets.scrub(trace.toString()));
            command.getErr().flush();
          }
          return BAD_INPUT;
        });
    int status = cli.execute(args);
    cli.getOut().flush();
    cli.getErr().flush();
    return status;
  }

  /** {@return the command line's model: its commands, options and help} */
  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  /** One line for a person: what failed, never a Java class name. */
  static String message(Exception e) {
    if (e instanceof PortFailureException port && port.getCause() != null) {
      Throwable cause = port.getCause();
      return "the store failed (" + port.port() + "): " + Exports.causes(cause);
    }
    String message = e.getMessage();
    return message == null ? "failed without a message (run with --verbose)" : message;
  }

  /** The version, from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "entente " + (version == null ? "(development build)" : version),
        "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")
      };
    }
  }
}
