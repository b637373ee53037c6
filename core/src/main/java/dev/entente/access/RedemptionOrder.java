package dev.entente.access;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.entente.errors.ValidationException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which Entra sends an invited guest to identity providers when they redeem an
 * invitation: the default configuration's {@code invitationRedemptionIdentityProviderConfiguration}
 * (docs/rules.md §12, R-XTA-1). It tells how a newly invited user will sign in — and so which
 * identity source, and which connected organization, will hold them (R-MAT-1).
 *
 * @param primary the primary identity providers, in order of precedence ({@code
 *     primaryIdentityProviderPrecedenceOrder})
 * @param fallback what is used when no primary one can be ({@code fallbackIdentityProvider})
 */
public record RedemptionOrder(List<Primary> primary, Fallback fallback) {
  /** A primary identity provider, as Graph's {@code b2bIdentityProvidersType} names it. */
  public enum Primary {
    /** {@code azureActiveDirectory}: the user's account in a managed Entra tenant. */
    AZURE_ACTIVE_DIRECTORY("azureActiveDirectory"),
    /** {@code externalFederation}: a SAML/WS-Fed identity provider set up for the user's domain. */
    EXTERNAL_FEDERATION("externalFederation"),
    /** {@code socialIdentityProviders}: Google (or another social provider) federation. */
    SOCIAL_IDENTITY_PROVIDERS("socialIdentityProviders");

    private final String graphName;

    Primary(String graphName) {
      this.graphName = graphName;
    }

    /** {@return Graph's name} */
    public String graphName() {
      return graphName;
    }
  }

  /** The fallback identity provider, as Graph's {@code b2bIdentityProvidersType} names it. */
  public enum Fallback {
    /**
     * {@code defaultConfiguredIdp}: the default flow — an existing Microsoft account, else a
     * one-time passcode when the tenant enables it, else a new Microsoft account.
     */
    DEFAULT_CONFIGURED_IDP("defaultConfiguredIdp"),
    /** {@code emailOneTimePasscode}: a passcode sent to the invited address. */
    EMAIL_ONE_TIME_PASSCODE("emailOneTimePasscode"),
    /** {@code microsoftAccount}: a Microsoft account, existing or created. */
    MICROSOFT_ACCOUNT("microsoftAccount");

    private final String graphName;

    Fallback(String graphName) {
      this.graphName = graphName;
    }

    /** {@return Graph's name} */
    public String graphName() {
      return graphName;
    }
  }

  /** How an invited user ends up signing in. */
  public enum Redeemed {
    /** With their account in their Entra tenant. */
    ENTRA_ACCOUNT,
    /** Through the SAML/WS-Fed identity provider of their domain. */
    FEDERATION,
    /** Through a social identity provider (Google). */
    SOCIAL_PROVIDER,
    /** With a Microsoft account they have, or create. */
    MICROSOFT_ACCOUNT,
    /** With a one-time passcode sent to the invited address. */
    EMAIL_ONE_TIME_PASSCODE
  }

  /**
   * What is true of an invited user, which decides how they redeem.
   *
   * @param entraAccount the invited address is a user of a managed Entra tenant
   * @param federatedDomain the address's domain has a SAML/WS-Fed identity provider in the host
   *     tenant
   * @param socialFederation a social provider federation applies to the address (Google for
   *     gmail.com and googlemail.com, when enabled)
   * @param microsoftAccount the address already has a Microsoft account
   * @param oneTimePasscodeEnabled the host tenant enables email one-time passcodes for guests
   */
  public record Invitee(
      boolean entraAccount,
      boolean federatedDomain,
      boolean socialFederation,
      boolean microsoftAccount,
      boolean oneTimePasscodeEnabled) {}

  private static final RedemptionOrder DEFAULT =
      new RedemptionOrder(
          List.of(
              Primary.AZURE_ACTIVE_DIRECTORY,
              Primary.EXTERNAL_FEDERATION,
              Primary.SOCIAL_IDENTITY_PROVIDERS),
          Fallback.DEFAULT_CONFIGURED_IDP);

  /**
   * Checks the order: each primary provider at most once.
   *
   * @param primary the primary identity providers, in order
   * @param fallback the fallback
   * @throws ValidationException on field {@code primaryIdentityProviderPrecedenceOrder} for a
   *     provider named twice
   */
  public RedemptionOrder {
    primary = ImmutableList.copyOf(primary);
    requireNonNull(fallback, "fallback");
    Set<Primary> seen = EnumSet.noneOf(Primary.class);
    for (Primary p : primary) {
      if (!seen.add(p)) {
        throw new ValidationException(
            "primaryIdentityProviderPrecedenceOrder",
            primary,
            "names " + p.graphName() + " twice",
            "each of azureActiveDirectory, externalFederation, socialIdentityProviders at most once");
      }
    }
  }

  /**
   * {@return Entra's default order: Entra account, then SAML/WS-Fed federation, then social
   * providers, then the default fallback (entra-docs external-id/redemption-experience.md,
   * invitation redemption flow)}
   */
  public static RedemptionOrder defaultOrder() {
    return DEFAULT;
  }

  /**
   * {@return how {@code invitee} redeems: the first primary provider that applies to them, else the
   * fallback}
   *
   * @param invitee what is true of the invited user
   */
  public Redeemed redeem(Invitee invitee) {
    for (Primary p : primary) {
      switch (p) {
        case AZURE_ACTIVE_DIRECTORY -> {
          if (invitee.entraAccount()) {
            return Redeemed.ENTRA_ACCOUNT;
          }
        }
        case EXTERNAL_FEDERATION -> {
          if (invitee.federatedDomain()) {
            return Redeemed.FEDERATION;
          }
        }
        case SOCIAL_IDENTITY_PROVIDERS -> {
          if (invitee.socialFederation()) {
            return Redeemed.SOCIAL_PROVIDER;
          }
        }
      }
    }
    return switch (fallback) {
      case EMAIL_ONE_TIME_PASSCODE -> Redeemed.EMAIL_ONE_TIME_PASSCODE;
      case MICROSOFT_ACCOUNT -> Redeemed.MICROSOFT_ACCOUNT;
      case DEFAULT_CONFIGURED_IDP ->
          invitee.microsoftAccount() || !invitee.oneTimePasscodeEnabled()
              ? Redeemed.MICROSOFT_ACCOUNT
              : Redeemed.EMAIL_ONE_TIME_PASSCODE;
    };
  }
}
