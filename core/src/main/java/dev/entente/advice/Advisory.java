package dev.entente.advice;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.entente.model.OrganizationId;
import java.util.List;

/**
 * One advisory (docs/rules.md §5): what it is about, which organization, which policies are
 * involved, and a sentence for a person.
 *
 * @param code the kind of advisory
 * @param organizationId the organization it concerns
 * @param organizationName its display name, for display
 * @param policyIds the policies involved, if any
 * @param message a sentence saying what is wrong and what to do
 */
public record Advisory(
    AdvisoryCode code,
    OrganizationId organizationId,
    String organizationName,
    List<String> policyIds,
    String message) {
  /**
   * Checks the components: none may be null.
   *
   * @param code the kind of advisory
   * @param organizationId the organization it concerns
   * @param organizationName its display name, for display
   * @param policyIds the policies involved, if any
   * @param message a sentence saying what is wrong and what to do
   */
  public Advisory {
    requireNonNull(code, "code");
    requireNonNull(organizationId, "organizationId");
    requireNonNull(organizationName, "organizationName");
    policyIds = ImmutableList.copyOf(policyIds);
    requireNonNull(message, "message");
  }
}
