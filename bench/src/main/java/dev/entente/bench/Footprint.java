package dev.entente.bench;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.ConnectedOrganization;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained bytes per organization in the default store, measured with JOL: the store holding {@code
 * n} organizations of one identity source and no sponsors, minus an empty store, divided by {@code
 * n}. The organizations themselves count, as the store is what keeps them alive.
 *
 * <p>Run: {@code java -Xmx14g -Djdk.attach.allowAttachSelf=true -cp bench/target/benchmarks.jar
 * dev.entente.bench.Footprint 1000000}.
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.printf("retained bytes per organization at %,d: %.1f%n", n, bytesPerOrganization(n));
  }

  static double bytesPerOrganization(int n) {
    // JOL reads field offsets of records and hidden classes only with this switch (JOL 0.17, JDK
    // 17).
    System.setProperty("jol.magicFieldOffset", "true");
    long empty = GraphLayout.parseInstance(new InMemoryOrganizationStore()).totalSize();
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    List<ConnectedOrganization> orgs = BenchData.organizations(n);
    orgs.forEach(store::create);
    long full = GraphLayout.parseInstance(store).totalSize();
    return (full - empty) / (double) n;
  }
}
