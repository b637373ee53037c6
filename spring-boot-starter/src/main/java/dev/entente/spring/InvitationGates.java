package dev.entente.spring;

import dev.entente.access.InvitationGate;
import dev.entente.model.HostDirectory;
import java.util.Optional;

/**
 * The invitation gate of each host directory (docs/rules.md §12): asked at each decision with the
 * decision's directory. The starter provides one that pulls each directory's gate from its Entra
 * tenant ({@code entente.entra.gate.enabled}, {@code entente.directories.<id>.gate.enabled}); an
 * application's own bean of this type replaces it. A directory without a gate of its own is judged
 * by {@code entente.restrictions} alone.
 */
@FunctionalInterface
public interface InvitationGates {
  /**
   * The gate of {@code directory}, when it has one of its own. Called on every decision: answer
   * from memory. Throw to fail the decision (a gate that should be there and is not yet).
   *
   * @param directory the directory
   * @return its gate, or empty for the restrictions alone
   */
  Optional<InvitationGate> gate(HostDirectory directory);
}
