package dev.entente.examples;

import dev.entente.Entente;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.spi.OrganizationStore;
import java.util.List;

/** The documentation's embedding sample, kept here so that it compiles and runs. */
public final class EmbeddingSample {
  private EmbeddingSample() {}

  /** An Entente embedded in a product with its own store. */
  public static Entente embedded(OrganizationStore yourStore) {
    // sample begins
    Entente entente =
        Entente.builder()
            .store(yourStore) // your OrganizationStore
            .directoryLookup(StaticDirectoryLookup.empty()) // or your Graph-backed DirectoryLookup
            .deleteGuard(org -> List.of()) // names the policies still using org
            .auditSink(event -> System.out.println(event.summary()))
            .build();
    // sample ends
    return entente;
  }
}
