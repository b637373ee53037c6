package dev.entente.spi;

import dev.entente.model.ConnectedOrganization;
import java.util.List;

/**
 * A host's check that refuses deleting an organization still in use (R-MGT-5), for instance one
 * named by an access package assignment policy.
 */
@FunctionalInterface
public interface DeleteGuard {
  /** No check: every delete may go ahead. */
  DeleteGuard NONE = organization -> List.of();

  /**
   * {@return what still refers to {@code organization}, such as {@code "policy partners-2026"};
   * empty when it may be deleted}
   *
   * @param organization the organization
   */
  List<String> referencesTo(ConnectedOrganization organization);
}
