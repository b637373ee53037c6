package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import dev.entente.model.Actor;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One committed change, as the change log keeps it (R-LOG-1): its host directory and its sequence
 * there (R-LOG-2, R-DIR-2: each directory numbers its own changes), the organization and the
 * version written (for a delete, the version deleted), what happened, who did it and when, the
 * fields that changed, and the sponsor of a sponsor change.
 *
 * @param sequence the change's place in commit order, from 1
 * @param organizationId the organization
 * @param version the version written, or deleted
 * @param kind what happened
 * @param actor who did it
 * @param at when
 * @param changedFields for updates, the fields that changed
 * @param sponsorId for sponsor changes, the sponsor's directory id
 * @param directory the host directory whose change this is
 */
public record ChangeRecord(
    long sequence,
    OrganizationId organizationId,
    Version version,
    AuditEvent.Kind kind,
    Actor actor,
    Instant at,
    Set<String> changedFields,
    Optional<String> sponsorId,
    HostDirectory directory) {
  /**
   * Checks the components: none may be null.
   *
   * @param sequence the change's place in commit order, from 1
   * @param organizationId the organization
   * @param version the version written, or deleted
   * @param kind what happened
   * @param actor who did it
   * @param at when
   * @param changedFields for updates, the fields that changed
   * @param sponsorId for sponsor changes, the sponsor's directory id
   * @param directory the host directory whose change this is
   */
  public ChangeRecord {
    requireNonNull(organizationId, "organizationId");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
    requireNonNull(actor, "actor");
    requireNonNull(at, "at");
    changedFields = Set.copyOf(changedFields);
    requireNonNull(sponsorId, "sponsorId");
    requireNonNull(directory, "directory");
  }

  /**
   * A change of {@link HostDirectory#DEFAULT}: the form of releases before directories.
   *
   * @param sequence the change's place in commit order, from 1
   * @param organizationId the organization
   * @param version the version written, or deleted
   * @param kind what happened
   * @param actor who did it
   * @param at when
   * @param changedFields for updates, the fields that changed
   * @param sponsorId for sponsor changes, the sponsor's directory id
   */
  public ChangeRecord(
      long sequence,
      OrganizationId organizationId,
      Version version,
      AuditEvent.Kind kind,
      Actor actor,
      Instant at,
      Set<String> changedFields,
      Optional<String> sponsorId) {
    this(
        sequence,
        organizationId,
        version,
        kind,
        actor,
        at,
        changedFields,
        sponsorId,
        HostDirectory.DEFAULT);
  }
}
