package dev.entente.access;

import com.google.common.collect.ImmutableSet;
import dev.entente.errors.ValidationException;
import dev.entente.model.DomainName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The host's B2B collaboration restrictions (R-MAT-3): none, an allow list or a deny list of
 * domains, never both. A requestor whose email domain is blocked is refused before any policy is
 * considered, even when an organization matches.
 *
 * <p>An entry is an exact domain ({@code contoso.com}: that domain only) or {@code *.domain} (any
 * subdomain of it, not the domain itself). Entries are canonicalised as {@link DomainName} does, so
 * case, trailing dots, full-width stops and Unicode or punycode spellings cannot slip past a list.
 *
 * <p>Which domains are checked, failing closed: every domain the requestor claims — the email's,
 * verified or not, and for a federated sign-in the federated domain. A deny list blocks a requestor
 * when any of them is listed. An allow list passes a requestor only when every claimed domain is
 * allowed <em>and</em> at least one of them is proven (a verified email or the federated domain):
 * unverified data may refuse, never grant (R-REQ-1).
 */
public final class CollaborationRestrictions {
  /** Most entries one list may hold. */
  public static final int MAX_ENTRIES = 25_000;

  /** What kind of list. */
  public enum Kind {
    /** No restriction. */
    NONE,
    /** Only the listed domains may collaborate. */
    ALLOW,
    /** Every domain but the listed ones may collaborate. */
    DENY
  }

  private static final CollaborationRestrictions NONE =
      new CollaborationRestrictions(Kind.NONE, ImmutableSet.of(), ImmutableSet.of());

  private final Kind kind;
  private final ImmutableSet<String> exact;
  private final ImmutableSet<String> anySubdomainOf;

  private CollaborationRestrictions(
      Kind kind, ImmutableSet<String> exact, ImmutableSet<String> anySubdomainOf) {
    this.kind = kind;
    this.exact = exact;
    this.anySubdomainOf = anySubdomainOf;
  }

  /** {@return no restriction: every domain may collaborate} */
  public static CollaborationRestrictions none() {
    return NONE;
  }

  /**
   * Only these domains may collaborate.
   *
   * @param entries the entries
   * @return the collaboration restrictions
   * @throws ValidationException on field {@code allowList[i]} for an entry that is not a domain or
   *     {@code *.domain}, or on {@code allowList} for more than {@value #MAX_ENTRIES} entries
   */
  public static CollaborationRestrictions allow(Collection<String> entries) {
    return of(Kind.ALLOW, "allowList", entries);
  }

  /**
   * {@return every domain but these may collaborate}
   *
   * @param entries the entries
   * @throws ValidationException on field {@code denyList[i]} for an entry that is not a domain or
   *     {@code *.domain}, or on {@code denyList} for more than {@value #MAX_ENTRIES} entries
   */
  public static CollaborationRestrictions deny(Collection<String> entries) {
    return of(Kind.DENY, "denyList", entries);
  }

  private static CollaborationRestrictions of(Kind kind, String field, Collection<String> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw new ValidationException(
          field,
          entries.size() + " entries",
          "holds too many",
          "at most " + MAX_ENTRIES + " entries");
    }
    ImmutableSet.Builder<String> exact = ImmutableSet.builder();
    ImmutableSet.Builder<String> wildcard = ImmutableSet.builder();
    int i = 0;
    for (String entry : entries) {
      String here = field + "[" + i++ + "]";
      String trimmed =
          entry.length() > 2 * DomainName.MAX_LENGTH
              ? entry
              : EmailAddress.trimSpaces(entry); // DomainName refuses it unread
      boolean isWildcard = trimmed.startsWith("*.");
      try {
        DomainName name = DomainName.of(isWildcard ? trimmed.substring(2) : trimmed);
        (isWildcard ? wildcard : exact).add(name.ascii());
      } catch (ValidationException e) {
        throw e.within(here);
      }
    }
    return new CollaborationRestrictions(kind, exact.build(), wildcard.build());
  }

  /** {@return none, allow or deny} */
  public Kind kind() {
    return kind;
  }

  /** {@return the entries, canonical, exact ones first then the {@code *.domain} ones} */
  public List<String> entries() {
    List<String> out = new ArrayList<>(exact.size() + anySubdomainOf.size());
    out.addAll(exact);
    anySubdomainOf.forEach(d -> out.add("*." + d));
    return out;
  }

  /**
   * {@return true when the list names {@code domain}, exactly or through a {@code *.} entry above
   * it}
   *
   * @param domain the domain
   */
  public boolean lists(DomainName domain) {
    String ascii = domain.ascii();
    if (exact.contains(ascii)) {
      return true;
    }
    if (anySubdomainOf.isEmpty()) {
      return false;
    }
    for (int dot = ascii.indexOf('.'); dot >= 0; dot = ascii.indexOf('.', dot + 1)) {
      if (anySubdomainOf.contains(ascii.substring(dot + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return whether a requestor from {@code domain} may collaborate, ignoring other domains they
   * have}
   *
   * @param domain the domain
   */
  public boolean permits(DomainName domain) {
    return switch (kind) {
      case ALLOW -> lists(domain);
      case DENY -> !lists(domain);
      case NONE -> true;
    };
  }

  /**
   * {@return why {@code requestor} is blocked, if they are: the first claimed domain the list
   * refuses, or, for an allow list and a requestor with no verified email and no federated domain,
   * a block without a domain}
   *
   * @param requestor the requestor
   */
  public Optional<Block> blocks(Requestor requestor) {
    DomainName refused = refusedDomain(requestor);
    if (refused != null) {
      return Optional.of(new Block(kind, Optional.of(refused)));
    }
    return lacksProvenDomain(requestor)
        ? Optional.of(new Block(kind, Optional.empty()))
        : Optional.empty();
  }

  /**
   * The first domain the requestor claims that this list refuses, or null (R-MAT-3). Claimed
   * domains are the email's, verified or not, and the federated domain: unverified data may refuse,
   * never grant.
   */
  @Nullable DomainName refusedDomain(Requestor requestor) {
    if (kind == Kind.NONE) {
      return null;
    }
    EmailAddress email = requestor.emailOrNull();
    if (email != null && !permits(email.domain())) {
      return email.domain();
    }
    if (requestor.signIn() instanceof SignIn.Federated federated && !permits(federated.domain())) {
      return federated.domain();
    }
    return null;
  }

  /**
   * True when this is an allow list and the requestor has no domain it could pass on: no verified
   * email and no federated domain (R-MAT-3, fail closed).
   */
  boolean lacksProvenDomain(Requestor requestor) {
    return kind == Kind.ALLOW
        && requestor.verifiedEmailOrNull() == null
        && !(requestor.signIn() instanceof SignIn.Federated);
  }

  /**
   * Why a requestor was blocked.
   *
   * @param list the kind of list that blocked them
   * @param domain the domain that was refused; empty when an allow list met a requestor with no
   *     verified domain to check
   */
  public record Block(Kind list, Optional<DomainName> domain) {}

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CollaborationRestrictions other
        && kind == other.kind
        && exact.equals(other.exact)
        && anySubdomainOf.equals(other.anySubdomainOf);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + exact.hashCode() * 17 + anySubdomainOf.hashCode();
  }

  @Override
  public String toString() {
    return kind == Kind.NONE
        ? "no collaboration restrictions"
        : kind.name().toLowerCase(java.util.Locale.ROOT) + " list " + entries();
  }
}
