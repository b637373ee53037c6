package dev.entente.testkit;

/**
 * How long the kits wait for something they expect before calling it a hang: ten minutes. No kit
 * test passes or fails on how fast a store is — a busy machine only makes it slower — so every
 * wall-clock bound in the kits is this guard against a store that never answers, and its failure
 * says so.
 */
public final class HangGuard {
  /** The guard, in minutes. */
  public static final long MINUTES = 10;

  private HangGuard() {}
}
