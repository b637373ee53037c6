package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.AccessDecision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The directories sample: one deployment, two customers, nothing shared (R-DIR-1)")
class DirectoriesSampleTest {
  @Test
  @DisplayName("R-DIR-1: a user admitted in one directory is refused in another")
  void aUserAdmittedInOneDirectoryIsRefusedInAnother() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<AccessDecision> decisions =
        DirectoriesSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertTrue(decisions.get(0).eligible(), "admitted in fabrikam: " + decisions.get(0));
    assertFalse(decisions.get(1).eligible(), "refused in litware: " + decisions.get(1));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Directories: [fabrikam]"), printed);
  }
}
