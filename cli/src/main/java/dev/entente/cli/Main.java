package dev.entente.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

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
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit status: 0 done (lint: nothing to review; explain: eligible),",
      "1 findings (explain: not eligible), 2 bad input or a failure."
    })
public final class Main {
  /** Exit status for bad input or a failure. */
  static final int BAD_INPUT = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cli.setParameterExceptionHandler(
        (ParameterException e, String[] a) -> {
          CommandLine command = e.getCommandLine();
          command.getErr().println("entente: " + e.getMessage());
          command
              .getErr()
              .println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          command.getErr().println("entente: " + message(e));
          if (parsed.hasMatchedOption("--verbose")
              || (parsed.subcommand() != null
                  && parsed.subcommand().hasMatchedOption("--verbose"))) {
            e.printStackTrace(command.getErr());
          }
          return BAD_INPUT;
        });
    return cli.execute(args);
  }

  private static String message(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
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
