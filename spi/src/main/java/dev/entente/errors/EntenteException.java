package dev.entente.errors;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error Entente throws on purpose. Catch a subtype to act on one kind of failure:
 * {@link ValidationException} for a value that was refused, {@link IdentitySourceConflictException}
 * for a key another organization holds, {@link StaleVersionException} for a write based on an old
 * version, {@link PortFailureException} for a host port that failed. Every one is serializable and
 * says in its message what happened and whether anything was written.
 */
public abstract class EntenteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message.
   *
   * @param message what happened, as sentences
   */
  protected EntenteException(String message) {
    super(message);
  }

  /**
   * An error with a message and the error that caused it.
   *
   * @param message what happened, as sentences
   * @param cause the underlying error, or null
   */
  protected EntenteException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
