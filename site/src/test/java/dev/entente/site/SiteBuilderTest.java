package dev.entente.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The site builder")
class SiteBuilderTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void aLinkToADocumentThatIsAPageGoesToThePageAndKeepsItsAnchor(@TempDir Path out) {
    SiteBuilder builder = new SiteBuilder(ROOT, out, "0");
    Path readme = ROOT.resolve("README.md");
    assertEquals("rules.html#r-mat-1", builder.link(readme, "docs/rules.md#r-mat-1"));
    assertEquals("performance.html", builder.link(readme, "bench/README.md"));
    assertEquals("index.html", builder.link(ROOT.resolve("docs/rules.md"), "../README.md"));
  }

  @Test
  void aLinkToAnotherFileOfTheRepositoryGoesToItOnGitHub(@TempDir Path out) {
    SiteBuilder builder = new SiteBuilder(ROOT, out, "0");
    assertEquals(
        SiteBuilder.REPOSITORY + "examples/src/main/java/dev/entente/examples/QuickStart.java",
        builder.link(
            ROOT.resolve("site/src/pages/getting-started.md"),
            "../../../examples/src/main/java/dev/entente/examples/QuickStart.java"));
    assertEquals(
        "https://github.com/entente-dev/entente/tree/main/consumers",
        builder.link(ROOT.resolve("README.md"), "consumers"));
  }

  @Test
  void aLinkToNothingIsRefused(@TempDir Path out) {
    SiteBuilder builder = new SiteBuilder(ROOT, out, "0");
    assertNull(builder.link(ROOT.resolve("README.md"), "docs/no-such-page.md"));
    assertNull(builder.link(ROOT.resolve("README.md"), "api/entente-core/index.html"));
    assertNull(builder.link(ROOT.resolve("README.md"), "../outside-the-repository.md"));
  }

  @Test
  void aPageThatIncludesARegionThatDoesNotExistFailsTheBuildNamingPageAndRegion(@TempDir Path dir)
      throws IOException {
    Path page =
        Files.writeString(
            dir.resolve("page.md"),
            """
        # A page

        ```java include=examples/src/main/java/dev/entente/examples/QuickStart.java#no-such-tag
        ```
        """);
    SiteBuilder builder = new SiteBuilder(ROOT, dir.resolve("out"), "0");
    SiteBuilder.Page p =
        new SiteBuilder.Page("page.html", "A page", SiteBuilder.Section.GUIDES, "x");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder.render(p, page));
    assertTrue(e.getMessage().contains("page.html"), e.getMessage());
    assertTrue(e.getMessage().contains("QuickStart.java#no-such-tag"), e.getMessage());
    assertTrue(e.getMessage().contains("ends with 'tag::no-such-tag[]'"), e.getMessage());
  }

  @Test
  void anIncludedSampleIsTheFilesRegionWithTheImportsItUses(@TempDir Path dir) throws IOException {
    Path page =
        Files.writeString(
            dir.resolve("page.md"),
            """
        ```java include=examples/src/main/java/dev/entente/examples/FrontPageSample.java
        ```
        """);
    SiteBuilder builder = new SiteBuilder(ROOT, dir.resolve("out"), "0");
    SiteBuilder.Page p =
        new SiteBuilder.Page("page.html", "A page", SiteBuilder.Section.GUIDES, "x");
    String html = builder.render(p, page);
    assertTrue(html.contains("<code class=\"language-java\">import dev.entente.Entente;"), html);
    assertTrue(html.contains("Entente entente = Entente.inMemory();"), html);
    assertTrue(!html.contains("sample begins"), html);
  }

  @Test
  void theModuleDiagramHasEveryPublishedModuleAndTheCommandWithWhatEachUses() throws IOException {
    Map<String, ModuleGraph.Module> modules = ModuleGraph.of(ROOT).modules();
    assertEquals(
        List.of(
            "entente-spi",
            "entente-core",
            "entente-testkit",
            "entente-testkit-quicktheories",
            "entente-postgres",
            "entente-graph",
            "entente-entra-fake",
            "entente-entra",
            "entente-spring-boot-starter",
            "entente-keycloak",
            "entente-cli"),
        List.copyOf(modules.keySet()));
    assertEquals(
        List.of(new ModuleGraph.Edge("entente-spi", false)), modules.get("entente-core").uses());
    assertTrue(
        modules
            .get("entente-spring-boot-starter")
            .uses()
            .contains(new ModuleGraph.Edge("entente-postgres", true)),
        "the starter's PostgreSQL is optional: " + modules.get("entente-spring-boot-starter"));
    String svg = ModuleGraph.of(ROOT).svg();
    for (String module : modules.keySet()) {
      assertTrue(svg.contains(">" + module + "</text>"), module);
    }
  }

  @Test
  void aPageWhoseDocumentsGiveTwoElementsOneIdIsRefused() {
    SiteBuilder.Page page =
        new SiteBuilder.Page("p.html", "P", SiteBuilder.Section.REFERENCE, List.of("a.md", "b.md"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SiteBuilder.requireUniqueIds(
                    page, "<h2 id=\"setup\">Setup</h2><p>…</p><h2 id=\"setup\">Setup</h2>"));
    assertTrue(e.getMessage().contains("'setup'"), e.getMessage());
    assertTrue(e.getMessage().contains("a.md, b.md"), e.getMessage());
    SiteBuilder.requireUniqueIds(page, "<h2 id=\"a\">A</h2><h2 id=\"b\">B</h2>");
  }

  @Test
  void aConfigurationFileWithoutMarkersIsIncludedWhole(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(dir.resolve("app.properties"), "a=1\n# tag::b[]\nb=2\n# end::b[]\n");
    assertEquals("a=1\n# tag::b[]\nb=2\n# end::b[]\n", Samples.sample(file, ""));
    assertEquals("b=2\n", Samples.sample(file, "b"));
  }
}
