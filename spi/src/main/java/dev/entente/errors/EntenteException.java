package dev.entente.errors;

/**
 * The root of every error Entente throws on purpose. Catch a subtype to act on one kind of failure:
 * {@link ValidationException} for a value that was refused.
 */
public abstract class EntenteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected EntenteException(String message) {
    super(message);
  }

  protected EntenteException(String message, Throwable cause) {
    super(message, cause);
  }
}
