package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Counts read as English: one finding, two findings")
class WordsTest {
  @Test
  @DisplayName("a count of one is singular, any other plural, a consonant's y becomes ies")
  void countsAgreeWithTheirNouns() {
    assertEquals("1 finding", Terminal.count(1, "finding"));
    assertEquals("0 findings", Terminal.count(0, "finding"));
    assertEquals("9 findings", Terminal.count(9, "finding"));
    assertEquals("1 request", Terminal.count(1, "request"));
    assertEquals("1 new entry", Terminal.count(1, "new entry"));
    assertEquals("9 new entries", Terminal.count(9, "new entry"));
    assertEquals("2 days", Terminal.count(2, "day"));
    assertEquals("1 organization", Terminal.count(1, "organization"));
  }
}
