package dev.entente.cli;

import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import dev.entente.graph.GraphReader;
import dev.entente.model.ConnectedOrganization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /** The file, or an error that says plainly that it is not there. */
  static java.io.InputStream open(Path file, Terminal terminal) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      return terminal.open(file);
    } catch (NoSuchFileException e) {
      throw new BadInput(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Input the command cannot use, said in one line. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }
}
