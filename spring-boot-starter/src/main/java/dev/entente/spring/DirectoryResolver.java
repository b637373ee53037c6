package dev.entente.spring;

import static java.util.Objects.requireNonNull;

import dev.entente.model.HostDirectory;
import java.util.Optional;

/**
 * Tells the host directory of a call (R-DIR-1): the {@code Entente}, {@code ConnectedOrganizations}
 * and {@code AccessRequestMatcher} beans an application injects ask it at each call, and act in the
 * directory it names. Called on the caller's thread, so a resolver reads what that thread knows:
 * its request ({@code RequestContextHolder}), its principal ({@code SecurityContextHolder}). Where
 * it names none — a background job, a request of another kind — the call fails with a {@code
 * ValidationException} on field {@code directory}, having written nothing; such code names its
 * directory itself, with {@code entente.directory(HostDirectory.of(id))}.
 *
 * <p>The starter's resolver follows {@code entente.directory.resolver}: {@code fixed} (the default:
 * {@code entente.directory.fixed}, {@code default} unless set), {@code header} (the request's
 * header {@code entente.directory.header}) or {@code claim} (the authenticated principal's claim
 * {@code entente.directory.claim}, {@code tid} unless set). An application's own bean of this type
 * replaces it.
 */
@FunctionalInterface
public interface DirectoryResolver {
  /**
   * {@return the directory of a call on this thread now, or empty when there is none}
   *
   * @throws dev.entente.errors.ValidationException when what names the directory is no directory
   *     id: a bad header or claim is the caller's mistake, refused as such
   */
  Optional<HostDirectory> resolve();

  /**
   * {@return a resolver that names {@code directory} for every call}
   *
   * @param directory the directory
   */
  static DirectoryResolver fixed(HostDirectory directory) {
    requireNonNull(directory, "directory");
    Optional<HostDirectory> always = Optional.of(directory);
    return () -> always;
  }
}
