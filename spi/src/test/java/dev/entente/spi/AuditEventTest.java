package dev.entente.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AuditEvent holds a time the model and a store both hold (R-LOG-1)")
class AuditEventTest {
  private static AuditEvent at(Instant at) {
    return new AuditEvent(
        AuditEvent.Kind.DELETED,
        OrganizationId.of("org-1"),
        Actor.system(),
        at,
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  @DisplayName("an event time outside years 1 to 9999 is refused, naming the field at (R-LOG-1)")
  void anEventTimeOutsideYears1To9999IsRefused() {
    for (Instant bad :
        new Instant[] {
          Instant.MIN,
          ConnectedOrganization.EARLIEST.minusNanos(1),
          Instant.parse("+10000-01-01T00:00:00Z")
        }) {
      assertEquals("at", assertThrows(ValidationException.class, () -> at(bad)).field());
    }
    assertEquals(ConnectedOrganization.EARLIEST, at(ConnectedOrganization.EARLIEST).at());
    assertEquals(ConnectedOrganization.LATEST, at(ConnectedOrganization.LATEST).at());
  }
}
