package dev.entente.site;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jspecify.annotations.Nullable;

/**
 * Builds the documentation site from the repository's Markdown: the pages of {@code site/src/pages}
 * and the documents a reader of the repository reads on GitHub (the rules, the architecture, the
 * benchmarks, security, the changelog), rendered as they are.
 *
 * <p>A fenced block whose info string is {@code java include=PATH} or {@code java include=PATH#TAG}
 * is filled from that file of the repository, which the build compiles and tests: its sample, or
 * its region between {@code tag::TAG[]} and {@code end::TAG[]} ({@link Samples}). A relative link
 * to a document that is a page becomes a link to the page; a link to any other file of the
 * repository becomes a link to it on GitHub. A link to a file that does not exist, or an include of
 * a region that does not exist, fails the build with the page and the target named.
 */
public final class SiteBuilder {
  /** Where the repository's files are read on the web. */
  static final String REPOSITORY = "https://github.com/entente-dev/entente/blob/main/";

  /** A part of the navigation. */
  enum Section {
    START("Start"),
    GUIDES("Guides"),
    REFERENCE("Reference");

    final String title;

    Section(String title) {
      this.title = title;
    }
  }

  /**
   * One page of the site.
   *
   * @param file its file name in the site
   * @param title its name in the navigation
   * @param sources the repository's Markdown files it renders, one after the other
   */
  record Page(String file, String title, Section section, List<String> sources) {
    Page(String file, String title, Section section, String source) {
      this(file, title, section, List.of(source));
    }
  }

  static final List<Page> PAGES =
      List.of(
          new Page("index.html", "Home", Section.START, "README.md"),
          new Page(
              "getting-started.html",
              "Getting started",
              Section.START,
              "site/src/pages/getting-started.md"),
          new Page(
              "model.html", "The model and decisions", Section.GUIDES, "site/src/pages/model.md"),
          new Page(
              "management.html",
              "Managing organizations",
              Section.GUIDES,
              "site/src/pages/management.md"),
          new Page(
              "postgresql.html",
              "PostgreSQL and several instances",
              Section.GUIDES,
              "site/src/pages/postgresql.md"),
          new Page(
              "directories.html",
              "Host directories",
              Section.GUIDES,
              "site/src/pages/directories.md"),
          new Page("entra.html", "Graph and Entra", Section.GUIDES, "site/src/pages/entra.md"),
          new Page(
              "spring-boot.html", "Spring Boot", Section.GUIDES, "site/src/pages/spring-boot.md"),
          new Page("keycloak.html", "Keycloak", Section.GUIDES, "site/src/pages/keycloak.md"),
          new Page(
              "command-line.html",
              "The entente command",
              Section.GUIDES,
              "site/src/pages/command-line.md"),
          new Page(
              "property-testing.html",
              "Property testing",
              Section.GUIDES,
              "site/src/pages/property-testing.md"),
          new Page("rules.html", "The rules", Section.REFERENCE, "docs/rules.md"),
          new Page(
              "architecture.html",
              "Architecture",
              Section.REFERENCE,
              List.of("site/src/pages/architecture.md", "docs/architecture.md")),
          new Page("api.html", "API (javadoc)", Section.REFERENCE, "site/src/pages/api.md"),
          new Page(
              "performance.html",
              "Performance",
              Section.REFERENCE,
              List.of("site/src/pages/performance.md", "bench/README.md")),
          new Page("security.html", "Security", Section.REFERENCE, "SECURITY.md"),
          new Page("changelog.html", "Changelog", Section.REFERENCE, "CHANGELOG.md"),
          new Page("contributing.html", "Contributing", Section.REFERENCE, "CONTRIBUTING.md"));

  private static final Pattern INCLUDE = Pattern.compile("include=(\\S+?)(?:#(\\S+))?(?:\\s|$)");

  private final Path root;
  private final Path out;
  private final String version;
  private final Parser parser;
  private final HtmlRenderer renderer;
  private final Map<Path, String> pageOf = new LinkedHashMap<>();

  SiteBuilder(Path root, Path out, String version) {
    this.root = root.toAbsolutePath().normalize();
    this.out = out;
    this.version = version;
    List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    this.parser = Parser.builder().extensions(extensions).build();
    this.renderer = HtmlRenderer.builder().extensions(extensions).build();
    for (Page page : PAGES) {
      for (String source : page.sources()) {
        pageOf.put(this.root.resolve(source).normalize(), page.file());
      }
    }
  }

  /**
   * Builds the site.
   *
   * @param args the repository's root, the folder to write the site to, and the version
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: SiteBuilder <repository> <output> <version>");
    }
    Path out = Path.of(args[1]);
    new SiteBuilder(Path.of(args[0]), out, args[2]).build();
    System.out.println("entente site: " + PAGES.size() + " pages in " + out);
  }

  void build() throws IOException {
    Files.createDirectories(out);
    try (Stream<Path> assets = Files.list(root.resolve("site/src/assets"))) {
      for (Path asset : assets.toList()) {
        Files.copy(
            asset,
            out.resolve(asset.getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.writeString(out.resolve("modules.svg"), ModuleGraph.of(root).svg());
    for (Page page : PAGES) {
      StringBuilder html = new StringBuilder();
      for (String source : page.sources()) {
        html.append(render(page, root.resolve(source)));
      }
      requireUniqueIds(page, html.toString());
      Files.writeString(out.resolve(page.file()), template(page, html.toString()));
    }
  }

  String render(Page page, Path source) throws IOException {
    Node document = parser.parse(Files.readString(source));
    List<String> problems = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            String info = block.getInfo() == null ? "" : block.getInfo();
            Matcher include = INCLUDE.matcher(info);
            if (include.find()) {
              String file = include.group(1);
              String tag = include.group(2) == null ? "" : include.group(2);
              try {
                block.setLiteral(Samples.sample(root.resolve(file), tag));
              } catch (IOException | IllegalArgumentException e) {
                problems.add("includes " + file + (tag.isEmpty() ? "" : "#" + tag) + ": " + e);
              }
              block.setInfo(info.substring(0, include.start()).strip());
            }
          }

          @Override
          public void visit(Link link) {
            String target = link(source, link.getDestination());
            if (target == null) {
              problems.add("links to " + link.getDestination() + ", which does not exist");
            } else {
              link.setDestination(target);
            }
            visitChildren(link);
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          root.relativize(source) + " (page " + page.file() + "): " + String.join("; ", problems));
    }
    return renderer.render(document);
  }

  /**
   * Refuses a page on which two elements have one id: a page of several documents whose headings
   * meet, where a link to the second would land on the first.
   */
  static void requireUniqueIds(Page page, String html) {
    Set<String> ids = new HashSet<>();
    Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
    while (id.find()) {
      if (!ids.add(id.group(1))) {
        throw new IllegalStateException(
            page.file() + " has two elements with the id '" + id.group(1) + "': " + page.sources());
      }
    }
  }

  /**
   * {@return where a link of {@code source} to {@code destination} goes in the site, or null when
   * it names a file the repository does not have}
   */
  @Nullable String link(Path source, String destination) {
    if (destination.isEmpty()
        || destination.startsWith("#")
        || destination.contains("://")
        || destination.startsWith("mailto:")) {
      return destination;
    }
    if (destination.startsWith("api/")) {
      // The javadoc, unpacked before the pages are built.
      String file = destination.replaceAll("#.*", "");
      return Files.exists(out.resolve(file)) ? destination : null;
    }
    int hash = destination.indexOf('#');
    String path = hash < 0 ? destination : destination.substring(0, hash);
    String anchor = hash < 0 ? "" : destination.substring(hash);
    Path target = requireNonNull(source.toAbsolutePath().getParent()).resolve(path).normalize();
    String page = pageOf.get(target);
    if (page != null) {
      return page + anchor;
    }
    if (!target.startsWith(root) || !Files.exists(target)) {
      return null;
    }
    String relative = root.relativize(target).toString().replace('\\', '/');
    return (Files.isDirectory(target) ? REPOSITORY.replace("/blob/", "/tree/") : REPOSITORY)
        + relative
        + anchor;
  }

  private String template(Page page, String content) {
    StringBuilder nav = new StringBuilder();
    for (Section section : Section.values()) {
      nav.append("<h2>").append(section.title).append("</h2>\n<ul>\n");
      for (Page p : PAGES) {
        if (p.section() == section) {
          nav.append("<li><a href=\"")
              .append(p.file())
              .append('"')
              .append(p.equals(page) ? " aria-current=\"page\"" : "")
              .append('>')
              .append(escape(p.title()))
              .append("</a></li>\n");
        }
      }
      nav.append("</ul>\n");
    }
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s — Entente</title>
        <link rel="stylesheet" href="style.css">
        <link rel="icon" href="favicon.ico">
        </head>
        <body>
        <header><a class="brand" href="index.html">Entente</a> <span class="version">%s</span>
        <a class="source" href="https://github.com/entente-dev/entente">Source</a></header>
        <div class="layout">
        <nav class="site" aria-label="Site">
        %s</nav>
        <main>
        %s</main>
        </div>
        </body>
        </html>
        """
        .formatted(title(page, content), escape(version), nav, withContents(content));
  }

  /**
   * The page with a list of its sections after its first heading, when it has three or more: the
   * guides are long, and a reader looks for one part.
   */
  private static String withContents(String content) {
    Matcher h2 = Pattern.compile("<h2 id=\"([^\"]+)\">(.*?)</h2>", Pattern.DOTALL).matcher(content);
    StringBuilder list = new StringBuilder();
    int sections = 0;
    while (h2.find()) {
      sections++;
      list.append("<li><a href=\"#")
          .append(h2.group(1))
          .append("\">")
          .append(h2.group(2).replaceAll("<[^>]+>", ""))
          .append("</a></li>\n");
    }
    int h1 = content.indexOf("</h1>");
    if (sections < 3 || h1 < 0) {
      return content;
    }
    int at = h1 + "</h1>".length();
    return content.substring(0, at)
        + "\n<nav class=\"contents\" aria-label=\"On this page\"><strong>On this page</strong>\n<ul>\n"
        + list
        + "</ul></nav>\n"
        + content.substring(at);
  }

  /** The page's first heading without its markup (still escaped), or its name in the navigation. */
  private static String title(Page page, String content) {
    Matcher h1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL).matcher(content);
    return h1.find() ? h1.group(1).replaceAll("<[^>]+>", "") : escape(page.title());
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
