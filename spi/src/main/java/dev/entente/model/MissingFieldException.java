package dev.entente.model;

import com.google.common.collect.ImmutableList;

/**
 * A builder was asked to build before every required field was set. It names the missing fields;
 * nothing was built.
 */
public final class MissingFieldException extends EntenteException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // ImmutableList is serializable
  private final ImmutableList<String> fields;

  /**
   * A refusal naming the missing fields.
   *
   * @param fields the names of the required fields that were not set
   */
  public MissingFieldException(String... fields) {
    super("Cannot build: the required field" + (fields.length == 1 ? " " : "s ") + String.join(", ", fields)
        + (fields.length == 1 ? " is" : " are") + " not set; set " + (fields.length == 1 ? "it" : "them")
        + " on the builder before build().");
    this.fields = ImmutableList.copyOf(fields);
  }

  /** The required fields that were not set. */
  public ImmutableList<String> fields() {
    return fields;
  }
}
