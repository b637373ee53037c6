package dev.entente.cli;

import dev.entente.model.Cloud;
import java.io.PrintWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  /** The command this mixin is part of, for its writers. */
  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec command;

  /**
   * {@return where the command prints its results: picocli's writer, so that a test or a host can
   * run the command in-process and read what it printed}
   */
  PrintWriter out() {
    return Objects.requireNonNull(command, "picocli injects the command").commandLine().getOut();
  }
}
