package dev.entente.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The child JVM of {@link CrashTest}: writes organizations in a loop until it is killed. What an
 * organization holds at a version is a function of its id and that version ({@link #at}), so the
 * parent can tell a whole organization from a half-written one.
 */
public final class CrashWriter {
  static final Actor WRITER = Actor.application("crash-writer");

  private CrashWriter() {}

  /**
   * The organization {@code id} at {@code version}: {@code version} email domains and {@code
   * version} sponsors.
   */
  static ConnectedOrganization at(OrganizationId id, long version) {
    List<IdentitySource> sources = new ArrayList<>();
    ConnectedOrganization.Builder b =
        ConnectedOrganization.builder()
            .id(id)
            .version(Version.of(version))
            .displayName("Org " + id + " v" + version)
            .createdAt(Instant.EPOCH)
            .createdBy(WRITER)
            .modifiedAt(Instant.EPOCH.plusSeconds(version))
            .modifiedBy(WRITER);
    for (int i = 0; i < version; i++) {
      sources.add(EmailDomain.of(DomainName.of("d" + i + "." + id + ".example")));
      b.addInternalSponsors(Sponsor.user("sponsor-" + i));
    }
    return b.identitySources(sources).build();
  }

  /**
   * Writes until killed: creates, updates to version 2 and 3, deletes every third, and imports a
   * batch now and then; prints {@code ready} after the first commit.
   *
   * @param args the JDBC URL, the schema, the round
   */
  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setMaximumPoolSize(1);
    HikariDataSource ds = new HikariDataSource(config);
    PostgresOrganizationStore store =
        PostgresOrganizationStore.of(ds, PostgresSchema.named(args[1]));
    for (int i = 0; ; i++) {
      write(store, args[2], i);
      if (i == 0) {
        System.out.println("ready");
        System.out.flush();
      }
    }
  }

  /**
   * Step {@code i} of a round: a create, two updates, every third time a delete, and every tenth
   * time an import of 50 organizations first.
   */
  static void write(PostgresOrganizationStore store, String round, int i) {
    OrganizationId id = OrganizationId.of("r" + round + "-" + i);
    if (i % 10 == 9) {
      List<ConnectedOrganization> batch = new ArrayList<>();
      for (int j = 0; j < 50; j++) {
        batch.add(at(OrganizationId.of(id + "-b" + j), 1));
      }
      store.createAll(batch);
    }
    ConnectedOrganization v1 = at(id, 1);
    store.create(v1, event(AuditEvent.Kind.CREATED, null, v1));
    ConnectedOrganization v2 = at(id, 2);
    store.update(v2, event(AuditEvent.Kind.UPDATED, v1, v2));
    ConnectedOrganization v3 = at(id, 3);
    store.update(v3, event(AuditEvent.Kind.UPDATED, v2, v3));
    if (i % 3 == 0) {
      store.delete(id, v3.version(), event(AuditEvent.Kind.DELETED, v3, null));
    }
  }

  static AuditEvent event(
      AuditEvent.Kind kind,
      @Nullable ConnectedOrganization before,
      @Nullable ConnectedOrganization after) {
    ConnectedOrganization any = after != null ? after : java.util.Objects.requireNonNull(before);
    return AuditEvent.of(kind, WRITER, any.modifiedAt(), Set.of(), before, after, null);
  }
}
