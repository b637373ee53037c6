package dev.entente.entra;

import dev.entente.entra.fake.FakeEntra;
import dev.entente.entra.fake.VirtualTime;
import dev.entente.model.Cloud;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection to a {@link FakeEntra} on virtual time, with tokens the fake issues. */
final class Connections {
  /** How many times a connection asked for a fresh token. */
  final AtomicInteger refreshes = new AtomicInteger();

  final VirtualTime time = new VirtualTime(Instant.parse("2026-12-01T09:00:00Z"));
  final FakeEntra entra;

  Connections(FakeEntra.Builder fake) {
    this.entra = fake.clock(time).start();
  }

  AccessTokens tokens() {
    return (scopes, refresh) -> {
      if (refresh) {
        refreshes.incrementAndGet();
      }
      return new AccessToken(entra.issueToken(), time.instant().plusSeconds(3600));
    };
  }

  Entra.Builder connection(Cloud cloud) {
    Entra.Builder b =
        Entra.builder(cloud, tokens()).graphRoot(entra.graphRoot()).time(time, time::sleep);
    for (Cloud c : Cloud.values()) {
      b.loginRoot(c, entra.loginRoot(c));
    }
    return b;
  }

  Entra connection() {
    return connection(Cloud.GLOBAL).build();
  }
}
