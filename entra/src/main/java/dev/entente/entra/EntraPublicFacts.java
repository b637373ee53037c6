package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What discovery learns of the public world, shared by the connections of many host directories
 * ({@link Entra.Builder#publicFacts}): which Entra tenant verified a domain (the login host's
 * unauthenticated OpenID configuration, with Graph's tenant information), and a tenant's name. They
 * are the same for every host, so one deployment asks each once; a host's own federations are never
 * kept here, each connection keeps its own. Answers are kept for the TTL of the lookup that asked,
 * negative ones too; a failure is not kept. Thread-safe.
 */
public final class EntraPublicFacts {
  private record Kept<T>(T value, Instant until) {}

  /** A domain's tenant, as a host in {@code homeCloud} asks for it (its clouds in that order). */
  private record DomainKey(Cloud homeCloud, DomainName domain) {}

  private record NameKey(Cloud homeCloud, TenantId tenantId) {}

  private final ConcurrentHashMap<DomainKey, Kept<EntraDirectory.Discovery>> tenants =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<NameKey, Kept<Optional<String>>> names =
      new ConcurrentHashMap<>();

  /** Empty: nothing known yet. */
  public EntraPublicFacts() {}

  /** {@return how many answers are kept, for tests and metrics} */
  public int size() {
    return tenants.size() + names.size();
  }

  EntraDirectory.Discovery tenant(
      Cloud homeCloud,
      DomainName domain,
      Instant now,
      Duration ttl,
      Supplier<EntraDirectory.Discovery> find) {
    return kept(tenants, new DomainKey(homeCloud, domain), now, ttl, find);
  }

  Optional<String> name(
      Cloud homeCloud,
      TenantId tenantId,
      Instant now,
      Duration ttl,
      Supplier<Optional<String>> find) {
    return kept(names, new NameKey(homeCloud, tenantId), now, ttl, find);
  }

  private static <K, T> T kept(
      ConcurrentHashMap<K, Kept<T>> map, K key, Instant now, Duration ttl, Supplier<T> find) {
    Kept<T> kept = map.get(key);
    if (kept != null && now.isBefore(kept.until())) {
      return kept.value();
    }
    T found = requireNonNull(find.get());
    map.put(key, new Kept<>(found, now.plus(ttl)));
    return found;
  }

  @Override
  public String toString() {
    return "EntraPublicFacts[" + tenants.size() + " domains, " + names.size() + " tenant names]";
  }
}
