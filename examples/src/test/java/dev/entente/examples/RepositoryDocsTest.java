package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The repository's documents stay true to its code: every Java block of the README is compiled code
 * from this module, and every rule id the published code cites is written down in docs/rules.md.
 */
@DisplayName("README and docs/rules.md agree with the code")
class RepositoryDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String BEGINS = "// README sample begins";
  private static final String ENDS = "// README sample ends";
  private static final List<String> PUBLISHED =
      List.of(
          "spi",
          "core",
          "testkit",
          "testkit-quicktheories",
          "postgres",
          "graph",
          "entra",
          "entra-fake",
          "spring-boot-starter");

  @Test
  void everyJavaBlockOfTheReadmeIsASampleThatCompilesHere() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    List<String> samples = new ArrayList<>();
    for (Path file : javaFiles(ROOT.resolve("examples/src"))) {
      String text = Files.readString(file);
      if (text.lines().anyMatch(l -> l.strip().equals(BEGINS))) {
        String block = sampleBlock(text);
        samples.add(block);
        assertTrue(
            blocks.contains(block),
            "README.md shows " + ROOT.relativize(file) + " as:\n```java\n" + block + "```");
      }
    }
    assertEquals(
        samples.size(),
        blocks.size(),
        "every ```java block of README.md is one of the samples in examples/ ("
            + samples.size()
            + " samples)");
  }

  /**
   * The file's imports that the sample uses, a blank line, and the lines between the markers,
   * indentation removed: a reader copies exactly the imports the fragment needs.
   */
  static String sampleBlock(String source) {
    List<String> lines = source.lines().toList();
    int from = indexOf(lines, BEGINS) + 1;
    int to = indexOf(lines, ENDS);
    List<String> region = lines.subList(from, to);
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
    return imports + "\n" + body;
  }

  /** Whether {@code body} names what {@code importLine} imports (a type, or a static member). */
  private static boolean uses(String body, String importLine) {
    String imported = importLine.substring(0, importLine.length() - 1); // without the semicolon
    String name = imported.substring(imported.lastIndexOf('.') + 1);
    return name.equals("*")
        || Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(body).find();
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("no line " + marker);
  }

  @Test
  void everyRuleIdCitedByPublishedCodeIsInTheRulesDocument() throws IOException {
    String rules = Files.readString(ROOT.resolve("docs/rules.md"));
    Set<String> defined = ids(Pattern.compile("\\*\\*(R-[A-Z]+-\\d+)\\b").matcher(rules));
    Set<String> cited = new TreeSet<>();
    for (String module : PUBLISHED) {
      for (Path file : javaFiles(ROOT.resolve(module + "/src/main"))) {
        cited.addAll(expand(Files.readString(file)));
      }
    }
    cited.removeAll(defined);
    assertEquals(
        Set.of(), cited, "rule ids cited in spi, core or testkit but not defined in docs/rules.md");
    assertTrue(defined.size() >= 35, "docs/rules.md defines every rule, found " + defined);
  }

  @Test
  void publishedCodeCitesTheRulesNotThePlanningDocuments() throws IOException {
    Pattern planning =
        Pattern.compile("SPEC §|SPEC\\.md|\\bseed document|the seed's|Note after step");
    List<String> found = new ArrayList<>();
    for (String module : PUBLISHED) {
      for (Path file : javaFiles(ROOT.resolve(module + "/src/main"))) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (planning.matcher(lines.get(i)).find()) {
            found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), found, "javadoc and messages cite docs/rules.md ids");
  }

  /** Rule ids in the text, with ranges such as R-LINT-1..4 expanded. */
  private static Set<String> expand(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("(R-[A-Z]+-)(\\d+)(?:\\.\\.(\\d+))?").matcher(text);
    while (m.find()) {
      int from = Integer.parseInt(m.group(2));
      int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
      for (int i = from; i <= to; i++) {
        out.add(m.group(1) + i);
      }
    }
    return out;
  }

  private static Set<String> ids(Matcher m) {
    Set<String> out = new TreeSet<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
