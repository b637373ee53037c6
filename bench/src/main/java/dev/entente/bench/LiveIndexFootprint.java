package dev.entente.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.live.LiveIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.postgres.PostgresChangeFeed;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained bytes per organization of a {@link LiveIndex}'s replica at {@code n}, against the
 * in-memory store holding the very same organization objects, with JOL; both count the
 * organizations they keep alive.
 */
final class LiveIndexFootprint {
  private LiveIndexFootprint() {}

  /** {live index, in-memory store}, bytes per organization. */
  static double[] bytesPerOrganization(String url, int n) throws SQLException {
    System.setProperty("jol.magicFieldOffset", "true");
    try (HikariDataSource pool = PostgresBenchmark.pool(url);
        LiveIndex live =
            LiveIndex.builder(
                    PostgresChangeFeed.of(LiveIndexBenchmark.loaded(pool, n))
                        .withNotifications(false))
                .pollInterval(Duration.ofHours(1))
                .start()) {
      Field field = LiveIndex.class.getDeclaredField("replica");
      field.setAccessible(true);
      Object replica = field.get(live);
      double liveBytes = GraphLayout.parseInstance(replica).totalSize() / (double) n;
      List<ConnectedOrganization> same = new ArrayList<>(n);
      for (ConnectedOrganization org : BenchData.organizations(n)) {
        same.add(live.byId(org.id()));
      }
      long empty = GraphLayout.parseInstance(new InMemoryOrganizationStore()).totalSize();
      InMemoryOrganizationStore store = new InMemoryOrganizationStore();
      same.forEach(store::create);
      double storeBytes = (GraphLayout.parseInstance(store).totalSize() - empty) / (double) n;
      return new double[] {liveBytes, storeBytes};
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
