package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationState;
import dev.entente.model.TenantId;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to search for (R-MGT-2): by display name (case-insensitive substring or prefix), and —
 * beyond what the Entra portal offers — by domain, tenant id, issuer and state. The criteria set
 * are all required to hold; a query with none matches every organization.
 *
 * <pre>{@code
 * OrganizationQuery.builder().nameContains("wood").state(OrganizationState.PROPOSED).build();
 * }</pre>
 *
 * <p>{@link #matches(ConnectedOrganization)} is the reference semantics: an in-memory store filters
 * with it, a SQL store translates it ({@code lower(display_name) LIKE ?}, a join on identity
 * sources), and the store contract checks results against it.
 */
public final class OrganizationQuery {
  /** Longest accepted name fragment, in characters. */
  public static final int MAX_NAME_LENGTH = 256;

  private static final OrganizationQuery ALL = new Builder().build();

  private final @Nullable String nameContains;
  private final @Nullable String namePrefix;
  private final @Nullable DomainName domain;
  private final @Nullable TenantId tenantId;
  private final @Nullable IssuerUri issuer;
  private final @Nullable OrganizationState state;

  private OrganizationQuery(Builder b) {
    this.nameContains = b.nameContains;
    this.namePrefix = b.namePrefix;
    this.domain = b.domain;
    this.tenantId = b.tenantId;
    this.issuer = b.issuer;
    this.state = b.state;
  }

  /** {@return every organization} */
  public static OrganizationQuery all() {
    return ALL;
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return true when {@code org} meets every criterion of this query}
   *
   * @param org the organization
   */
  public boolean matches(ConnectedOrganization org) {
    if (state != null && org.state() != state) {
      return false;
    }
    if (nameContains != null || namePrefix != null) {
      String name = org.displayName().toLowerCase(Locale.ROOT);
      if ((nameContains != null && !name.contains(nameContains))
          || (namePrefix != null && !name.startsWith(namePrefix))) {
        return false;
      }
    }
    if (domain == null && tenantId == null && issuer == null) {
      return true;
    }
    boolean domainSeen = domain == null;
    boolean tenantSeen = tenantId == null;
    boolean issuerSeen = issuer == null;
    for (IdentitySource source : org.identitySources()) {
      domainSeen |= domain != null && source.domain().filter(domain::equals).isPresent();
      switch (source.kind()) {
        case ENTRA_TENANT -> tenantSeen |= ((EntraTenant) source).tenantId().equals(tenantId);
        case FEDERATION -> issuerSeen |= ((Federation) source).issuerUri().equals(issuer);
        case EMAIL_DOMAIN, SOCIAL_PROVIDER -> {}
      }
    }
    return domainSeen && tenantSeen && issuerSeen;
  }

  /** {@return the lower-case fragment the display name must contain} */
  public Optional<String> nameContains() {
    return Optional.ofNullable(nameContains);
  }

  /** {@return the lower-case prefix the display name must start with} */
  public Optional<String> namePrefix() {
    return Optional.ofNullable(namePrefix);
  }

  /** {@return the domain an email-domain or federation source must hold} */
  public Optional<DomainName> domain() {
    return Optional.ofNullable(domain);
  }

  /** {@return the tenant an Entra source must hold, in any cloud} */
  public Optional<TenantId> tenantId() {
    return Optional.ofNullable(tenantId);
  }

  /** {@return the issuer a federation source must have} */
  public Optional<IssuerUri> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** {@return the state the organization must be in} */
  public Optional<OrganizationState> state() {
    return Optional.ofNullable(state);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("OrganizationQuery{");
    nameContains().ifPresent(v -> s.append("nameContains=").append(v).append(' '));
    namePrefix().ifPresent(v -> s.append("namePrefix=").append(v).append(' '));
    domain().ifPresent(v -> s.append("domain=").append(v).append(' '));
    tenantId().ifPresent(v -> s.append("tenantId=").append(v).append(' '));
    issuer().ifPresent(v -> s.append("issuer=").append(v).append(' '));
    state().ifPresent(v -> s.append("state=").append(v).append(' '));
    return s.toString().strip() + "}";
  }

  /** Builds {@link OrganizationQuery} values. */
  public static final class Builder {
    private @Nullable String nameContains;
    private @Nullable String namePrefix;
    private @Nullable DomainName domain;
    private @Nullable TenantId tenantId;
    private @Nullable IssuerUri issuer;
    private @Nullable OrganizationState state;

    private Builder() {}

    /**
     * Display names containing {@code fragment}, ignoring case.
     *
     * @param fragment text the display name contains
     * @return this builder
     * @throws ValidationException on field {@code nameContains} for an empty or overlong fragment,
     *     or one holding a control character or a lone surrogate, which no display name holds
     */
    public Builder nameContains(String fragment) {
      this.nameContains = fragment(fragment, "nameContains");
      return this;
    }

    /**
     * Display names starting with {@code prefix}, ignoring case.
     *
     * @param prefix the prefix
     * @return this builder
     * @throws ValidationException on field {@code namePrefix} for an empty or overlong prefix, or
     *     one holding a control character or a lone surrogate, which no display name holds
     */
    public Builder namePrefix(String prefix) {
      this.namePrefix = fragment(prefix, "namePrefix");
      return this;
    }

    /**
     * Organizations with an email-domain or federation source for {@code domain}.
     *
     * @param domain the domain
     * @return this builder
     */
    public Builder domain(DomainName domain) {
      this.domain = requireNonNull(domain, "domain");
      return this;
    }

    /**
     * Organizations with an Entra source for {@code tenantId}, in any cloud.
     *
     * @param tenantId the tenant id
     * @return this builder
     */
    public Builder tenantId(TenantId tenantId) {
      this.tenantId = requireNonNull(tenantId, "tenantId");
      return this;
    }

    /**
     * Organizations with a federation source through {@code issuer}.
     *
     * @param issuer the issuer
     * @return this builder
     */
    public Builder issuer(IssuerUri issuer) {
      this.issuer = requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Organizations in {@code state}.
     *
     * @param state the state
     * @return this builder
     */
    public Builder state(OrganizationState state) {
      this.state = requireNonNull(state, "state");
      return this;
    }

    /**
     * The query.
     *
     * @return the query, with every filter set so far
     */
    public OrganizationQuery build() {
      return new OrganizationQuery(this);
    }

    private static final String FRAGMENT_ACCEPTS =
        "1 to "
            + MAX_NAME_LENGTH
            + " characters of a display name: no control characters or lone surrogates";

    private static String fragment(String value, String field) {
      requireNonNull(value, field);
      String trimmed = value.length() > 4 * MAX_NAME_LENGTH ? value : value.strip();
      if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
        throw new ValidationException(field, value, "is empty or too long", FRAGMENT_ACCEPTS);
      }
      for (int i = 0; i < trimmed.length(); i++) {
        char c = trimmed.charAt(i);
        boolean lone =
            Character.isHighSurrogate(c)
                ? i + 1 == trimmed.length() || !Character.isLowSurrogate(trimmed.charAt(++i))
                : Character.isLowSurrogate(c);
        if (Character.isISOControl(c) || lone) {
          throw new ValidationException(
              field,
              value,
              String.format(Locale.ROOT, "holds U+%04X, which no display name holds", (int) c),
              FRAGMENT_ACCEPTS);
        }
      }
      return trimmed.toLowerCase(Locale.ROOT);
    }
  }
}
