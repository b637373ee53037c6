package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import dev.entente.graph.GraphFederation;
import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What a domain belongs to, found as the portal's "add directory + domain" finds it (R-ENT-3), from
 * the real services:
 *
 * <ol>
 *   <li>a SAML/WS-Fed identity provider <em>the host configured</em> for the domain (Graph's {@code
 *       directory/federationConfigurations}, {@code samlOrWsFedExternalDomainFederation}: its
 *       issuer);
 *   <li>else an Entra tenant: its id and cloud from the login host's unauthenticated OpenID
 *       configuration ({@code /{domain}/v2.0/.well-known/openid-configuration}: {@code issuer},
 *       {@code cloud_instance_name}), asking the host's own cloud first, then the others; its name
 *       and default domain from Graph's {@code findTenantInformationByDomainName} where the cloud
 *       has it (the global cloud);
 *   <li>else nothing known: the domain becomes an email-domain source.
 * </ol>
 *
 * <p>Answers, negative ones too, are kept for the TTL it was made with: a repeat lookup answers
 * from memory. A failure is not kept. The matcher never calls it: management does ({@code
 * ConnectedOrganizations.preview}, and the name of a proposed organization on approval).
 * Thread-safe.
 */
public final class EntraDirectory implements DirectoryLookup {
  private static final String FEDERATIONS =
      "/directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation";

  /**
   * What a domain belongs to, and why, in words for a person.
   *
   * @param resolution what it belongs to
   * @param why how that was found
   */
  public record Discovery(DomainResolution resolution, String why) {
    /**
     * Checks the components.
     *
     * @param resolution see the record
     * @param why see the record
     */
    public Discovery {
      requireNonNull(resolution, "resolution");
      requireNonNull(why, "why");
    }
  }

  private record Kept<T>(T value, Instant until) {}

  private final Cloud homeCloud;
  private final GraphJson graph;
  private final GraphHttp http;
  private final Map<Cloud, String> loginRoots;
  private final Duration ttl;
  private final ConcurrentHashMap<DomainName, Kept<Discovery>> domains = new ConcurrentHashMap<>();
  private final EntraPublicFacts facts;
  private volatile @Nullable Kept<Federations> federations;

  /**
   * The host's federations by domain: those Entente can use, and those it cannot, with why (an
   * issuer that is not https, which Entente cannot compare).
   */
  private record Federations(
      Map<DomainName, DomainResolution.Federated> usable, Map<DomainName, String> unusable) {}

  EntraDirectory(
      Cloud homeCloud,
      GraphJson graph,
      GraphHttp http,
      Map<Cloud, String> loginRoots,
      Duration ttl,
      EntraPublicFacts facts) {
    this.facts = facts;
    this.homeCloud = homeCloud;
    this.graph = graph;
    this.http = http;
    this.loginRoots = loginRoots;
    this.ttl = ttl;
  }

  @Override
  public DomainResolution resolve(DomainName domain) {
    return discover(domain).resolution();
  }

  /**
   * What {@code domain} belongs to, and why; from memory when asked within the TTL.
   *
   * @param domain the domain
   * @return what it belongs to
   * @throws EntraException when a service cannot be asked (nothing is kept then)
   */
  public Discovery discover(DomainName domain) {
    requireNonNull(domain, "domain");
    Kept<Discovery> kept = domains.get(domain);
    Instant now = http.clock().instant();
    if (kept != null && now.isBefore(kept.until())) {
      return kept.value();
    }
    Discovery found = find(domain);
    domains.put(domain, new Kept<>(found, http.clock().instant().plus(ttl)));
    return found;
  }

  @Override
  public Optional<String> tenantName(Cloud cloud, TenantId tenantId) {
    requireNonNull(cloud, "cloud");
    requireNonNull(tenantId, "tenantId");
    if (!hasTenantInformation(cloud)) {
      return Optional.empty();
    }
    return facts.name(
        homeCloud,
        tenantId,
        http.clock().instant(),
        ttl,
        () ->
            tenantInformation("findTenantInformationByTenantId(tenantId='" + tenantId + "')")
                .map(info -> info.get("displayName")));
  }

  private Discovery find(DomainName domain) {
    Federations known = federations();
    String unusable = known.unusable().get(domain);
    if (unusable != null && !known.usable().containsKey(domain)) {
      return new Discovery(new DomainResolution.Unknown(domain), unusable);
    }
    DomainResolution.Federated federated = known.usable().get(domain);
    if (federated != null) {
      return new Discovery(
          federated,
          "the host's SAML/WS-Fed identity provider "
              + federated.name()
              + " is configured for "
              + domain
              + " (issuer "
              + federated.issuer()
              + ")");
    }
    return facts.tenant(homeCloud, domain, http.clock().instant(), ttl, () -> tenantOf(domain));
  }

  /** The tenant that verified {@code domain}, from the public services: the same for every host. */
  private Discovery tenantOf(DomainName domain) {
    List<String> asked = new ArrayList<>();
    for (Cloud cloud : cloudsInOrder()) {
      String root = requireNonNull(loginRoots.get(cloud));
      String url = root + "/" + domain.ascii() + "/v2.0/.well-known/openid-configuration";
      GraphHttp.Response response;
      try {
        response = http.anonymous(url);
      } catch (EntraException e) {
        if (e.status() == 400 && unknownTenant(e)) {
          asked.add(URI.create(root).getHost());
          continue;
        }
        throw e;
      }
      return tenant(domain, url, response, root);
    }
    return new Discovery(
        new DomainResolution.Unknown(domain),
        "no SAML/WS-Fed identity provider is configured for "
            + domain
            + " and no Entra tenant has verified it (AADSTS90002 from "
            + String.join(", ", asked)
            + "): an email-domain source, for one-time-passcode users of that domain");
  }

  private static boolean unknownTenant(EntraException e) {
    String message = String.valueOf(e.getMessage());
    return e.code().filter(c -> c.equals("invalid_tenant")).isPresent()
        || message.contains("AADSTS90002");
  }

  private List<Cloud> cloudsInOrder() {
    List<Cloud> order = new ArrayList<>();
    order.add(homeCloud);
    for (Cloud c : Cloud.values()) {
      if (c != homeCloud) {
        order.add(c);
      }
    }
    return order;
  }

  private Discovery tenant(
      DomainName domain, String url, GraphHttp.Response response, String root) {
    Map<String, String> config;
    try {
      config = Bodies.strings(response.body());
    } catch (Bodies.Unreadable e) {
      throw unreadable(url, response, e.getMessage());
    }
    String issuer = config.get("issuer");
    String instance = config.get("cloud_instance_name");
    if (issuer == null || instance == null) {
      throw unreadable(url, response, "it has no issuer or no cloud_instance_name");
    }
    TenantId tenantId;
    Cloud cloud;
    try {
      String path = URI.create(issuer).getPath();
      String[] segments = path.split("/", -1);
      tenantId = TenantId.of(segments.length > 1 ? segments[1] : "");
    } catch (IllegalArgumentException | ValidationException e) {
      throw unreadable(url, response, "its issuer " + issuer + " names no tenant id");
    }
    cloud = cloudOf(instance);
    if (cloud == null) {
      throw unreadable(url, response, "its cloud_instance_name " + instance + " is no known cloud");
    }
    String name = domain.toString();
    Set<DomainName> verified = new LinkedHashSet<>();
    verified.add(domain);
    String source = "";
    if (hasTenantInformation(cloud)) {
      Optional<Map<String, String>> info =
          tenantInformation(
              "findTenantInformationByDomainName(domainName='"
                  + URLEncoder.encode(domain.ascii(), StandardCharsets.UTF_8)
                  + "')");
      if (info.isPresent()) {
        String displayName = info.get().get("displayName");
        if (displayName != null && !displayName.isBlank()) {
          name = displayName;
          source = "; its name from Graph's tenant information";
        }
        String defaultDomain = info.get().get("defaultDomainName");
        if (defaultDomain != null) {
          try {
            verified.add(DomainName.of(defaultDomain));
          } catch (ValidationException e) {
            // A default domain Entente cannot hold adds nothing to the answer.
          }
        }
      }
    }
    return new Discovery(
        new DomainResolution.Tenant(tenantId, cloud, name, verified),
        "the Entra tenant "
            + tenantId
            + " in the "
            + cloud
            + " cloud has verified "
            + domain
            + ": the OpenID configuration from "
            + URI.create(root).getHost()
            + " names it (cloud_instance_name "
            + instance
            + ")"
            + source);
  }

  /**
   * The cloud of a {@code cloud_instance_name}: its login host is {@code login.} and the name, or
   * one of the aliases Microsoft's instance-discovery metadata lists for a cloud ({@code
   * windows.net} and {@code microsoft.com} for the global cloud, {@code usgovcloudapi.net} for US
   * Government, {@code chinacloudapi.cn} for China).
   */
  static @Nullable Cloud cloudOf(String instance) {
    String name = instance.toLowerCase(java.util.Locale.ROOT);
    return switch (name) {
      case "windows.net", "microsoft.com" -> Cloud.GLOBAL;
      case "usgovcloudapi.net" -> Cloud.US_GOVERNMENT;
      case "chinacloudapi.cn" -> Cloud.CHINA;
      default -> Cloud.ofLoginHost("login." + name).orElse(null);
    };
  }

  /** Tenant information is a global-cloud API; a host there learns of US Government tenants too. */
  private boolean hasTenantInformation(Cloud tenantCloud) {
    return homeCloud == Cloud.GLOBAL && tenantCloud != Cloud.CHINA;
  }

  private Optional<Map<String, String>> tenantInformation(String function) {
    String url = graph.serviceRoot() + "/tenantRelationships/" + function;
    GraphHttp.Response response;
    try {
      response = http.graph("GET", url, null, false);
    } catch (EntraException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    try {
      return Optional.of(Bodies.strings(response.body()));
    } catch (Bodies.Unreadable e) {
      throw unreadable(url, response, e.getMessage());
    }
  }

  /** The host's federations by domain, fetched whole (every page) once per TTL. */
  private Federations federations() {
    Kept<Federations> kept = federations;
    if (kept != null && http.clock().instant().isBefore(kept.until())) {
      return kept.value();
    }
    Map<DomainName, DomainResolution.Federated> byDomain = new HashMap<>();
    Map<DomainName, String> unusable = new HashMap<>();
    String url = graph.serviceRoot() + FEDERATIONS;
    while (url != null) {
      GraphHttp.Response response = http.graph("GET", url, null, false);
      GraphJson.Page<GraphFederation> page;
      try {
        page = graph.readFederationPage(new java.io.ByteArrayInputStream(response.body()));
      } catch (GraphFormatException e) {
        throw unreadable(url, response, e.getMessage());
      }
      for (GraphFederation f : page.values()) {
        IssuerUri issuer = null;
        String refused = null;
        try {
          issuer = IssuerUri.of(f.issuerUri());
        } catch (ValidationException e) {
          refused = e.problem();
        }
        for (String d : f.domains()) {
          DomainName domain;
          try {
            domain = DomainName.of(d);
          } catch (ValidationException e) {
            continue; // a domain the model refuses cannot be looked up either
          }
          if (issuer != null) {
            byDomain.putIfAbsent(
                domain, new DomainResolution.Federated(domain, issuer, f.displayName()));
          } else {
            unusable.putIfAbsent(
                domain,
                "the host's SAML/WS-Fed identity provider "
                    + ServerText.message(f.displayName())
                    + " is configured for "
                    + domain
                    + ", but its issuer "
                    + ServerText.message(f.issuerUri())
                    + " "
                    + refused
                    + ": Entente compares only https issuers (R-SRC-1), so it cannot become a"
                    + " federation source until its issuer is https");
          }
        }
      }
      url = page.nextLink().orElse(null);
    }
    Federations all = new Federations(Map.copyOf(byDomain), Map.copyOf(unusable));
    federations = new Kept<>(all, http.clock().instant().plus(ttl));
    return all;
  }

  private static EntraException unreadable(
      String url, GraphHttp.Response response, @Nullable String what) {
    return GraphHttp.unreadable("GET " + url, response.status(), what, null);
  }
}
