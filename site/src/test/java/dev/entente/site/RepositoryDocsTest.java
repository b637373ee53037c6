package dev.entente.site;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The repository's documents stay true to its code: every Java block of the README and the site is
 * compiled code from examples/, and every rule id the published code cites is written down in
 * docs/rules.md.
 */
@DisplayName("README, the site and docs/rules.md agree with the code")
class RepositoryDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
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
  void everyJavaBlockOfTheReadmeIsASampleThatCompilesInExamples() throws IOException {
    List<String> samples = new ArrayList<>();
    for (Path file : javaFiles(ROOT.resolve("examples/src"))) {
      String text = Files.readString(file);
      if (Samples.hasSample(text)) {
        samples.add(Samples.sample(text));
      }
    }
    List<String> blocks = fenced(Files.readString(ROOT.resolve("README.md")), "java");
    assertTrue(!blocks.isEmpty(), "the README shows an example");
    for (String block : blocks) {
      assertTrue(
          samples.contains(block),
          "README.md shows a Java block that is no sample of examples/:\n" + block);
    }
  }

  @Test
  void everySampleOfExamplesIsShownByTheReadmeOrIncludedByASitePage() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    StringBuilder shown = new StringBuilder(readme);
    for (SiteBuilder.Page page : SiteBuilder.PAGES) {
      for (String source : page.sources()) {
        shown.append(Files.readString(ROOT.resolve(source)));
      }
    }
    List<String> unshown = new ArrayList<>();
    for (Path file : javaFiles(ROOT.resolve("examples/src"))) {
      String text = Files.readString(file);
      String relative = ROOT.relativize(file).toString();
      if (Samples.hasSample(text)
          && !shown.toString().contains("include=" + relative)
          && !readme.contains(Samples.sample(text))) {
        unshown.add(relative);
      }
    }
    assertEquals(List.of(), unshown, "samples nobody shows");
  }

  @Test
  void everyJavaBlockOfASitePageIsIncludedFromSource() throws IOException {
    List<String> literal = new ArrayList<>();
    for (SiteBuilder.Page page : SiteBuilder.PAGES) {
      for (String source : page.sources()) {
        if (source.equals("README.md")) {
          continue; // read on GitHub too: its one block is a copy the test above checks
        }
        Matcher m =
            Pattern.compile("^```java(.*)\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve(source)));
        while (m.find()) {
          if (!m.group(1).contains("include=") || !m.group(2).isBlank()) {
            literal.add(source + ": " + m.group(2).lines().findFirst().orElse(""));
          }
        }
      }
    }
    assertEquals(List.of(), literal, "Java blocks written into a page instead of included");
  }

  @Test
  void contributingNamesEveryModuleTheReleaseDeploysAndEveryOneItDoesNot() throws IOException {
    String contributing = Files.readString(ROOT.resolve("CONTRIBUTING.md")).replaceAll("\\s+", " ");
    Matcher published =
        Pattern.compile("uploads the published modules — (.*?) — with").matcher(contributing);
    Matcher never =
        Pattern.compile("\\(`autoPublish` is off\\)\\. (.*?) are never deployed")
            .matcher(contributing);
    assertTrue(published.find() && never.find(), "CONTRIBUTING's release paragraph");
    Set<String> deployed = new TreeSet<>(Set.of("entente-parent"));
    Set<String> kept = new TreeSet<>();
    String root = Files.readString(ROOT.resolve("pom.xml"));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(root);
    while (module.find()) {
      String pom = Files.readString(ROOT.resolve(module.group(1)).resolve("pom.xml"));
      if (pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
        kept.add(module.group(1));
      } else {
        deployed.add(ModuleGraph.artifactId(ROOT.resolve(module.group(1)).resolve("pom.xml")));
      }
    }
    assertEquals(deployed, new TreeSet<>(names(published.group(1))), "the modules deployed");
    assertEquals(kept, new TreeSet<>(names(never.group(1))), "the modules never deployed");
  }

  /** The names in backquotes of a list such as "`a`, `b` and `c`". */
  private static List<String> names(String list) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("`([^`]+)`").matcher(list);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The bodies of the fenced blocks of {@code language} in a Markdown text. */
  private static List<String> fenced(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m =
        Pattern.compile("```" + Pattern.quote(language) + "\n(.*?)```", Pattern.DOTALL)
            .matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
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
