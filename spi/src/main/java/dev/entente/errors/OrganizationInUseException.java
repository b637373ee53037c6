package dev.entente.errors;

import dev.entente.model.OrganizationId;
import java.util.List;

/**
 * A delete was refused by the host's {@link dev.entente.spi.DeleteGuard}: the organization is still
 * referenced, by the references named (R-MGT-5). Nothing was written.
 */
public final class OrganizationInUseException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The organization still referenced, as its id's text. */
  private final String id;

  /** What still refers to the organization, as the guard named it. */
  @SuppressWarnings("serial") // List.copyOf makes a serializable list
  private final List<String> references;

  /**
   * A refusal naming what still refers to the organization.
   *
   * @param id the id
   * @param references the references
   */
  public OrganizationInUseException(OrganizationId id, List<String> references) {
    super(
        "The connected organization "
            + id
            + " is still referenced by "
            + ValidationException.render(references)
            + "; remove those references first. Nothing was deleted (R-MGT-5).");
    this.id = id.toString();
    this.references = List.copyOf(references);
  }

  /**
   * The organization's id.
   *
   * @return the id
   */
  public OrganizationId id() {
    return OrganizationId.of(id);
  }

  /** {@return what still refers to the organization, as the guard named it} */
  public List<String> references() {
    return references;
  }
}
