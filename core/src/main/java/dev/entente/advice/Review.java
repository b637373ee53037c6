package dev.entente.advice;

import static java.util.Objects.requireNonNull;

import dev.entente.access.Policy;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EmailDomain;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review of organizations that are not in a store yet — a Graph export, several pages of one,
 * another product's list — before they are imported (docs/rules.md §5): what {@code entente lint}
 * prints, for a host to run itself.
 *
 * <p>Beside every advisory of {@link Advisories} (R-LINT-1 to R-LINT-4), it finds what only a
 * collection can show: an id given twice ({@link AdvisoryCode#DUPLICATE_ID}), an identity source
 * two organizations claim ({@link AdvisoryCode#IDENTITY_SOURCE_CONFLICT}, R-SRC-2), and a proposed
 * email-domain organization for a domain that a configured organization's tenant verifies ({@link
 * AdvisoryCode#PROPOSED_SHADOWS_TENANT}, R-DEC-2). Of two entries with one id, or two that claim
 * one source, the first is reviewed and the second is the finding. Pure: nothing is written, and
 * the directory is asked only about proposed email-domain organizations.
 *
 * <pre>{@code
 * List<Review.Entry> entries = List.of(new Review.Entry("export.json#/value/0", contoso), ...);
 * for (Review.Finding f : Review.of(entries, policies, directory)) {
 *   System.out.println(f.advisory().code() + " at " + f.entry().origin() + ": " + f.advisory().message());
 * }
 * }</pre>
 */
public final class Review {
  private Review() {}

  /**
   * One organization under review and where its source has it.
   *
   * @param origin where the source has it: a file and JSON pointer, a line number
   * @param organization the organization
   */
  public record Entry(String origin, ConnectedOrganization organization) {
    /**
     * Checks the components: none may be null.
     *
     * @param origin where the source has it
     * @param organization the organization
     */
    public Entry {
      requireNonNull(origin, "origin");
      requireNonNull(organization, "organization");
    }
  }

  /**
   * One thing to review: the advisory, and the entry it is about.
   *
   * @param entry the entry the advisory is about
   * @param advisory what is wrong and what to do
   */
  public record Finding(Entry entry, Advisory advisory) {
    /**
     * Checks the components: none may be null.
     *
     * @param entry the entry the advisory is about
     * @param advisory what is wrong and what to do
     */
    public Finding {
      requireNonNull(entry, "entry");
      requireNonNull(advisory, "advisory");
    }
  }

  /**
   * {@return everything to review in {@code entries}}, in the entries' order, each entry's findings
   * in the order of {@link AdvisoryCode}
   *
   * @param entries the organizations, in their source's order
   * @param policies the host's policies, for R-LINT-1 and R-LINT-4
   * @param directory the tenants behind domains, for R-DEC-2
   * @throws dev.entente.errors.PortFailureException when the directory fails
   */
  public static List<Finding> of(
      List<Entry> entries, List<Policy> policies, DirectoryLookup directory) {
    requireNonNull(entries, "entries");
    requireNonNull(policies, "policies");
    requireNonNull(directory, "directory");
    List<Finding> findings = new ArrayList<>();
    Map<OrganizationId, Entry> ids = new LinkedHashMap<>();
    Map<IdentitySourceKey, Entry> holders = new HashMap<>();
    for (Entry e : entries) {
      ConnectedOrganization org = e.organization();
      Entry sameId = ids.get(org.id());
      if (sameId != null) {
        findings.add(
            finding(
                AdvisoryCode.DUPLICATE_ID,
                e,
                "has the id of "
                    + sameId.organization().displayName()
                    + " at "
                    + sameId.origin()
                    + "; keep one of them"));
        continue;
      }
      Entry clash = null;
      IdentitySourceKey contested = null;
      for (IdentitySource source : org.identitySources()) {
        clash = holders.get(source.key());
        if (clash != null) {
          contested = source.key();
          break;
        }
      }
      if (clash != null) {
        findings.add(
            finding(
                AdvisoryCode.IDENTITY_SOURCE_CONFLICT,
                e,
                contested
                    + " is also claimed by "
                    + clash.organization().displayName()
                    + " ("
                    + clash.organization().id()
                    + ") at "
                    + clash.origin()
                    + "; a requestor can belong to one organization only (R-SRC-2): remove it"
                    + " from one of them"));
        continue;
      }
      ids.put(org.id(), e);
      org.identitySources().forEach(s -> holders.put(s.key(), e));
    }

    List<ConnectedOrganization> reviewed = ids.values().stream().map(Entry::organization).toList();
    for (Advisory a : Advisories.review(reviewed, policies)) {
      findings.add(new Finding(requireNonNull(ids.get(a.organizationId())), a));
    }
    for (Entry e : ids.values()) {
      for (Advisory a : Advisories.previewConfiguring(e.organization(), policies)) {
        findings.add(new Finding(e, a));
      }
      shadowing(e, holders, directory, findings);
    }

    // In the entries' order, each entry's findings by code.
    IdentityHashMap<Entry, Integer> order = new IdentityHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      order.putIfAbsent(entries.get(i), i);
    }
    findings.sort(
        Comparator.comparingInt((Finding f) -> requireNonNull(order.get(f.entry())))
            .thenComparing(f -> f.advisory().code()));
    return List.copyOf(findings);
  }

  /** R-DEC-2: a proposed email-domain organization for a domain a configured tenant verifies. */
  private static void shadowing(
      Entry e,
      Map<IdentitySourceKey, Entry> holders,
      DirectoryLookup directory,
      List<Finding> findings) {
    ConnectedOrganization org = e.organization();
    if (org.state() != OrganizationState.PROPOSED) {
      return;
    }
    for (IdentitySource source : org.identitySources()) {
      if (source instanceof EmailDomain domain
          && directory.resolve(domain.domainName()) instanceof DomainResolution.Tenant tenant) {
        Entry holder = holders.get(IdentitySourceKey.tenant(tenant.cloud(), tenant.tenantId()));
        if (holder != null && holder.organization().state() == OrganizationState.CONFIGURED) {
          findings.add(
              finding(
                  AdvisoryCode.PROPOSED_SHADOWS_TENANT,
                  e,
                  "proposes "
                      + domain.domainName()
                      + ", a domain of "
                      + holder.organization().displayName()
                      + "'s tenant ("
                      + holder.organization().id()
                      + "): its users signed in with personal accounts; ask them to sign in"
                      + " with their organization account, then remove this organization"
                      + " (R-DEC-2)"));
        }
      }
    }
  }

  private static Finding finding(AdvisoryCode code, Entry e, String message) {
    ConnectedOrganization org = e.organization();
    return new Finding(e, new Advisory(code, org.id(), org.displayName(), List.of(), message));
  }
}
