package dev.entente.spring;

import dev.entente.errors.ValidationException;
import dev.entente.model.HostDirectory;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The directory a header or claim names, for the starter's resolvers. */
final class DirectoryNames {
  private DirectoryNames() {}

  /** The directory {@code value} names; a value that names none is the request's mistake. */
  static Optional<HostDirectory> named(String where, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(HostDirectory.of(value));
    } catch (ValidationException e) {
      throw new ValidationException(
          "directory", value, "(" + where + ") " + e.problem(), e.accepted());
    }
  }
}
