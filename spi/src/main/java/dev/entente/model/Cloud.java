package dev.entente.model;

import java.util.Locale;
import java.util.Optional;

/** The Microsoft cloud an Entra tenant lives in (R-SRC-1). */
public enum Cloud {
  /** The global cloud, {@code login.microsoftonline.com}. */
  GLOBAL("login.microsoftonline.com"),
  /** Azure Government, {@code login.microsoftonline.us}. */
  US_GOVERNMENT("login.microsoftonline.us"),
  /** Azure operated by 21Vianet, {@code login.partner.microsoftonline.cn}. */
  CHINA("login.partner.microsoftonline.cn");

  private final String loginHost;

  Cloud(String loginHost) {
    this.loginHost = loginHost;
  }

  /** {@return the host users of this cloud sign in at} */
  public String loginHost() {
    return loginHost;
  }

  /**
   * The cloud whose users sign in at {@code host}, as {@link #loginHost()} names it, in any ASCII
   * letter case.
   *
   * @param host a host name, such as {@code login.microsoftonline.us}
   * @return the cloud, or empty for any other host
   */
  public static Optional<Cloud> ofLoginHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    for (Cloud cloud : values()) {
      if (cloud.loginHost.equals(lower)) {
        return Optional.of(cloud);
      }
    }
    return Optional.empty();
  }
}
