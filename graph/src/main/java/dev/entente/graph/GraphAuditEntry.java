package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of Entra's directory audit log ({@code GET /auditLogs/directoryAudits}), as much of it
 * as a sync needs (R-ENT-5): which activity, when, and on what.
 *
 * @param id the entry's id, unique in the tenant's log
 * @param activity the activity's name, such as {@code Update connected organization}
 * @param at when the activity was performed (not when the entry was logged: the log is late)
 * @param targets the objects the activity was performed on, in the log's order
 */
public record GraphAuditEntry(String id, String activity, Instant at, List<Target> targets) {
  /**
   * An object an activity was performed on.
   *
   * @param id its object id
   * @param type its type as the log writes it ({@code User}, {@code Group}, …), when it does
   */
  public record Target(String id, Optional<String> type) {
    /**
     * Checks the parts.
     *
     * @param id the id
     * @param type the type
     */
    public Target {
      requireNonNull(id, "id");
      requireNonNull(type, "type");
    }

    /** {@return whether the log says this is a user or a group (a sponsor), not an organization} */
    public boolean isUserOrGroup() {
      String t = type.map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
      return t.equals("user") || t.equals("group");
    }
  }

  /**
   * Copies the targets.
   *
   * @param id the id
   * @param activity the activity
   * @param at the time
   * @param targets the targets
   */
  public GraphAuditEntry {
    requireNonNull(id, "id");
    requireNonNull(activity, "activity");
    requireNonNull(at, "at");
    targets = List.copyOf(targets);
  }
}
