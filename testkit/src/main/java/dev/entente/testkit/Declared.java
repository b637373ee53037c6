package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.spi.OrganizationStores;
import java.util.Set;

/** The kits' one check that what a test declares of its subject is what the subject is. */
final class Declared {
  private Declared() {}

  /**
   * {@return whether the store holds many directories, as declared; fails when the declaration and
   * the store's type disagree, so no declaration switches a case off}
   */
  static boolean manyDirectories(Set<Capability> declared, Object store) {
    boolean many = declared.contains(Capability.MANY_DIRECTORIES);
    assertEquals(
        store instanceof OrganizationStores,
        many,
        "capabilities() declares "
            + (many ? "" : "no ")
            + "MANY_DIRECTORIES, but the store "
            + (store instanceof OrganizationStores ? "is" : "is not")
            + " an OrganizationStores: declare what the store is");
    return many;
  }
}
