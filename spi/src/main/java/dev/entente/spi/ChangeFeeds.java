package dev.entente.spi;

import dev.entente.model.HostDirectory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The change feeds of every host directory of one deployment, with one signal for all of them
 * (R-DIR-3): what {@code LiveDirectories} in {@code entente-core} keeps replicas of many
 * directories fresh from, over one listening connection rather than one a directory.
 *
 * <p>Each directory's feed is a {@link ChangeFeed} of its own: its sequences are the directory's
 * (R-DIR-2), its store that directory's. The feeds handed out by {@link #feed} do not listen: the
 * signal is {@link #awaitChanges}, which names the directories that changed.
 */
public interface ChangeFeeds extends AutoCloseable {
  /**
   * The feed of {@code directory}, whose {@link ChangeFeed#awaitChange} a caller of {@link
   * #awaitChanges} does not use.
   *
   * @param directory the directory
   * @return its feed
   */
  ChangeFeed feed(HostDirectory directory);

  /**
   * The last committed sequence of each directory, in one look: 0 for a directory never written.
   *
   * @param directories the directories, at most {@value OrganizationStores#MAX_LIMIT}
   * @return their last sequences, one entry each
   * @throws dev.entente.errors.PortFailureException when the store fails
   */
  Map<HostDirectory, Long> lastSequences(Collection<HostDirectory> directories);

  /**
   * Waits until a change may have committed in some directory since the last call, or {@code
   * timeout} has passed, and names the directories signalled: empty on a timeout, and always for a
   * deployment without signals (which waits the timeout). A lost signal is a {@link
   * dev.entente.errors.PortFailureException}, after which the caller looks at every directory it
   * follows, as a change may have been missed, and the next call listens again.
   *
   * @param timeout at most this long; never more than a second is asked
   * @return the directories signalled
   * @throws InterruptedException when interrupted while waiting
   */
  Set<HostDirectory> awaitChanges(Duration timeout) throws InterruptedException;

  /** Releases what the feeds hold for their signal; the stores stay open. */
  @Override
  void close();
}
