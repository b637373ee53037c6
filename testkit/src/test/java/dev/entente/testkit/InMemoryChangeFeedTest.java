package dev.entente.testkit;

import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.spi.ChangeFeed;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryChangeFeed passes the change-feed contract (R-IDX-1)")
class InMemoryChangeFeedTest extends ChangeFeedContract {
  @Override
  protected ChangeFeed newFeed() {
    return new InMemoryChangeFeed().feed();
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.CHANGE_SIGNAL);
  }
}
