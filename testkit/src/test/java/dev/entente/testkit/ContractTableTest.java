package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every case of every kit is named by the rule it checks and says whether a store must pass it; the
 * table of the MUST rules of §2, §7 and §11 (and R-SRC-2, which every store keeps) in the kit's
 * javadoc and in docs/rules.md lists exactly the cases that check each rule, or says why none does.
 */
@DisplayName("The kits' cases are named by rule, and both tables of rules and cases are true")
class ContractTableTest {
  static final List<Class<?>> KITS =
      List.of(
          OrganizationStoreContract.class,
          ChangeLogContract.class,
          ChangeFeedContract.class,
          OrganizationIndexContract.class);

  /** The rules the tables cover. */
  static final List<String> RULES =
      List.of(
          "R-SRC-2", "R-MGT-1", "R-MGT-2", "R-MGT-3", "R-MGT-4", "R-MGT-5", "R-MGT-6", "R-LOG-1",
          "R-LOG-2", "R-LOG-3", "R-LOG-4", "R-IDX-1", "R-IDX-2", "R-IDX-3", "R-DIR-1", "R-DIR-2",
          "R-DIR-3", "R-DIR-4", "R-DIR-5");

  /** What a table says of a rule: required, optional or untested, and its cases. */
  record Row(String level, Set<String> cases) {}

  private static final Pattern CASE = Pattern.compile("(\\w+Contract)\\.(R_\\w+)");

  static List<Method> cases(Class<?> kit) {
    List<Method> out = new ArrayList<>();
    for (Method m : kit.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Test.class)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The table, as the cases' annotations have it. */
  static Map<String, Row> expected() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String rule : RULES) {
      Set<String> cases = new TreeSet<>();
      boolean required = false;
      for (Class<?> kit : KITS) {
        for (Method m : cases(kit)) {
          ContractCase c = m.getAnnotation(ContractCase.class);
          if (c != null && List.of(c.rules()).contains(rule)) {
            cases.add(kit.getSimpleName() + "." + m.getName());
            required |= c.requirement() == Requirement.REQUIRED;
          }
        }
      }
      rows.put(
          rule, new Row(cases.isEmpty() ? "untested" : required ? "required" : "optional", cases));
    }
    return rows;
  }

  /** The rows of a table: a rule id, its level, and the cases named up to the next rule id. */
  static Map<String, Row> parse(String table, Pattern rowStart) {
    Map<String, Row> rows = new TreeMap<>();
    Matcher start = rowStart.matcher(table);
    List<int[]> spans = new ArrayList<>();
    List<String[]> heads = new ArrayList<>();
    while (start.find()) {
      spans.add(new int[] {start.start(), start.end()});
      heads.add(new String[] {start.group(1), start.group(2)});
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : table.length();
      Set<String> cases = new TreeSet<>();
      Matcher c = CASE.matcher(table.substring(spans.get(i)[1], end));
      while (c.find()) {
        cases.add(c.group(1) + "." + c.group(2));
      }
      Row earlier = rows.put(heads.get(i)[0], new Row(heads.get(i)[1], cases));
      assertTrue(earlier == null, heads.get(i)[0] + " has one row");
    }
    return rows;
  }

  private static String between(String text, String begin, String end, String where) {
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertTrue(from >= 0 && to > from, where + " marks its table with " + begin + " and " + end);
    return text.substring(from + begin.length(), to);
  }

  private static void assertTable(Map<String, Row> found, String where) {
    Map<String, Row> expected = new TreeMap<>(expected());
    StringBuilder rows = new StringBuilder();
    expected.forEach((rule, row) -> rows.append(rule).append(' ').append(row).append('\n'));
    assertEquals(expected, found, where + " should list, rule by rule:\n" + rows);
  }

  @Test
  @DisplayName(
      "every case carries its rules, is named by the first, and is optional exactly when it checks"
          + " a capability")
  void everyCaseIsNamedByItsRule() throws IOException {
    String rules = Files.readString(Path.of("../docs/rules.md"), StandardCharsets.UTF_8);
    for (Class<?> kit : KITS) {
      assertFalse(cases(kit).isEmpty(), kit.getSimpleName() + " has cases");
      for (Method m : cases(kit)) {
        String where = kit.getSimpleName() + "." + m.getName();
        ContractCase c = m.getAnnotation(ContractCase.class);
        assertTrue(c != null, where + " says the rules it checks with @ContractCase");
        assertTrue(c.rules().length > 0, where + " names a rule");
        assertTrue(
            m.getName().startsWith(c.rules()[0].replace('-', '_') + "_"),
            where + " is named by its first rule, " + c.rules()[0]);
        for (String rule : c.rules()) {
          assertTrue(rules.contains("**" + rule + " "), where + ": docs/rules.md has " + rule);
        }
        assertEquals(
            c.requirement() == Requirement.OPTIONAL,
            c.capability() != Capability.NONE,
            where + " is optional exactly when it checks a capability");
        DisplayName name = m.getAnnotation(DisplayName.class);
        String level =
            c.requirement() == Requirement.REQUIRED
                ? "required"
                : "optional, "
                    + c.capability().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        assertTrue(
            name != null
                && name.value().startsWith(String.join(", ", c.rules()) + " (" + level + "): "),
            where + "'s display name starts with its rules and \"(" + level + "): \"");
      }
    }
  }

  @Test
  @DisplayName("docs/rules.md's table lists each rule's cases, or why there is none")
  void theRulesTableIsTrue() throws IOException {
    String table =
        between(
            Files.readString(Path.of("../docs/rules.md"), StandardCharsets.UTF_8),
            "<!-- kit table begins -->",
            "<!-- kit table ends -->",
            "docs/rules.md");
    assertTable(
        parse(
            table, Pattern.compile("(?m)^\\| (R-[A-Z]+-\\d) \\| (required|optional|untested) \\|")),
        "docs/rules.md");
  }

  @Test
  @DisplayName("the kit's javadoc table lists each rule's cases, or why there is none")
  void theJavadocTableIsTrue() throws IOException {
    String table =
        between(
            Files.readString(
                Path.of("src/main/java/dev/entente/testkit/package-info.java"),
                StandardCharsets.UTF_8),
            "<!-- kit table begins -->",
            "<!-- kit table ends -->",
            "package-info.java");
    assertTable(
        parse(
            table,
            Pattern.compile("<tr>\\s*<td>(R-[A-Z]+-\\d)\\s*<td>(required|optional|untested)")),
        "the javadoc of dev.entente.testkit");
  }
}
