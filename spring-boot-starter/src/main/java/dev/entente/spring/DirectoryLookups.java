package dev.entente.spring;

import dev.entente.model.HostDirectory;
import dev.entente.spi.DirectoryLookup;
import java.util.Optional;

/** The directory lookup of each host directory that has one of its own (its Entra connection). */
@FunctionalInterface
interface DirectoryLookups {
  /** {@return {@code directory}'s own lookup, when it has one} */
  Optional<DirectoryLookup> lookup(HostDirectory directory);
}
