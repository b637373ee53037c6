package dev.entente.spi;

import dev.entente.errors.ValidationException;
import dev.entente.model.HostDirectory;
import java.util.List;
import java.util.Optional;

/**
 * The stores of every host directory of one deployment (R-DIR-1, R-DIR-5): one database, or one
 * in-memory store, holding many directories, each read and written through a store of its own.
 * Entente's in-memory store and {@code PostgresOrganizationStore} implement it beside {@link
 * OrganizationStore}; {@code Entente.directory(…)} uses it.
 *
 * <p>A store {@link #inDirectory handed out} for a directory names that directory in every read and
 * write: nothing it returns belongs to another directory, and nothing it writes reaches one. The
 * uniqueness of identity sources (R-SRC-2) holds within each directory: two directories may each
 * connect the same tenant.
 */
public interface OrganizationStores {
  /** The most directories one {@link #directories} call returns. */
  int MAX_LIMIT = 1_000;

  /**
   * The store of {@code directory}, reading and writing that directory only. A directory needs no
   * creating: its first write creates it.
   *
   * @param directory the directory
   * @return its store
   */
  OrganizationStore inDirectory(HostDirectory directory);

  /**
   * A page of the directories ever written to, in the order of their identifiers' text ({@link
   * HostDirectory#compareTo}): those after {@code after}, at most {@code limit}.
   *
   * @param after the last directory of the previous page; empty for the first
   * @param limit the most directories to return, 1 to {@value #MAX_LIMIT}
   * @return the directories
   * @throws ValidationException on field {@code limit} outside 1 to {@value #MAX_LIMIT}
   */
  List<HostDirectory> directories(Optional<HostDirectory> after, int limit);

  /**
   * Checks the limit of {@link #directories} as every implementation must.
   *
   * @param limit the most directories to return
   * @return {@code limit}
   * @throws ValidationException on field {@code limit} outside 1 to {@value #MAX_LIMIT}
   */
  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "is out of range", "1 to 1,000");
    }
    return limit;
  }
}
