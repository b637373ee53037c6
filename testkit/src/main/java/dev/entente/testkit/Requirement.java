package dev.entente.testkit;

/** Whether an implementation must pass a {@link ContractCase}. */
public enum Requirement {
  /** Every implementation of the port must pass it. */
  REQUIRED,
  /**
   * It checks a {@link Capability} an implementation may lack: the capability when the
   * implementation declares it, the port's behaviour without it when it does not.
   */
  OPTIONAL
}
