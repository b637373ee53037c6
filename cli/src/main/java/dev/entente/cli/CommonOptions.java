package dev.entente.cli;

import dev.entente.model.Cloud;
import picocli.CommandLine.Option;

/** The options every command takes: the host's cloud and {@code --verbose}. */
final class CommonOptions {
  @Option(
      names = "--cloud",
      defaultValue = "GLOBAL",
      description =
          "The cloud of the host's own tenant: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Cloud cloud = Cloud.GLOBAL;

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;
}
