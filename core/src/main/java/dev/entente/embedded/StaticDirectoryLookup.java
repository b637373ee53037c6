package dev.entente.embedded;

import com.google.common.collect.ImmutableMap;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectoryLookup} from a fixed table of tenants and federations (R-MGT-3), fed from code
 * or from a small text file. A domain resolves to the tenant that verified it, else to the
 * federation configured for it, else to nothing known.
 *
 * <p>The file format, one entry a line, {@code #} for comments:
 *
 * <pre>
 * tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 GLOBAL contoso.com,contoso.onmicrosoft.com Contoso
 * federation fabrikam.com https://sts.fabrikam.com/adfs/services/trust Fabrikam
 * </pre>
 *
 * The name is the rest of the line; it follows the rules of every display name (R-ORG-1). A line is
 * at most {@value #MAX_LINE_LENGTH} characters, and a domain is given once for tenants and once for
 * federations; a domain verified by a tenant wins over a federation.
 */
public final class StaticDirectoryLookup implements DirectoryLookup {
  /** Longest line {@link #parse} reads: room for a tenant with thousands of verified domains. */
  public static final int MAX_LINE_LENGTH = 256 * 1024;

  private static final StaticDirectoryLookup EMPTY = builder().build();

  private final ImmutableMap<DomainName, DomainResolution> byDomain;
  private final ImmutableMap<String, String> tenantNames;

  private StaticDirectoryLookup(
      Map<DomainName, DomainResolution> byDomain, Map<String, String> tenantNames) {
    this.byDomain = ImmutableMap.copyOf(byDomain);
    this.tenantNames = ImmutableMap.copyOf(tenantNames);
  }

  /** {@return a lookup that knows nothing: every domain becomes an email-domain source} */
  public static StaticDirectoryLookup empty() {
    return EMPTY;
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a lookup from the text format of the class comment}
   *
   * @param text the text
   * @throws ValidationException on field {@code line N} for a line that does not parse, naming what
   *     is wrong with it
   */
  public static StaticDirectoryLookup parse(Reader text) {
    Builder builder = builder();
    Map<DomainName, Integer> tenantLines = new HashMap<>();
    Map<DomainName, Integer> federationLines = new HashMap<>();
    try (BufferedReader lines = new BufferedReader(text)) {
      int number = 0;
      for (String line = nextLine(lines, number + 1);
          line != null;
          line = nextLine(lines, number + 1)) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+", 5);
        String field = "line " + number;
        try {
          if (parts[0].equals("tenant") && parts.length == 5) {
            Set<DomainName> domains = new LinkedHashSet<>();
            for (String domain : parts[3].split(",", -1)) {
              domains.add(once(DomainName.of(domain), tenantLines, number, "a tenant"));
            }
            builder.tenant(TenantId.of(parts[1]), cloud(parts[2], field), parts[4], domains);
          } else if (parts[0].equals("federation") && parts.length >= 4) {
            DomainName domain =
                once(DomainName.of(parts[1]), federationLines, number, "a federation");
            builder.federation(domain, IssuerUri.of(parts[2]), trimmed.split("\\s+", 4)[3]);
          } else {
            throw new ValidationException(
                field,
                line,
                "is not an entry",
                "\"tenant <id> <cloud> <domain,domain…> <name>\" or \"federation <domain> <issuer>"
                    + " <name>\"");
          }
        } catch (ValidationException e) {
          throw e.field().startsWith("line ") ? e : e.within(field);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return builder.build();
  }

  /** The next line, refused unread past {@value #MAX_LINE_LENGTH} characters; null at the end. */
  private static @Nullable String nextLine(BufferedReader in, int number) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        return line.toString();
      }
      if (line.length() == MAX_LINE_LENGTH) {
        throw new ValidationException(
            "line " + number,
            line,
            "is longer than " + MAX_LINE_LENGTH + " characters",
            "one entry a line, at most " + MAX_LINE_LENGTH + " characters");
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  /** The domain, refused when an earlier line gave it for the same kind of entry. */
  private static DomainName once(
      DomainName domain, Map<DomainName, Integer> seen, int number, String what) {
    Integer earlier = seen.putIfAbsent(domain, number);
    if (earlier != null) {
      throw new ValidationException(
          "line " + number,
          domain,
          "is given for " + what + " on line " + earlier + " already",
          "each domain once for tenants and once for federations");
    }
    return domain;
  }

  @Override
  public DomainResolution resolve(DomainName domain) {
    DomainResolution known = byDomain.get(domain);
    return known != null ? known : new DomainResolution.Unknown(domain);
  }

  @Override
  public Optional<String> tenantName(Cloud cloud, TenantId tenantId) {
    return Optional.ofNullable(tenantNames.get(cloud + ":" + tenantId));
  }

  private static Cloud cloud(String text, String field) {
    try {
      return Cloud.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field, text, "is not a cloud", Arrays.toString(Cloud.values()));
    }
  }

  /**
   * Builds {@link StaticDirectoryLookup} values. A domain verified by a tenant wins over a
   * federation.
   */
  public static final class Builder {
    private final Map<DomainName, DomainResolution> tenants = new LinkedHashMap<>();
    private final Map<DomainName, DomainResolution> federations = new LinkedHashMap<>();
    private final Map<String, String> tenantNames = new HashMap<>();

    private Builder() {}

    /**
     * A tenant and the domains it verified.
     *
     * @param tenantId the tenant id
     * @param cloud the cloud
     * @param name the name
     * @param verifiedDomains the verified domains
     * @return this builder
     * @throws ValidationException on field {@code displayName} for a name a display name may not be
     *     (R-ORG-1)
     */
    public Builder tenant(
        TenantId tenantId, Cloud cloud, String name, Set<DomainName> verifiedDomains) {
      // The model's rules for a display name: trimmed, visible, bounded (R-ORG-1).
      String checked = EntraTenant.of(tenantId, cloud, name).displayName();
      DomainResolution.Tenant tenant =
          new DomainResolution.Tenant(tenantId, cloud, checked, verifiedDomains);
      verifiedDomains.forEach(d -> tenants.put(d, tenant));
      tenantNames.put(cloud + ":" + tenantId, checked);
      return this;
    }

    /**
     * A federation configured for a domain.
     *
     * @param domain the domain
     * @param issuer the issuer
     * @param name the name
     * @return this builder
     * @throws ValidationException on field {@code displayName} for a name a display name may not be
     *     (R-ORG-1)
     */
    public Builder federation(DomainName domain, IssuerUri issuer, String name) {
      String checked = Federation.of(domain, issuer, name).displayName();
      federations.put(domain, new DomainResolution.Federated(domain, issuer, checked));
      return this;
    }

    /**
     * The lookup, with the tenants and federations added so far.
     *
     * @return the lookup
     */
    public StaticDirectoryLookup build() {
      Map<DomainName, DomainResolution> all = new HashMap<>(federations);
      all.putAll(tenants);
      return new StaticDirectoryLookup(all, tenantNames);
    }
  }
}
