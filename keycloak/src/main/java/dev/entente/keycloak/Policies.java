package dev.entente.keycloak;

import com.google.common.base.Splitter;
import dev.entente.access.Policy;
import dev.entente.access.RequestorScope;
import dev.entente.errors.ValidationException;
import dev.entente.model.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.ClientModel;

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

  /** The client attribute naming the client's policy, over the server's default. */
  static final String CLIENT_ATTRIBUTE = "entente.policy";

  private Policies() {}

  /**
   * The policy {@code client}'s sign-ins are decided under: its attribute {@value
   * #CLIENT_ATTRIBUTE}, else {@code dflt}.
   *
   * @throws ValidationException on the attribute when it names no policy
   */
  static Policy of(@Nullable ClientModel client, Policy dflt) {
    String own = client == null ? null : client.getAttribute(CLIENT_ATTRIBUTE);
    if (client == null || own == null || own.isBlank()) {
      return dflt;
    }
    return parse("client " + client.getClientId() + " attribute " + CLIENT_ATTRIBUTE, own);
  }

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
