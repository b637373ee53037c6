package dev.entente.testkit;

/**
 * What an implementation of a port may lack, declared by the test that runs a contract kit over it
 * ({@code capabilities()}). The kit checks the declaration both ways: a declared capability is
 * checked in full, and an undeclared one must be truly absent — a store that is an {@link
 * dev.entente.spi.OrganizationStores} but does not declare {@link #MANY_DIRECTORIES} fails, so a
 * declaration cannot silently switch a case off.
 */
public enum Capability {
  /** For {@link ContractCase#capability()} of a required case: it needs no capability. */
  NONE,
  /**
   * The store holds many host directories: it is an {@link dev.entente.spi.OrganizationStores}, and
   * its {@code inDirectory} stores share nothing (R-DIR-1), nor their change logs (R-DIR-2).
   */
  MANY_DIRECTORIES,
  /**
   * The change feed signals a write to a waiting reader ({@link
   * dev.entente.spi.ChangeFeed#awaitChange}); without it, readers poll and {@code awaitChange}
   * never fires (R-IDX-2).
   */
  CHANGE_SIGNAL
}
