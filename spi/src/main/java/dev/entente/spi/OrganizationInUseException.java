package dev.entente.spi;

import com.google.common.collect.ImmutableList;
import dev.entente.model.EntenteException;
import dev.entente.model.OrganizationId;
import java.util.List;

/**
 * A delete was refused by the host's {@link DeleteGuard}: the organization is still referenced, by
 * the references named (R-MGT-5). Nothing was written.
 */
public final class OrganizationInUseException extends EntenteException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial")
  private final OrganizationId id;
  @SuppressWarnings("serial")
  private final ImmutableList<String> references;

  /** A refusal naming what still refers to the organization. */
  public OrganizationInUseException(OrganizationId id, List<String> references) {
    super("The connected organization " + id + " is still referenced by " + String.join(", ", references)
        + "; remove those references first. Nothing was deleted (R-MGT-5).");
    this.id = id;
    this.references = ImmutableList.copyOf(references);
  }

  public OrganizationId id() {
    return id;
  }

  /** What still refers to the organization, as the guard named it. */
  public ImmutableList<String> references() {
    return references;
  }
}
