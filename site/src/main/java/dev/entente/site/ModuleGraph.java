package dev.entente.site;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The published modules and the command, and what each depends on, read from the reactor's POMs
 * each time the site is built, so the architecture page's diagram cannot fall behind the build. A
 * test-scoped dependency is left out; an optional one is drawn dashed.
 */
final class ModuleGraph {
  /** A module of the diagram: its folder, its artifactId and the modules it uses. */
  record Module(String folder, String artifactId, List<Edge> uses) {}

  /** A dependency of one module on another. */
  record Edge(String artifactId, boolean optional) {}

  private final Map<String, Module> modules;

  private ModuleGraph(Map<String, Module> modules) {
    this.modules = modules;
  }

  Map<String, Module> modules() {
    return modules;
  }

  /** Reads the reactor under {@code root}: its published modules, and {@code cli}. */
  static ModuleGraph of(Path root) throws IOException {
    Map<String, Module> modules = new LinkedHashMap<>();
    for (Element module : children(parse(root.resolve("pom.xml")), "modules", "module")) {
      String folder = module.getTextContent().strip();
      Document pom = parse(root.resolve(folder).resolve("pom.xml"));
      Element project = pom.getDocumentElement();
      boolean published =
          !"true".equals(text(project, "properties", "maven.deploy.skip"))
              && !"pom".equals(text(project, "packaging"));
      if (!published && !folder.equals("cli")) {
        continue;
      }
      List<Edge> uses = new ArrayList<>();
      for (Element dependency : children(pom, "dependencies", "dependency")) {
        if ("dev.entente".equals(text(dependency, "groupId"))
            && !"test".equals(text(dependency, "scope"))) {
          uses.add(
              new Edge(
                  required(dependency, "artifactId"), "true".equals(text(dependency, "optional"))));
        }
      }
      String artifactId = required(project, "artifactId");
      modules.put(artifactId, new Module(folder, artifactId, uses));
    }
    for (Module m : modules.values()) {
      m.uses().removeIf(e -> !modules.containsKey(e.artifactId()));
    }
    return new ModuleGraph(modules);
  }

  /** {@return the diagram: one column per layer, what a module uses to its left} */
  String svg() {
    Map<String, Integer> layer = new HashMap<>();
    for (String m : modules.keySet()) {
      layer(m, layer);
    }
    Map<Integer, List<String>> columns = new LinkedHashMap<>();
    modules.keySet().stream()
        .sorted(Comparator.comparing(layer::get))
        .forEach(m -> columns.computeIfAbsent(layer.get(m), k -> new ArrayList<>()).add(m));
    int width = 210;
    int height = 34;
    int gapX = 70;
    int gapY = 26;
    Map<String, int[]> at = new HashMap<>();
    int rows = 0;
    for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
      List<String> names = column.getValue();
      for (int i = 0; i < names.size(); i++) {
        at.put(
            names.get(i),
            new int[] {20 + column.getKey() * (width + gapX), 20 + i * (height + gapY)});
      }
      rows = Math.max(rows, names.size());
    }
    int totalWidth = 40 + columns.size() * (width + gapX) - gapX;
    int totalHeight = 40 + rows * (height + gapY) - gapY;
    StringBuilder svg = new StringBuilder();
    svg.append(
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" \
        role="img" aria-labelledby="modules-title" font-family="sans-serif" font-size="13">
        <title id="modules-title">Entente's modules: each uses the modules its arrows point to</title>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" \
        markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/>\
        </marker></defs>
        """
            .formatted(totalWidth, totalHeight, totalWidth, totalHeight));
    for (Module m : modules.values()) {
      int[] from = requireNonNull(at.get(m.artifactId()));
      for (Edge e : m.uses()) {
        int[] to = requireNonNull(at.get(e.artifactId()));
        int x1 = from[0];
        int y1 = from[1] + height / 2;
        int x2 = to[0] + width;
        int y2 = to[1] + height / 2;
        int bend = (x1 - x2) / 2;
        svg.append(
            "<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"#555\"%s marker-end=\"url(#arrow)\"/>\n"
                .formatted(
                    x1,
                    y1,
                    x1 - bend,
                    y1,
                    x2 + bend,
                    y2,
                    x2,
                    y2,
                    e.optional() ? " stroke-dasharray=\"5,4\"" : ""));
      }
    }
    for (Module m : modules.values()) {
      int[] p = requireNonNull(at.get(m.artifactId()));
      svg.append(
          "<g><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#2c5aa0\"/>"
                  .formatted(p[0], p[1], width, height)
              + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text></g>\n"
                  .formatted(p[0] + width / 2, p[1] + height / 2 + 5, m.artifactId()));
    }
    return svg.append("</svg>\n").toString();
  }

  /** The longest path from {@code module} down to a module that uses none. */
  private int layer(String module, Map<String, Integer> memo) {
    Integer known = memo.get(module);
    if (known != null) {
      return known;
    }
    int deepest = 0;
    for (Edge e : requireNonNull(modules.get(module)).uses()) {
      deepest = Math.max(deepest, layer(e.artifactId(), memo) + 1);
    }
    memo.put(module, deepest);
    return deepest;
  }

  /** {@return the artifactId the POM at {@code pom} gives its project} */
  static String artifactId(Path pom) throws IOException {
    return required(parse(pom).getDocumentElement(), "artifactId");
  }

  private static Document parse(Path pom) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(Files.newInputStream(pom));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  /** The {@code item} elements of the project's own {@code list} (not a plugin's, not managed). */
  private static List<Element> children(Document pom, String list, String item) {
    List<Element> out = new ArrayList<>();
    Element container = child(pom.getDocumentElement(), list);
    if (container != null) {
      for (Node n = container.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(item)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static @Nullable Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String required(Element from, String name) throws IOException {
    String text = text(from, name);
    if (text == null) {
      throw new IOException("a <" + from.getTagName() + "> without <" + name + ">");
    }
    return text;
  }

  /** The text of the element at {@code path} under {@code from}, or null. */
  private static @Nullable String text(Element from, String... path) {
    Element at = from;
    for (String name : path) {
      at = child(at, name);
      if (at == null) {
        return null;
      }
    }
    return at.getTextContent().strip();
  }
}
