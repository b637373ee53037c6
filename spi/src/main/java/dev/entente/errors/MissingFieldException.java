package dev.entente.errors;

import java.util.List;

/**
 * A builder was asked to build before every required field was set. It names the missing fields;
 * nothing was built.
 */
public final class MissingFieldException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The required fields that were not set. */
  @SuppressWarnings("serial") // List.of makes a serializable list
  private final List<String> fields;

  /**
   * A refusal naming the missing fields.
   *
   * @param fields the names of the required fields that were not set
   */
  public MissingFieldException(String... fields) {
    super(
        "Cannot build: the required field"
            + (fields.length == 1 ? " " : "s ")
            + String.join(", ", fields)
            + (fields.length == 1 ? " is" : " are")
            + " not set; set "
            + (fields.length == 1 ? "it" : "them")
            + " on the builder before build().");
    this.fields = List.of(fields);
  }

  /** {@return the required fields that were not set} */
  public List<String> fields() {
    return fields;
  }
}
