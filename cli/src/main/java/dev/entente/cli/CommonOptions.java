package dev.entente.cli;

import dev.entente.model.Cloud;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The options every command takes: the host's cloud, {@code --verbose} and {@code --quiet}. */
final class CommonOptions {
  @Option(
      names = "--cloud",
      defaultValue = "global",
      converter = CloudNames.class,
      completionCandidates = CloudNames.class,
      description =
          "The cloud of the host's own tenant: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Cloud cloud = Cloud.GLOBAL;

  /** {@return the cloud as the command spells it everywhere: {@code us-government}} */
  static String spelled(Cloud cloud) {
    return cloud.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The command's one spelling of clouds, as in {@code --requestor tenant:…@us-government}: {@code
   * global}, {@code us-government}, {@code china}, in any case (the constant's name, {@code
   * US_GOVERNMENT}, is read too).
   */
  static final class CloudNames implements Iterable<String>, ITypeConverter<Cloud> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Cloud.values()).map(CommonOptions::spelled).iterator();
    }

    @Override
    public Cloud convert(String value) {
      try {
        return Cloud.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "\"" + value + "\" is not a cloud; accepted: " + String.join(", ", this));
      }
    }
  }

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  @Option(
      names = "--quiet",
      description =
          "No progress on stderr (by default a bar on a terminal, and a line every few seconds"
              + " of long work when stderr is a file or a pipe).")
  boolean quiet;

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
