package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.entra.PushReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The documentation's Entra walk-through: pull, review, add by domain, push (R-ENT-1, R-ENT-3)")
class EntraSampleTest {
  @Test
  @DisplayName("pulls two, finds Woodgrove's tenant by its domain, creates it, and is then in step")
  void pullReviewPushThenNothingLeft() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PushReport report = EntraSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(report.complete(), report.toString());
    assertEquals(1, report.created().size());
    assertTrue(printed.contains("2 create"), printed);
    assertTrue(printed.contains("Making \"litware.com\" configured would let"), printed);
    assertTrue(printed.contains("ENTRA_TENANT \"Woodgrove Bank\""), printed);
    assertTrue(printed.contains("3 unchanged; applying changes nothing"), printed);
    assertTrue(printed.contains("Push again: 0 requests"), printed);
  }
}
