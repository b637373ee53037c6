package dev.entente.spring;

import dev.entente.live.LiveDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Entente under {@code entente} in {@code /actuator/info}: its version, the store's kind, and with
 * replicas how many directories they hold loaded, with how many organizations.
 */
public final class EntenteInfoContributor implements InfoContributor {
  /** Entente's version, from the starter's jar. */
  static final String VERSION = version();

  private final String store;
  private final @Nullable LiveDirectories live;

  /**
   * The contributor.
   *
   * @param store the kind of store Entente writes to: {@code postgres}, {@code in-memory}, or a
   *     class name
   * @param live the replicas decisions read, if any
   */
  public EntenteInfoContributor(String store, @Nullable LiveDirectories live) {
    this.store = java.util.Objects.requireNonNull(store, "store");
    this.live = live;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> entente = new LinkedHashMap<>();
    entente.put("version", VERSION);
    entente.put("store", store);
    if (live != null) {
      entente.put("loadedDirectories", live.loadedDirectories().size());
      entente.put("organizations", live.loadedOrganizations());
    }
    builder.withDetail("entente", entente);
  }

  private static String version() {
    try (InputStream in =
        EntenteInfoContributor.class.getResourceAsStream("entente-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
