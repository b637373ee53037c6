package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.ibm.icu.text.IDNA;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The canonical-punycode check encodes decoded labels with RFC 3492; it must give what ICU's UTS
 * #46 gives, or a valid international domain would be refused (R-SRC-3).
 */
@DisplayName("Punycode encodes as RFC 3492 and ICU do (R-SRC-3)")
class PunycodeTest {
  private static final IDNA ICU =
      IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);

  @ParameterizedTest(name = "{0} encodes to {1}")
  @CsvSource({
    // RFC 3492 §7.1 (A), (B) and (L)
    "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F, egbpdaj6bu4bxfgehfvwxn",
    "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587, ihqwcrb4cv8a8dqg056pqjye",
    "3\u5E74B\u7D44\u91D1\u516B\u5148\u751F, 3B-ww4c5e180e575a65lsy2b",
    "bücher, bcher-kva",
    "münchen, mnchen-3ya",
    "straße, strae-oqa",
    "\uD83D\uDE00, e28h"
  })
  void encodesTheRfcsSamples(String label, String punycode) {
    assertEquals(punycode, Punycode.encode(label));
  }

  @Test
  @DisplayName("for all labels ICU encodes, the encoder gives ICU's ASCII form")
  void forAllLabelsIcuEncodesTheEncoderAgrees() {
    AtomicInteger compared = new AtomicInteger();
    qt().withExamples(5_000)
        .forAll(
            strings().betweenCodePoints(0x61, 0x7a).ofLengthBetween(0, 3),
            strings().betweenCodePoints(0xA0, 0x2FFF).ofLengthBetween(1, 6),
            strings().betweenCodePoints(0x3000, 0x1F9FF).ofLengthBetween(0, 4))
        .checkAssert(
            (ascii, low, high) -> {
              StringBuilder out = new StringBuilder();
              IDNA.Info info = new IDNA.Info();
              ICU.labelToASCII(ascii + low + high, out, info);
              String encoded = out.toString();
              if (info.hasErrors() || !encoded.startsWith("xn--")) {
                return; // not a label ICU encodes
              }
              StringBuilder decoded = new StringBuilder();
              ICU.labelToUnicode(encoded, decoded, new IDNA.Info());
              assertEquals(encoded, "xn--" + Punycode.encode(decoded.toString()));
              compared.incrementAndGet();
            });
    assertTrue(compared.get() >= 1_000, compared + " of 5,000 labels were ones ICU encodes");
  }
}
