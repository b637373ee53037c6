package dev.entente.model;

/** A provider of personal accounts that a {@link SocialProvider} source admits (R-SRC-1). */
public enum AccountProvider {
  /** Personal Microsoft accounts (outlook.com, hotmail.com, live.com and others). */
  MICROSOFT_ACCOUNT("Microsoft account"),
  /** Facebook accounts. */
  FACEBOOK("Facebook"),
  /** Google accounts. */
  GOOGLE("Google");

  private final String displayName;

  AccountProvider(String displayName) {
    this.displayName = displayName;
  }

  /** {@return the provider's name as people know it} */
  public String displayName() {
    return displayName;
  }
}
