package dev.entente.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.EntenteException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.MissingFieldException;
import dev.entente.errors.OrganizationInUseException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleDecisionException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Every exception of Entente's answers with the status its meaning has (R-EMB-2). */
@DisplayName("Entente's exceptions as problem details (R-EMB-2)")
class EntenteProblemDetailsTest {
  private static final OrganizationId ID =
      OrganizationId.of("7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d");

  @Test
  @DisplayName(
      "R-EMB-2: a conflict is 409, invalid input 400, not found 404, a port's failure 503, never"
          + " an internal error")
  void everyExceptionHasItsStatus() {
    Map<EntenteException, Integer> expected =
        Map.of(
            new ValidationException("domain", "co.uk", "is a public suffix", "a domain"),
            400,
            new MissingFieldException("displayName"),
            400,
            new OrganizationNotFoundException(ID),
            404,
            new IdentitySourceConflictException(
                EmailDomain.of(DomainName.of("contoso.com")).key(), ID, "Contoso"),
            409,
            new StaleVersionException(ID, Version.initial(), Version.initial().next()),
            409,
            new DuplicateOrganizationException(ID),
            409,
            new OrganizationInUseException(ID, List.of("access package 7")),
            409,
            new StaleDecisionException("the organization was deleted"),
            409,
            new PortFailureException("OrganizationStore.create", new SQLException("secret host")),
            503);
    expected.forEach(
        (failure, status) -> {
          ProblemDetail problem = EntenteProblemDetails.problemOf(failure);
          assertEquals(status, problem.getStatus(), failure.getClass().getSimpleName());
          assertEquals(
              failure.getClass().getSimpleName().replace("Exception", ""),
              problem.getProperties().get("code"));
        });
  }

  @Test
  @DisplayName("R-EMB-2: a port's failure names the port, never its cause's text")
  void aPortFailureSaysNoMoreThanThePort() {
    ProblemDetail problem =
        EntenteProblemDetails.problemOf(
            new PortFailureException(
                "OrganizationStore.create", new SQLException("password=hunter2 at db.internal")));
    assertEquals("OrganizationStore.create failed; try again later", problem.getDetail());
    assertFalse(String.valueOf(problem).contains("hunter2"));
  }

  @Test
  @DisplayName("R-EMB-2: a validation says the field, the value and what is accepted")
  void aValidationSaysWhatIsAccepted() {
    ProblemDetail problem =
        EntenteProblemDetails.problemOf(
            new ValidationException(
                "domain", "co.uk", "is a public suffix", "a registrable domain"));
    assertEquals("domain", problem.getProperties().get("field"));
    assertEquals("co.uk", problem.getProperties().get("rejectedValue"));
    assertEquals("a registrable domain", problem.getProperties().get("accepted"));
  }
}
