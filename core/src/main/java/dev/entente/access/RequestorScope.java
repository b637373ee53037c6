package dev.entente.access;

import com.google.common.collect.ImmutableSet;
import dev.entente.errors.ValidationException;
import dev.entente.model.OrganizationId;
import java.util.Collection;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a policy lets request (R-POL-1). Three scopes are for users not in the directory, three for
 * users in it; a directory scope never admits an external requestor, and an external scope never
 * admits a directory user.
 */
public final class RequestorScope {
  /** Most organizations one policy may name: Entra's published limit. */
  public static final int MAX_ORGANIZATIONS = 1_000;

  /** Most users one policy for specific directory users may name. */
  public static final int MAX_DIRECTORY_USERS = 10_000;

  /** The six scopes, with their Microsoft Graph names in the javadoc. */
  public enum Kind {
    /**
     * Members of the named organizations, configured or proposed ({@code
     * specificConnectedOrganizationUsers}).
     */
    SPECIFIC_CONNECTED_ORGANIZATIONS(true, 1),
    /** Members of any configured organization ({@code allConfiguredConnectedOrganizationUsers}). */
    ALL_CONFIGURED_CONNECTED_ORGANIZATIONS(true, 2),
    /** Any external requestor who authenticated and is not blocked ({@code allExternalUsers}). */
    ALL_EXTERNAL_USERS(true, 2),
    /** The named users of the directory ({@code specificDirectoryUsers}). */
    SPECIFIC_DIRECTORY_USERS(false, 1),
    /** Member users of the directory, not guests ({@code allMemberUsers}). */
    ALL_MEMBER_USERS(false, 2),
    /** Member and guest users of the directory ({@code allDirectoryUsers}). */
    ALL_DIRECTORY_USERS(false, 2);

    private final boolean external;
    private final int specificity;

    Kind(boolean external, int specificity) {
      this.external = external;
      this.specificity = specificity;
    }

    /** {@return whether this scope is for users not in the directory} */
    public boolean isForExternalUsers() {
      return external;
    }

    /**
     * The category of R-POL-4: 1 for a scope naming organizations or users, 2 for the broader ones.
     * When several policies admit a requestor, the lowest category wins.
     *
     * @return the category of R-POL-4: 1 for a scope naming organizations or users, 2 for the
     *     broader ones
     */
    public int category() {
      return specificity;
    }
  }

  private static final RequestorScope ALL_CONFIGURED =
      new RequestorScope(
          Kind.ALL_CONFIGURED_CONNECTED_ORGANIZATIONS, ImmutableSet.of(), ImmutableSet.of());
  private static final RequestorScope ALL_EXTERNAL =
      new RequestorScope(Kind.ALL_EXTERNAL_USERS, ImmutableSet.of(), ImmutableSet.of());
  private static final RequestorScope ALL_MEMBERS =
      new RequestorScope(Kind.ALL_MEMBER_USERS, ImmutableSet.of(), ImmutableSet.of());
  private static final RequestorScope ALL_DIRECTORY =
      new RequestorScope(Kind.ALL_DIRECTORY_USERS, ImmutableSet.of(), ImmutableSet.of());

  private final Kind kind;
  private final ImmutableSet<OrganizationId> organizations;
  private final ImmutableSet<String> directoryUsers;

  private RequestorScope(
      Kind kind, ImmutableSet<OrganizationId> organizations, ImmutableSet<String> directoryUsers) {
    this.kind = kind;
    this.organizations = organizations;
    this.directoryUsers = directoryUsers;
  }

  /**
   * Members of these organizations, configured or proposed.
   *
   * @param ids the organization ids
   * @return the requestor scope
   * @throws ValidationException on field {@code organizations} unless 1 to {@value
   *     #MAX_ORGANIZATIONS} ids
   */
  public static RequestorScope specificConnectedOrganizations(Collection<OrganizationId> ids) {
    ImmutableSet<OrganizationId> set = ImmutableSet.copyOf(ids);
    if (set.isEmpty() || set.size() > MAX_ORGANIZATIONS) {
      throw new ValidationException(
          "organizations",
          set.size() + " organizations",
          "is not a count a policy accepts",
          "1 to " + MAX_ORGANIZATIONS + " organization ids");
    }
    return new RequestorScope(Kind.SPECIFIC_CONNECTED_ORGANIZATIONS, set, ImmutableSet.of());
  }

  /**
   * Members of any configured organization; members of proposed ones are treated as having none.
   *
   * @return the requestor scope
   */
  public static RequestorScope allConfiguredConnectedOrganizations() {
    return ALL_CONFIGURED;
  }

  /** {@return all connected organizations and any new external user} */
  public static RequestorScope allExternalUsers() {
    return ALL_EXTERNAL;
  }

  /**
   * The named directory users, by object id. Group membership is the host's to expand: list the
   * users.
   *
   * @param userIds the directory object ids of the users
   * @return the named directory users, by object id
   * @throws ValidationException on field {@code directoryUsers} unless 1 to {@value
   *     #MAX_DIRECTORY_USERS} ids, or {@code directoryUsers[i]} for an id that is not 1 to 128
   *     visible ASCII characters
   */
  public static RequestorScope specificDirectoryUsers(Collection<String> userIds) {
    if (userIds.isEmpty() || userIds.size() > MAX_DIRECTORY_USERS) {
      throw new ValidationException(
          "directoryUsers",
          userIds.size() + " users",
          "is not a count a policy accepts",
          "1 to " + MAX_DIRECTORY_USERS + " directory object ids");
    }
    int i = 0;
    ImmutableSet.Builder<String> canonical = ImmutableSet.builder();
    for (String id : userIds) {
      canonical.add(Principal.checkDirectoryObjectId("directoryUsers[" + i++ + "]", id));
    }
    ImmutableSet<String> set = canonical.build();
    return new RequestorScope(Kind.SPECIFIC_DIRECTORY_USERS, ImmutableSet.of(), set);
  }

  /**
   * Member users of the directory.
   *
   * @return the requestor scope
   */
  public static RequestorScope allMemberUsers() {
    return ALL_MEMBERS;
  }

  /**
   * Member and guest users of the directory.
   *
   * @return the requestor scope
   */
  public static RequestorScope allDirectoryUsers() {
    return ALL_DIRECTORY;
  }

  /**
   * Which of the six scopes this is (R-POL-1).
   *
   * @return the kind of scope
   */
  public Kind kind() {
    return kind;
  }

  /**
   * {@return the organizations named by a {@link Kind#SPECIFIC_CONNECTED_ORGANIZATIONS} scope;
   * empty otherwise}
   */
  public Set<OrganizationId> organizations() {
    return organizations;
  }

  /** {@return the users named by a {@link Kind#SPECIFIC_DIRECTORY_USERS} scope; empty otherwise} */
  public Set<String> directoryUsers() {
    return directoryUsers;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RequestorScope other
        && kind == other.kind
        && organizations.equals(other.organizations)
        && directoryUsers.equals(other.directoryUsers);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + organizations.hashCode() * 17 + directoryUsers.hashCode();
  }

  @Override
  public String toString() {
    return kind
        + (organizations.isEmpty() ? "" : organizations.toString())
        + (directoryUsers.isEmpty() ? "" : directoryUsers.toString());
  }
}
