package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.EntenteException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call to Entra that failed: which request ({@code GET https://graph.microsoft.com/v1.0/…}), why
 * (a {@link Reason}), and what Graph said (its status and error code). It never carries a token or
 * a secret.
 */
public final class EntraException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Reason {
    /** No token could be had from the {@link AccessTokens} port. */
    TOKEN,
    /** Graph refused the token twice (401), or refused access (403): a permission is missing. */
    UNAUTHORIZED,
    /** Still throttled (429) when the retry budget ran out. */
    THROTTLED,
    /** Still unavailable (503, 504) or unreachable when the retry budget ran out. */
    UNAVAILABLE,
    /** Graph refused the request (another 4xx, or 500): retrying would not help. */
    REFUSED,
    /** What Graph answered cannot be read. */
    MALFORMED,
    /** A URL off the service root: no token is sent there. */
    OFF_SERVICE_ROOT,
    /** The waiting thread was interrupted; its interrupt flag is set again. */
    INTERRUPTED
  }

  /** Why the call failed. */
  private final Reason reason;

  /** The request, as method and URL. */
  private final String request;

  /** The HTTP status of the last answer, or 0. */
  private final int status;

  /** Graph's error code, if it gave one. */
  private final @Nullable String code;

  EntraException(
      Reason reason,
      String request,
      int status,
      @Nullable String code,
      String message,
      @Nullable Throwable cause) {
    super(request + ": " + message, cause);
    this.reason = requireNonNull(reason, "reason");
    this.request = request;
    this.status = status;
    this.code = code;
  }

  /** {@return why it failed} */
  public Reason reason() {
    return reason;
  }

  /** {@return the request, as method and URL} */
  public String request() {
    return request;
  }

  /** {@return the HTTP status of the last answer, or 0 when there was none} */
  public int status() {
    return status;
  }

  /** {@return Graph's error code, such as {@code Request_ResourceNotFound}, when it gave one} */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }
}
