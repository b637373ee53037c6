package dev.entente.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The code the documents show, cut from compiled, tested sources: a file's sample (between {@code
 * // sample begins} and {@code // sample ends}) or one of its tagged regions (between {@code //
 * tag::name[]} and {@code // end::name[]}, Asciidoctor's markers). A sample is the file's imports
 * that the region uses, a blank line, and the region with its common indentation removed: a reader
 * copies exactly the imports the fragment needs.
 */
public final class Samples {
  /** The marker before a file's sample. */
  public static final String BEGINS = "// sample begins";

  /** The marker after it. */
  public static final String ENDS = "// sample ends";

  /** A line that marks another region: it is left out of the one it stands in. */
  private static final Pattern MARKER = Pattern.compile("\\b(?:tag|end)::[\\w.-]+\\[\\]\\s*$");

  private Samples() {}

  /** {@return whether {@code source} holds a sample} */
  public static boolean hasSample(String source) {
    return source.lines().anyMatch(l -> l.strip().equals(BEGINS));
  }

  /** {@return the sample of {@code source}} */
  public static String sample(String source) {
    return block(source, BEGINS, ENDS);
  }

  /**
   * {@return the region of {@code file} tagged {@code tag}; when the tag is empty, its sample, or
   * the whole file when it has none}
   *
   * @throws IllegalArgumentException naming the file and the tag when the file has no such region
   */
  public static String sample(Path file, String tag) throws IOException {
    String source = Files.readString(file);
    if (tag.isEmpty()) {
      return hasSample(source) ? block(source, BEGINS, ENDS, file) : source;
    }
    return block(source, "tag::" + tag + "[]", "end::" + tag + "[]", file);
  }

  static String block(String source, String begins, String ends) {
    return block(source, begins, ends, Path.of("(source)"));
  }

  private static String block(String source, String begins, String ends, Path file) {
    List<String> lines = source.lines().toList();
    int from = indexOf(lines, begins, file) + 1;
    int to = indexOf(lines, ends, file);
    if (to < from) {
      throw new IllegalArgumentException(file + ": '" + ends + "' comes before '" + begins + "'");
    }
    List<String> region =
        lines.subList(from, to).stream().filter(l -> !MARKER.matcher(l).find()).toList();
    int indent =
        region.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    String body =
        region.stream()
            .map(l -> l.isBlank() ? "" : l.substring(indent))
            .map(l -> l + "\n")
            .collect(Collectors.joining());
    String imports =
        lines.stream()
            .filter(l -> l.startsWith("import ") && uses(body, l))
            .map(l -> l + "\n")
            .collect(Collectors.joining());
    return imports.isEmpty() ? body : imports + "\n" + body;
  }

  /** Whether {@code body} names what {@code importLine} imports (a type, or a static member). */
  private static boolean uses(String body, String importLine) {
    String imported = importLine.substring(0, importLine.length() - 1); // without the semicolon
    String name = imported.substring(imported.lastIndexOf('.') + 1);
    return name.equals("*")
        || Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(body).find();
  }

  private static int indexOf(List<String> lines, String marker, Path file) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.equals(marker) || line.endsWith(" " + marker)) {
        return i;
      }
    }
    throw new IllegalArgumentException(file + " has no line that ends with '" + marker + "'");
  }
}
