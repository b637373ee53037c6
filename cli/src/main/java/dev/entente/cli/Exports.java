package dev.entente.cli;

import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import dev.entente.graph.GraphReader;
import dev.entente.model.ConnectedOrganization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Graph exports read from files: the organizations, and the entries that could not be read. */
final class Exports {
  /** One organization of an export. */
  record Entry(Path file, GraphOrganization graph, ConnectedOrganization org) {}

  /** One entry of an export that could not be read or mapped. */
  record Problem(Path file, GraphFormatException error) {}

  final List<Entry> entries = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  private Exports() {}

  static Exports read(GraphJson graph, List<Path> files, Terminal terminal) {
    Exports exports = new Exports();
    for (Path file : files) {
      try (GraphReader reader = graph.reader(open(file, terminal))) {
        reader.forEachOrganization(
            (read, org) -> exports.entries.add(new Entry(file, read, org)),
            e -> {
              if (!e.recoverable()) {
                throw brokenFile(file, e);
              }
              exports.problems.add(new Problem(file, e));
            });
      }
    }
    return exports;
  }

  /** A file that is not complete JSON: bad input, not a finding. */
  static BadInput brokenFile(Path file, GraphFormatException e) {
    return new BadInput(file + ": " + e.getMessage() + " The file is not complete JSON.");
  }

  /** The name that stands for standard input. */
  static final String STDIN = "-";

  /**
   * The file ({@code -} for standard input), or an error that says in one line why it cannot be
   * read: not there, a directory, not readable, or empty — an empty download is bad input, never
   * "nothing to review".
   */
  static InputStream open(Path file, Terminal terminal) {
    return open(file, file.toString().equals(STDIN) ? "standard input" : file.toString(), terminal);
  }

  /**
   * The file an option names, such as {@code --policies}, or an error in one line that names the
   * option: {@code --policies missing.json: no such file}.
   */
  static InputStream open(Path file, String option) {
    return open(file, option + " " + file, null);
  }

  /**
   * The text of the file an option names, read as UTF-8, or an error in one line that names the
   * option, as {@link #open(Path, String)} says.
   */
  static String text(Path file, String option) {
    try (InputStream in = open(file, option)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new BadInput(option + " " + file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /**
   * Opens {@code file}, called {@code name}; {@code terminal} for an export, null for an option's
   * file.
   */
  private static InputStream open(Path file, String name, @Nullable Terminal terminal) {
    InputStream in;
    try {
      if (file.toString().equals(STDIN) && terminal != null) {
        in = System.in;
      } else if (Files.isDirectory(file)) {
        throw new BadInput(name + ": is a directory, not a file");
      } else if (!Files.exists(file)) {
        throw new BadInput(name + ": no such file");
      } else if (!Files.isReadable(file)) {
        throw new BadInput(name + ": cannot be read (permission denied)");
      } else {
        in = terminal == null ? Files.newInputStream(file) : terminal.open(file);
      }
      PushbackInputStream first = new PushbackInputStream(in, 1);
      int b = first.read();
      if (b < 0) {
        first.close();
        throw new BadInput(
            name + (terminal != null ? ": empty file, not a Graph export" : ": empty file"));
      }
      first.unread(b);
      return first;
    } catch (IOException e) {
      throw new BadInput(name + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Input the command cannot use, said in one line. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }

    /** With the failure that caused it, which {@code --verbose} prints. */
    BadInput(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * {@return the messages of {@code failure} and its causes, in order, each said once, as one
   * sentence for a person: the driver's words, then what lies under them (an unknown host is named
   * as such), never a Java class name}
   */
  static String causes(Throwable failure) {
    List<String> said = new ArrayList<>();
    for (Throwable t = failure; t != null && said.size() < 5; t = t.getCause()) {
      String raw = t.getMessage();
      String message =
          t instanceof UnknownHostException
              ? "unknown host " + (raw == null ? "" : raw.strip())
              : raw == null ? "" : raw.strip();
      if (!message.isEmpty() && said.stream().noneMatch(m -> m.contains(message))) {
        said.add(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (said.isEmpty()) {
      return "no message (run with --verbose)";
    }
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < said.size(); i++) {
      String m = said.get(i);
      joined.add(i < said.size() - 1 && m.endsWith(".") ? m.substring(0, m.length() - 1) : m);
    }
    return String.join(": ", joined);
  }
}
