package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A bearer token for Microsoft Graph and when it expires. Its {@link #toString()} never shows the
 * token.
 */
public final class AccessToken {
  private final String value;
  private final Instant expiresAt;

  /**
   * A token.
   *
   * @param value the token, sent as {@code Authorization: Bearer <value>}
   * @param expiresAt when it expires
   */
  public AccessToken(String value, Instant expiresAt) {
    this.value = requireNonNull(value, "value");
    this.expiresAt = requireNonNull(expiresAt, "expiresAt");
  }

  /** {@return the token} */
  public String value() {
    return value;
  }

  /** {@return when it expires} */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** {@return the expiry, never the token} */
  @Override
  public String toString() {
    return "AccessToken[expires " + expiresAt + "]";
  }
}
