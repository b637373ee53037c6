package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Graph sample: import, plan, apply, write back (R-GPH-3)")
class GraphSamplesTest {
  @Test
  @DisplayName(
      "the documentation's import creates the four organizations, and importing again changes nothing")
  void theImportSampleCreatesFourAndAgainChangesNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String written = GraphSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("4 create"), printed);
    assertTrue(printed.contains("4 applied, 0 refused"), printed);
    assertTrue(printed.contains("4 unchanged; applying changes nothing"), printed);
    assertTrue(written.contains("\"cloudInstance\":\"microsoftonline.us\""), written);
  }
}
