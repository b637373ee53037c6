package dev.entente.site;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.entente.chromium.Chromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The built site, opened page by page in Debian's headless Chromium over HTTP, as a reader would:
 * every internal link is followed, and a page that is missing, an anchor that names nothing, an
 * image that does not load or an error in the browser's console fails the build. Screenshots of the
 * main pages are kept in {@code site/target/screenshots}.
 */
@DisplayName("The documentation site, in a real browser")
class SiteInBrowserTest {
  private static final Path SITE = Path.of("target/site");
  private static final Path SHOTS = Path.of("target/screenshots");

  /** The pages whose screenshots are kept. */
  private static final List<String> SHOWN =
      List.of(
          "index.html",
          "getting-started.html",
          "model.html",
          "architecture.html",
          "rules.html",
          "api.html",
          "performance.html");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css",
          "js", "text/javascript",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json",
          "txt", "text/plain; charset=utf-8",
          "zip", "application/zip");

  private static final Set<String> missing = Collections.synchronizedSet(new TreeSet<>());
  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void serveTheSite() throws IOException {
    assertTrue(
        Files.exists(SITE.resolve("index.html")),
        "the site is built at process-classes, before the tests: " + SITE.toAbsolutePath());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = URI.create(exchange.getRequestURI().toString()).getPath();
          Path file = SITE.resolve(path.substring(1) + (path.endsWith("/") ? "index.html" : ""));
          byte[] body;
          int status;
          String type;
          if (file.normalize().startsWith(SITE) && Files.isRegularFile(file)) {
            body = Files.readAllBytes(file);
            status = 200;
            String name = file.getFileName().toString();
            type =
                TYPES.getOrDefault(
                    name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
          } else {
            missing.add(path);
            body = "not found".getBytes(StandardCharsets.UTF_8);
            status = 404;
            type = "text/plain";
          }
          exchange.getResponseHeaders().set("Content-Type", type);
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  @DisplayName(
      "every page of the site, and every javadoc page it links to, loads with no missing file,"
          + " no anchor that names nothing, no broken image and no console error")
  void everyLinkOfTheSiteLeadsSomewhereAndNoPageReportsAnError() throws Exception {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> pages = new ArrayDeque<>(List.of(base + "index.html"));
    Set<String> javadoc = new TreeSet<>();
    Map<String, List<String[]>> anchors = new TreeMap<>(); // page -> (linking page, id)
    Map<String, Set<String>> idsOf = new HashMap<>(); // each page opened -> the ids it holds
    // Not a time limit on the test: only how long one wait may last before it is called a hang.
    try (Chromium chromium = new Chromium(Duration.ofMinutes(3), SHOTS)) {
      while (!pages.isEmpty()) {
        String page = pages.removeFirst();
        if (!seen.add(page)) {
          continue;
        }
        idsOf.put(page, open(chromium, page, problems));
        String name = page.substring(base.length());
        if (SHOWN.contains(name)) {
          chromium.screenshot(name.replace(".html", ""));
        }
        for (String href :
            chromium.strings(
                "return Array.from(document.querySelectorAll('a[href]'), a => a.href);")) {
          if (!href.startsWith(base)) {
            if (!href.startsWith("https://")) {
              problems.add(name + " links outside the site without https: " + href);
            }
            continue;
          }
          int hash = href.indexOf('#');
          String target = hash < 0 ? href : href.substring(0, hash);
          if (hash >= 0 && hash < href.length() - 1) {
            anchors
                .computeIfAbsent(target, t -> new ArrayList<>())
                .add(new String[] {name, href.substring(hash + 1)});
          }
          if (target.startsWith(base + "api/")) {
            javadoc.add(target);
          } else {
            pages.addLast(target);
          }
        }
      }
      for (String page : javadoc) {
        idsOf.put(page, open(chromium, page, problems));
      }
    }
    // Every page an anchor points into was opened above, by the crawl or as javadoc.
    for (Map.Entry<String, List<String[]>> page : anchors.entrySet()) {
      Set<String> ids = idsOf.getOrDefault(page.getKey(), Set.of());
      for (String[] anchor : page.getValue()) {
        String id = URLDecoder.decode(anchor[1], StandardCharsets.UTF_8);
        if (!ids.contains(id)) {
          problems.add(
              anchor[0]
                  + " links to #"
                  + id
                  + " of "
                  + page.getKey().substring(base.length())
                  + ", which has no such id");
        }
      }
    }
    for (String path : missing) {
      problems.add("a page asked for " + path + ", which the site does not have");
    }
    assertEquals(List.of(), problems, "the site's problems");
    assertTrue(
        seen.size() >= SiteBuilder.PAGES.size(),
        "the navigation reaches every page: " + seen.size() + " seen");
    Set<String> published = new TreeSet<>(ModuleGraph.of(Path.of("..")).modules().keySet());
    published.remove("entente-cli"); // the command has no javadoc
    Set<String> linked = new TreeSet<>();
    for (String page : javadoc) {
      linked.add(page.substring((base + "api/").length()).replaceAll("/.*", ""));
    }
    assertEquals(published, linked, "the site links the javadoc of every published module");
    try (Stream<Path> shots = Files.list(SHOTS)) {
      Set<String> names = shots.map(f -> f.getFileName().toString()).collect(toSet());
      for (String shown : SHOWN) {
        String png = "-" + shown.replace(".html", ".png");
        assertTrue(names.stream().anyMatch(n -> n.endsWith(png)), "a screenshot of " + shown);
      }
    }
  }

  /**
   * Opens {@code url}, adds what the browser reports wrong with it to {@code problems}, and returns
   * the ids (and anchor names) it holds, for the links into it.
   */
  private static Set<String> open(Chromium chromium, String url, List<String> problems)
      throws Exception {
    chromium.load(url);
    String name = url.substring(base.length());
    for (String error : chromium.consoleErrors()) {
      problems.add(name + ": the console says " + error);
    }
    for (String image :
        chromium.strings(
            "return Array.from(document.images)"
                + ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);")) {
      problems.add(name + ": the image " + image + " does not load");
    }
    return new HashSet<>(
        chromium.strings(
            "return Array.from(document.querySelectorAll('[id]'), e => e.id)"
                + ".concat(Array.from(document.querySelectorAll('a[name]'), e => e.name));"));
  }
}
