package dev.entente.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("OrganizationQuery refuses, when built, what no display name holds (R-MGT-1)")
class OrganizationQueryTest {
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"a\u0000b", "tab\there", "bell\u0007", "a\uD800b", "a\uDC00b", "z\uD83C"})
  @DisplayName(
      "a name fragment holding a control character or a lone surrogate is refused when the query"
          + " is built, naming the field, not by the store later (R-MGT-1)")
  void aFragmentWithAControlCharacterOrLoneSurrogateIsRefusedWhenBuilt(String fragment) {
    ValidationException contains =
        assertThrows(
            ValidationException.class, () -> OrganizationQuery.builder().nameContains(fragment));
    assertEquals("nameContains", contains.field());
    assertTrue(contains.accepted().contains("no control characters"), contains.accepted());
    ValidationException prefix =
        assertThrows(
            ValidationException.class, () -> OrganizationQuery.builder().namePrefix(fragment));
    assertEquals("namePrefix", prefix.field());
  }

  @Test
  @DisplayName("a fragment with paired surrogates, accents and punctuation is accepted (R-MGT-1)")
  void aFragmentWithPairedSurrogatesIsAccepted() {
    OrganizationQuery q =
        OrganizationQuery.builder().nameContains("Café \uD83C\uDF0D 50% _x_").build();
    assertEquals("café \uD83C\uDF0D 50% _x_", q.nameContains().orElseThrow());
  }
}
