package dev.entente.spring;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Entente's exceptions as RFC 9457 problem details, for controllers of Spring MVC or WebFlux
 * (R-EMB-2): invalid input 400, an organization not found 404, a conflict 409 (an identity source
 * another organization holds, a stale version, a duplicate id, an organization in use, a stale
 * decision), a failing port or Entra 503; anything else 500. Each answer says what Entente said,
 * with the fields a client acts on: {@code code} (the exception's kind), and {@code field}, {@code
 * rejectedValue} and {@code accepted} of a validation, {@code holder} of a conflict, {@code
 * currentVersion} of a stale version. A port's failure says only which port failed: its cause (a
 * database's message) is logged, never sent.
 *
 * <p>Auto-configured in a web application unless {@code entente.web.problem-details=false}; it
 * answers after the application's own handlers ({@link Ordered#LOWEST_PRECEDENCE}).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class EntenteProblemDetails {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteProblemDetails.class);

  /** Made by the starter, or by an application that registers it itself. */
  public EntenteProblemDetails() {}

  /**
   * The answer to {@code failure}.
   *
   * @param failure what Entente threw
   * @return the problem detail, with its status
   */
  @ExceptionHandler(EntenteException.class)
  public ResponseEntity<ProblemDetail> handle(EntenteException failure) {
    ProblemDetail problem = problemOf(failure);
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  /**
   * The problem detail of {@code failure}, for an application's own handler.
   *
   * @param failure what Entente threw
   * @return its problem detail
   */
  public static ProblemDetail problemOf(EntenteException failure) {
    HttpStatus status = statusOf(failure);
    ProblemDetail problem;
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      String port = failure instanceof PortFailureException p ? p.port() : "Microsoft Entra";
      LOG.warn("{} failed; answered 503", port, failure);
      problem = ProblemDetail.forStatusAndDetail(status, port + " failed; try again later");
    } else {
      problem = ProblemDetail.forStatusAndDetail(status, failure.getMessage());
    }
    problem.setProperty("code", codeOf(failure));
    if (failure instanceof ValidationException invalid) {
      problem.setProperty("field", invalid.field());
      problem.setProperty("rejectedValue", invalid.rejectedValue());
      problem.setProperty("accepted", invalid.accepted());
    } else if (failure instanceof IdentitySourceConflictException conflict) {
      problem.setProperty("identitySource", conflict.key().toString());
      problem.setProperty("holder", conflict.holder().toString());
    } else if (failure instanceof StaleVersionException stale) {
      problem.setProperty("currentVersion", stale.actual().value());
    }
    return problem;
  }

  /** {@return the status of {@code failure}} */
  static HttpStatus statusOf(EntenteException failure) {
    if (failure instanceof ValidationException
        || failure instanceof MissingFieldException
        || failure.getClass().getName().equals("dev.entente.graph.GraphFormatException")) {
      return HttpStatus.BAD_REQUEST;
    }
    if (failure instanceof OrganizationNotFoundException) {
      return HttpStatus.NOT_FOUND;
    }
    if (failure instanceof IdentitySourceConflictException
        || failure instanceof StaleVersionException
        || failure instanceof DuplicateOrganizationException
        || failure instanceof OrganizationInUseException
        || failure instanceof StaleDecisionException) {
      return HttpStatus.CONFLICT;
    }
    if (failure instanceof PortFailureException
        || failure.getClass().getName().equals("dev.entente.entra.EntraException")) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  /** {@code IdentitySourceConflict} for an {@code IdentitySourceConflictException}, and so on. */
  private static String codeOf(EntenteException failure) {
    String name = failure.getClass().getSimpleName();
    return name.endsWith("Exception")
        ? name.substring(0, name.length() - "Exception".length())
        : name;
  }
}
