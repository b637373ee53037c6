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
    store.create(v1, AuditEvent.created(v1));
    ConnectedOrganization v2 = at(id, 2);
    store.update(v2, AuditEvent.updated(v1, v2, Set.of("displayName")));
    ConnectedOrganization v3 = at(id, 3);
    store.update(v3, AuditEvent.updated(v2, v3, Set.of("displayName")));
    if (i % 3 == 0) {
      store.delete(id, v3.version(), AuditEvent.deleted(v3, WRITER, v3.modifiedAt()));
    }
  }
}
