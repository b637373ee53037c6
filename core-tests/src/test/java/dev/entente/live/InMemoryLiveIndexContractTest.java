package dev.entente.live;

import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.testkit.OrganizationIndexContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("LiveIndex over an in-memory change feed passes the index contract (R-IDX-2)")
class InMemoryLiveIndexContractTest extends OrganizationIndexContract {
  private @Nullable LiveIndex live;

  @Override
  protected Pair newPair() {
    LiveIndex index = LiveIndex.start(new InMemoryChangeFeed().feed());
    live = index;
    return new Pair(index.store(), index);
  }

  @AfterEach
  void close() {
    if (live != null) {
      live.close();
    }
  }
}
