package dev.entente.access;

import com.google.common.collect.ImmutableSet;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Someone asking for access (R-REQ-1): how they {@linkplain #signIn() signed in}, the email address
 * they presented and whether it was verified, and their directory object id if they already have
 * one (a returning guest).
 *
 * <p>An email address that was not verified never grants anything: it does not match an
 * email-domain source, does not pass an allow list and is not the domain of a proposed
 * organization. It may refuse: a deny list applies to it, and an allow list that does not name its
 * domain refuses the requestor (R-REQ-1, R-MAT-3).
 *
 * <pre>{@code
 * Requestor.entraUser(tenantId, Cloud.GLOBAL).withVerifiedEmail(EmailAddress.of("ana@contoso.com"));
 * Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true);
 * }</pre>
 */
public final class Requestor {
  private final SignIn signIn;
  private final @Nullable EmailAddress email;
  private final boolean emailVerified;
  private final @Nullable String directoryId;

  /** An Entra requestor's object id in their home tenant, when the host gave it. */
  private final @Nullable String homeObjectId;

  /** An Entra requestor's groups in their home tenant, when the host gave them. */
  private final @Nullable ImmutableSet<String> homeGroups;

  /**
   * The key a matching source holds, worked out once: the hot path of matching allocates nothing.
   */
  private final @Nullable IdentitySourceKey matchKey;

  /**
   * For a personal-account requestor with a verified email, the provider's key: matched when no
   * email-domain source of the email's domain admits them (R-MAT-1). Null otherwise.
   */
  private final @Nullable IdentitySourceKey fallbackKey;

  /** {@code signIn.kind()}, read without a call through the sealed interface. */
  private final SignIn.Kind kind;

  private Requestor(
      SignIn signIn,
      @Nullable EmailAddress email,
      boolean emailVerified,
      @Nullable String directoryId) {
    this(signIn, email, emailVerified, directoryId, null, null);
  }

  private Requestor(
      SignIn signIn,
      @Nullable EmailAddress email,
      boolean emailVerified,
      @Nullable String directoryId,
      @Nullable String homeObjectId,
      @Nullable ImmutableSet<String> homeGroups) {
    this.signIn = signIn;
    this.email = email;
    this.emailVerified = email != null && emailVerified;
    this.directoryId = directoryId;
    this.homeObjectId = homeObjectId;
    this.homeGroups = homeGroups;
    this.matchKey = matchKeyOf(signIn, this.emailVerified ? email : null);
    this.fallbackKey =
        signIn instanceof SignIn.Social social && this.emailVerified
            ? IdentitySourceKey.provider(social.provider())
            : null;
    this.kind = signIn.kind();
  }

  private static @Nullable IdentitySourceKey matchKeyOf(
      SignIn signIn, @Nullable EmailAddress verified) {
    if (signIn instanceof SignIn.Entra entra) {
      return IdentitySourceKey.tenant(entra.cloud(), entra.tenantId());
    }
    if (signIn instanceof SignIn.Federated federated) {
      return IdentitySourceKey.domain(federated.domain());
    }
    if (signIn instanceof SignIn.Social social) {
      // After Entra, which represents personal-account organizations by domain: the verified
      // email's domain first, the provider when no email-domain source admits them (R-MAT-1).
      return verified != null
          ? IdentitySourceKey.domain(verified.domain())
          : IdentitySourceKey.provider(social.provider());
    }
    if (signIn instanceof SignIn.OneTimePasscode && verified != null) {
      return IdentitySourceKey.domain(verified.domain());
    }
    return null;
  }

  /**
   * Signed in to an Entra tenant; add an email with {@link #withVerifiedEmail}.
   *
   * @param tenantId the tenant id
   * @param cloud the cloud
   * @return the requestor
   */
  public static Requestor entraUser(TenantId tenantId, Cloud cloud) {
    return new Requestor(new SignIn.Entra(tenantId, cloud), null, false, null);
  }

  /**
   * Signed in through the SAML/WS-Fed identity provider {@code issuer} for {@code domain}.
   *
   * @param issuer the issuer
   * @param domain the domain
   * @return the requestor
   */
  public static Requestor federatedUser(IssuerUri issuer, DomainName domain) {
    return new Requestor(new SignIn.Federated(issuer, domain), null, false, null);
  }

  /**
   * Proved {@code email} by one-time passcode; {@code verified} says whether the passcode step
   * succeeded. An unverified passcode user has not authenticated (R-POL-1).
   *
   * @param email the email
   * @param verified whether the address was verified
   * @return the requestor
   */
  public static Requestor passcodeUser(EmailAddress email, boolean verified) {
    return new Requestor(new SignIn.OneTimePasscode(), email, verified, null);
  }

  /**
   * Signed in with a personal account of {@code provider}, presenting {@code email}.
   *
   * @param provider the provider
   * @param email the email
   * @param verified whether the address was verified
   * @return the requestor
   */
  public static Requestor socialUser(
      AccountProvider provider, EmailAddress email, boolean verified) {
    return new Requestor(new SignIn.Social(provider), email, verified, null);
  }

  /**
   * {@return a member (or, with {@code guest}, a guest) user of the host directory}
   *
   * @param userId the directory object id of the user
   * @param guest whether the user is a guest of the directory
   */
  public static Requestor directoryUser(String userId, boolean guest) {
    String id = checkDirectoryId("userId", userId);
    return new Requestor(new SignIn.Directory(id, guest), null, false, id);
  }

  /**
   * {@return this requestor with a verified email address}
   *
   * @param address the address
   */
  public Requestor withVerifiedEmail(EmailAddress address) {
    return new Requestor(
        signIn,
        Objects.requireNonNull(address, "address"),
        true,
        directoryId,
        homeObjectId,
        homeGroups);
  }

  /**
   * {@return this requestor with an email address that was not verified, and so is never used}
   *
   * @param address the address
   */
  public Requestor withUnverifiedEmail(EmailAddress address) {
    return new Requestor(
        signIn,
        Objects.requireNonNull(address, "address"),
        false,
        directoryId,
        homeObjectId,
        homeGroups);
  }

  /**
   * {@return this requestor with their directory object id, when they are already a guest of the
   * host directory; it keeps them from approving their own request (R-APR-1)}
   *
   * @param id the id
   * @throws ValidationException on field {@code directoryId} unless 1 to {@value
   *     dev.entente.model.Sponsor#MAX_ID_LENGTH} visible ASCII characters
   */
  public Requestor withDirectoryId(String id) {
    return new Requestor(
        signIn,
        email,
        emailVerified,
        checkDirectoryId("directoryId", id),
        homeObjectId,
        homeGroups);
  }

  /**
   * This Entra requestor with their object id in their home tenant (the token's {@code oid} claim),
   * which cross-tenant access rules naming users are judged by (R-XTA-1). Without it, a rule that
   * names users refuses.
   *
   * @param objectId the object id
   * @return the requestor
   * @throws ValidationException on field {@code homeObjectId} unless the requestor signed in to an
   *     Entra tenant and the id is 1 to {@value dev.entente.model.Sponsor#MAX_ID_LENGTH} visible
   *     ASCII characters
   */
  public Requestor withHomeObjectId(String objectId) {
    onlyEntra("homeObjectId", objectId);
    return new Requestor(
        signIn,
        email,
        emailVerified,
        directoryId,
        checkDirectoryId("homeObjectId", objectId),
        homeGroups);
  }

  /**
   * This Entra requestor with the groups they belong to in their home tenant (the token's {@code
   * groups} claim, or a directory lookup), which cross-tenant access rules naming groups are judged
   * by (R-XTA-1). Without them, a rule that names groups refuses; an empty collection says they
   * belong to none.
   *
   * @param groupIds the group object ids
   * @return the requestor
   * @throws ValidationException on field {@code homeGroups[i]} for an id that is not 1 to {@value
   *     dev.entente.model.Sponsor#MAX_ID_LENGTH} visible ASCII characters, or on {@code homeGroups}
   *     unless the requestor signed in to an Entra tenant
   */
  public Requestor withHomeGroups(Collection<String> groupIds) {
    onlyEntra("homeGroups", groupIds);
    ImmutableSet.Builder<String> ids = ImmutableSet.builderWithExpectedSize(groupIds.size());
    int i = 0;
    for (String id : groupIds) {
      ids.add(checkDirectoryId("homeGroups[" + i++ + "]", id));
    }
    return new Requestor(signIn, email, emailVerified, directoryId, homeObjectId, ids.build());
  }

  private void onlyEntra(String field, Object value) {
    if (kind != SignIn.Kind.ENTRA) {
      throw new ValidationException(
          field,
          value,
          "belongs to a home Entra tenant, and this requestor signed in " + kind,
          "a requestor who signed in to an Entra tenant (Requestor.entraUser)");
    }
  }

  /** {@return their object id in their home Entra tenant, when the host gave it} */
  public Optional<String> homeObjectId() {
    return Optional.ofNullable(homeObjectId);
  }

  /** {@return their groups in their home Entra tenant, when the host gave them} */
  public Optional<Set<String>> homeGroups() {
    return Optional.ofNullable(homeGroups);
  }

  @Nullable String homeObjectIdOrNull() {
    return homeObjectId;
  }

  @Nullable Set<String> homeGroupsOrNull() {
    return homeGroups;
  }

  /** {@return how they signed in} */
  public SignIn signIn() {
    return signIn;
  }

  /**
   * The email address they presented, verified or not. For decisions, use {@link #verifiedEmail()}.
   *
   * @return the email address they presented, verified or not
   */
  public Optional<EmailAddress> email() {
    return Optional.ofNullable(email);
  }

  /** {@return whether {@link #email()} was verified} */
  public boolean emailVerified() {
    return emailVerified;
  }

  /** {@return the email address, only when it was verified} */
  public Optional<EmailAddress> verifiedEmail() {
    return emailVerified ? Optional.ofNullable(email) : Optional.empty();
  }

  /** {@return their directory object id, if they have one} */
  public Optional<String> directoryId() {
    return Optional.ofNullable(directoryId);
  }

  /**
   * The identity-source key that their sign-in matches (R-MAT-1): the tenant, the federated domain,
   * the verified passcode domain, or the provider; null for a directory user and for a passcode
   * user whose email is not verified.
   */
  @Nullable IdentitySourceKey matchKey() {
    return matchKey;
  }

  /**
   * The key matched when no source of {@link #matchKey()} admits the requestor: a verified
   * personal-account requestor's provider; null for everyone else.
   */
  @Nullable IdentitySourceKey fallbackKey() {
    return fallbackKey;
  }

  /** {@code signIn().kind()}, for the hot path. */
  SignIn.Kind kind() {
    return kind;
  }

  /** {@link #directoryId()} without the Optional, for the hot path. */
  @Nullable String directoryIdOrNull() {
    return directoryId;
  }

  /** {@link #email()} without the Optional, for the hot path: verified or not. */
  @Nullable EmailAddress emailOrNull() {
    return email;
  }

  /** {@link #verifiedEmail()} without the Optional, for the hot path. */
  @Nullable EmailAddress verifiedEmailOrNull() {
    return emailVerified ? email : null;
  }

  /** {@return true unless they are a user of the host directory signing in as such} */
  public boolean isExternal() {
    return kind != SignIn.Kind.DIRECTORY;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Requestor other
        && signIn.equals(other.signIn)
        && Objects.equals(email, other.email)
        && emailVerified == other.emailVerified
        && Objects.equals(directoryId, other.directoryId)
        && Objects.equals(homeObjectId, other.homeObjectId)
        && Objects.equals(homeGroups, other.homeGroups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signIn, email, emailVerified, directoryId, homeObjectId, homeGroups);
  }

  @Override
  public String toString() {
    return "Requestor{"
        + signIn
        + (email == null
            ? ""
            : ", email=" + email + (emailVerified ? " (verified)" : " (not verified)"))
        + (directoryId == null ? "" : ", directoryId=" + directoryId)
        + (homeObjectId == null ? "" : ", homeObjectId=" + homeObjectId)
        + (homeGroups == null ? "" : ", homeGroups=" + homeGroups)
        + "}";
  }

  private static String checkDirectoryId(String field, String id) {
    return Principal.checkDirectoryObjectId(field, id);
  }
}
