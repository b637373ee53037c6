package dev.entente.keycloak;

import com.google.common.base.Splitter;
import dev.entente.access.Policy;
import dev.entente.access.RequestorScope;
import dev.entente.errors.ValidationException;
import dev.entente.model.OrganizationId;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy a client's sign-ins are decided under, named in configuration (R-POL-1): {@code
 * all-configured} (users of configured connected organizations), {@code all-external} (any external
 * user who authenticated and is not blocked) or {@code organizations:ID[,ID…]} (users of those
 * organizations, configured or proposed).
 */
final class Policies {
  static final String ACCEPTS =
      "all-configured, all-external, or organizations: followed by organization ids separated by"
          + " commas";

  /** Items of a list separated by commas, trimmed, empty ones dropped. */
  static final Splitter LIST = Splitter.on(',').trimResults().omitEmptyStrings();

  private Policies() {}

  /**
   * The policy {@code spec} names.
   *
   * @param field where the spec was read, for the error
   * @throws ValidationException on {@code field} for any other spec
   */
  static Policy parse(String field, String spec) {
    String s = spec.strip();
    if (s.equals("all-configured")) {
      return Policy.withoutApproval(s, RequestorScope.allConfiguredConnectedOrganizations());
    }
    if (s.equals("all-external")) {
      return Policy.withoutApproval(s, RequestorScope.allExternalUsers());
    }
    if (s.startsWith("organizations:")) {
      List<OrganizationId> ids = new ArrayList<>();
      for (String id : LIST.split(s.substring("organizations:".length()))) {
        try {
          ids.add(OrganizationId.of(id));
        } catch (ValidationException e) {
          throw new ValidationException(
              field, spec, "names " + e.rejectedValue() + ", which " + e.problem(), ACCEPTS);
        }
      }
      if (!ids.isEmpty()) {
        return Policy.withoutApproval(
            "organizations", RequestorScope.specificConnectedOrganizations(ids));
      }
    }
    throw new ValidationException(field, spec, "is no policy", ACCEPTS);
  }
}
