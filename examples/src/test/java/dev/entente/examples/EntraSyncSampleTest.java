package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.entra.SyncReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The documentation's Entra sync: two instances on PostgreSQL, one applying (R-ENT-5)")
class EntraSyncSampleTest {
  @Test
  @DisplayName(
      "lists the tenant once, lets the lease holder alone apply, then reads only the change")
  void fullThenNotHolderThenIncremental() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<SyncReport> rounds =
        EntraSyncSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(SyncReport.Round.FULL, rounds.get(0).round(), printed);
    assertEquals(1, rounds.get(0).written(), printed);
    assertEquals(SyncReport.Round.NOT_HOLDER, rounds.get(1).round(), printed);
    assertEquals(SyncReport.Round.INCREMENTAL, rounds.get(2).round(), printed);
    assertEquals(1, rounds.get(2).written(), "the rename, read again by id: " + printed);
    assertTrue(
        printed.contains("instance-a: INCREMENTAL, 2 new audit entries, 1 read, 1 written"),
        printed);
  }
}
