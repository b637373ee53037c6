package dev.entente.entra.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fake tenant's directory audit log ({@code /auditLogs/directoryAudits}): an entry for each
 * change to a connected organization or its sponsors, which appears in the log late — by the
 * figures Microsoft publishes for audit logs, 2 minutes at p95 and 5 at p99 — so that entries show
 * in any order within that delay. Not thread-safe: {@link FakeEntra} guards it.
 */
final class AuditLog {
  private static final Pattern SINCE =
      Pattern.compile("activityDateTime ge (\\S+?)(?=\\s|\\)|$)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ACTIVITY =
      Pattern.compile("activityDisplayName eq '((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE);

  /** One entry, with when the log shows it. */
  private record Entry(
      String id,
      String activity,
      Instant at,
      Instant shownAt,
      String organizationId,
      @Nullable String sponsorId,
      @Nullable String sponsorType) {}

  private final Clock clock;
  private final Random random;
  private final List<Entry> entries = new ArrayList<>();
  private boolean late;

  AuditLog(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  /** Entries appear late, by Microsoft's published figures, from now on (or at once). */
  void late(boolean late) {
    this.late = late;
  }

  /**
   * Logs an activity on an organization now.
   *
   * @param activity the activity's name
   * @param organizationId the organization
   * @param sponsorId the user or group made or unmade a sponsor, if any
   * @param group whether that sponsor is a group
   */
  void log(String activity, String organizationId, @Nullable String sponsorId, boolean group) {
    Instant at = clock.instant();
    entries.add(
        new Entry(
            UUID.nameUUIDFromBytes(
                    Long.toString(random.nextLong())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString(),
            activity,
            at,
            at.plus(delay()),
            organizationId,
            sponsorId,
            sponsorId == null ? null : group ? "Group" : "User"));
  }

  /**
   * A delay drawn so that half the entries show within 40 seconds, 95 % within 2 minutes, 99 %
   * within 5 minutes and all within 8.
   */
  private Duration delay() {
    if (!late) {
      return Duration.ZERO;
    }
    double u = random.nextDouble();
    double seconds;
    if (u < 0.5) {
      seconds = 5 + random.nextDouble() * 35;
    } else if (u < 0.95) {
      seconds = 40 + random.nextDouble() * 80;
    } else if (u < 0.99) {
      seconds = 120 + random.nextDouble() * 180;
    } else {
      seconds = 300 + random.nextDouble() * 180;
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }

  /** {@return how many entries were logged, shown or not yet} */
  int size() {
    return entries.size();
  }

  /**
   * The entries shown by now that {@code filter} keeps, newest activity first, as one page of at
   * most {@code pageSize} from {@code offset}; null when the filter cannot be read.
   */
  @Nullable Page list(@Nullable String filter, int offset, int pageSize) {
    Instant since = Instant.MIN;
    Set<String> activities = null;
    if (filter != null) {
      Matcher s = SINCE.matcher(filter);
      if (s.find()) {
        try {
          since = OffsetDateTime.parse(s.group(1)).toInstant();
        } catch (DateTimeParseException e) {
          return null;
        }
      }
      Matcher a = ACTIVITY.matcher(filter);
      while (a.find()) {
        if (activities == null) {
          activities = new HashSet<>();
        }
        activities.add(a.group(1).replace("''", "'"));
      }
    }
    Instant now = clock.instant();
    List<Entry> shown = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.shownAt().isAfter(now)
          && !e.at().isBefore(since)
          && (activities == null || activities.contains(e.activity()))) {
        shown.add(e);
      }
    }
    shown.sort(Comparator.comparing(Entry::at).reversed().thenComparing(Entry::id));
    List<Object> value = new ArrayList<>();
    for (int i = offset; i < Math.min(shown.size(), offset + pageSize); i++) {
      value.add(json(shown.get(i)));
    }
    return new Page(value, offset + pageSize < shown.size());
  }

  /** One page of the log, and whether more follow. */
  record Page(List<Object> value, boolean more) {}

  private static Map<String, Object> json(Entry e) {
    List<Object> targets = new ArrayList<>();
    // The documentation's examples write the target's type both "Type" and "type".
    targets.add(
        Json.object(
            "id",
            e.organizationId(),
            "displayName",
            Json.NULL,
            "Type",
            "Other",
            "modifiedProperties",
            List.of()));
    String sponsorId = e.sponsorId();
    String sponsorType = e.sponsorType();
    if (sponsorId != null && sponsorType != null) {
      targets.add(
          Json.object(
              "id",
              sponsorId,
              "displayName",
              Json.NULL,
              "type",
              sponsorType,
              "modifiedProperties",
              List.of()));
    }
    return Json.object(
        "id",
        e.id(),
        "category",
        "EntitlementManagement",
        "correlationId",
        UUID.nameUUIDFromBytes(e.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
        "result",
        "success",
        "resultReason",
        "",
        "activityDisplayName",
        e.activity(),
        "activityDateTime",
        e.at().toString(),
        "loggedByService",
        "Entitlement Management",
        "operationType",
        e.activity().startsWith("Create") || e.activity().startsWith("Assign")
            ? "Add"
            : e.activity().startsWith("Delete") || e.activity().startsWith("Remove")
                ? "Delete"
                : "Update",
        "initiatedBy",
        Json.object("app", Json.NULL, "user", Json.NULL),
        "targetResources",
        targets,
        "additionalDetails",
        List.of());
  }
}
