package dev.entente.model;

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
}
