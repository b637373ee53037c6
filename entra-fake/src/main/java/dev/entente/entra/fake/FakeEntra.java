package dev.entente.entra.fake;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.entente.model.Cloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fake Microsoft Entra on a loopback port, for tests: the part of Microsoft Graph v1.0 and of the
 * Microsoft identity platform that Entente's connection uses, answered from an in-memory tenant as
 * the Graph documentation's examples show, and refusing what Graph refuses.
 *
 * <ul>
 *   <li>Graph, below {@link #graphRoot()}: {@code connectedOrganizations} (list with paging, get,
 *       create, update, delete), their {@code internalSponsors} and {@code externalSponsors} (list
 *       with paging, {@code $ref} add and remove), {@code $batch} (at most 20 requests), {@code
 *       tenantRelationships/findTenantInformationByDomainName} and {@code …ByTenantId} (global
 *       cloud only, as in Graph), and {@code
 *       directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation}, {@code
 *       policies/crossTenantAccessPolicy} with its {@code default} and {@code partners} (paged),
 *       and beta's {@code policies/b2bManagementPolicies} (set by the test). Every Graph request
 *       needs a bearer token the fake issued and that has not expired.
 *   <li>The login hosts of the three clouds, below {@link #loginRoot(Cloud)}: {@code
 *       /{tenant-or-domain}/v2.0/.well-known/openid-configuration} (no token; an unknown domain is
 *       400 {@code AADSTS90002}; the global host also knows US Government tenants, as the real one
 *       does) and {@code /{tenant}/oauth2/v2.0/token} (client credentials with a secret).
 * </ul>
 *
 * <p>What it refuses, as Graph does: a create without {@code displayName} or with other than one
 * identity source, an identity source of no known type or without its key property, an identity
 * source another organization holds, an unknown property, a sponsor reference to a directory object
 * the tenant does not have or already holds, a {@code $batch} of more than 20 requests.
 *
 * <p>Faults ({@link #faults(Faults)}): throttling with and without {@code Retry-After}, 503s,
 * replication delay after a create, {@linkplain #expireTokens() expired tokens}, and {@linkplain
 * #failWrite a chosen write} answered 500. What it saw is counted: {@link #requestCount()}, {@link
 * #throttledCount()}, {@link #earlyRequestCount()} (requests that came before the time a {@code
 * Retry-After} asked for), and {@link #log()}. Time comes from the clock it is built with, so a
 * test can run it on virtual time. Thread-safe.
 *
 * <pre>{@code
 * try (FakeEntra entra = FakeEntra.start()) {
 *   entra.addApplication("my-app", "my-secret");
 *   String graph = entra.graphRoot(); // http://127.0.0.1:<port>/v1.0
 * }
 * }</pre>
 */
public final class FakeEntra implements AutoCloseable {
  private static final String ORGS =
      "/identityGovernance/entitlementManagement/connectedOrganizations";
  private static final Pattern ORG_PATH =
      Pattern.compile(
          Pattern.quote(ORGS)
              + "/([^/?]+)(?:/(internalSponsors|externalSponsors)(?:/(?!\\$ref)([^/?]+))?(/\\$ref)?)?");
  private static final Pattern REF = Pattern.compile(".*/(users|groups|directoryObjects)/([^/]+)$");
  private static final Pattern BY_DOMAIN =
      Pattern.compile(
          "/tenantRelationships/findTenantInformationByDomainName\\(domainName='([^']*)'\\)");
  private static final Pattern BY_TENANT =
      Pattern.compile(
          "/tenantRelationships/findTenantInformationByTenantId\\(tenantId='([^']*)'\\)");
  private static final String AUDITS = "/auditLogs/directoryAudits";
  private static final String FEDERATIONS =
      "/directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation";
  private static final String XTA = "/policies/crossTenantAccessPolicy";

  /** Graph beta's domain-list policies, told apart from v1.0 paths, where they do not exist. */
  private static final String B2B_MANAGEMENT = "/beta/policies/b2bManagementPolicies";

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<String> SOURCE_TYPES =
      Set.of(
          "#microsoft.graph.azureActiveDirectoryTenant",
          "#microsoft.graph.crossCloudAzureActiveDirectoryTenant",
          "#microsoft.graph.domainIdentitySource",
          "#microsoft.graph.externalDomainFederation",
          "#microsoft.graph.socialIdentitySource");

  /** What a test may turn; see the setters of {@link Builder}. */
  private final Cloud homeCloud;

  private final int pageSize;
  private final int sponsorPageSize;
  private final boolean emptyPages;
  private final Clock clock;
  final Duration tokenLifetime;
  private final Duration latency;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger mostInFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final HttpServer server;
  private final ExecutorService threads;
  private final String base;
  private final AuditLog audit;
  private final LoginHosts login = new LoginHosts(this);
  private boolean auditDenied;

  // ----- state, guarded by this -----
  private final Random random;
  private Faults faults = Faults.none();
  private Dispatcher dispatcher = Dispatcher.FAKE;
  private final TreeMap<String, Org> organizations = new TreeMap<>();

  /** Which organization holds each identity source, by its key. */
  private final Map<String, String> holders = new HashMap<>();

  private final Map<String, Map<String, Object>> directory = new HashMap<>();
  final List<Tenant> tenants = new ArrayList<>();
  private final List<Map<String, Object>> federations = new ArrayList<>();

  /** The cross-tenant access policy, its default and its partners by tenant id, as Graph prints. */
  private Map<String, Object> crossTenantPolicy =
      Json.object("displayName", "CrossTenantAccessPolicy", "allowedCloudEndpoints", List.of());

  private @Nullable Object crossTenantDefault;
  private final TreeMap<String, Object> crossTenantPartners = new TreeMap<>();
  private @Nullable Object b2bManagementPolicies;
  private boolean policiesDenied;
  final Map<String, String> applications = new HashMap<>();
  final Map<String, java.security.cert.X509Certificate> certificates = new HashMap<>();
  private final Map<String, Instant> tokens = new HashMap<>();
  private final Map<String, Integer> notYetReplicated = new HashMap<>();
  private final Set<Long> failingWrites = new HashSet<>();
  private long writes;
  private final List<Recorded> log = new ArrayList<>();
  private long requestCount;
  private long throttledCount;
  private long earlyRequestCount;
  long loginRequestCount;
  private Instant retryNotBefore = Instant.MIN;
  private long nextRequestId;

  /** One organization as Graph holds it. */
  private static final class Org {
    final Map<String, Object> json;
    final Map<String, Map<String, Object>> internal = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> external = new LinkedHashMap<>();

    Org(Map<String, Object> json) {
      this.json = json;
    }

    Map<String, Map<String, Object>> sponsors(String which) {
      return which.equals("internalSponsors") ? internal : external;
    }
  }

  /** A tenant of some cloud, known to the login hosts and to tenant information. */
  record Tenant(
      Cloud cloud,
      String tenantId,
      String displayName,
      String defaultDomain,
      Set<String> domains) {}

  /**
   * One request the fake answered.
   *
   * @param method the HTTP method
   * @param target the path and query, below the fake's root
   * @param status the status it answered
   * @param priority the {@code x-ms-throttle-priority} header, if sent
   * @param at when, by the fake's clock
   * @param inBatch whether it came inside a {@code $batch}
   */
  public record Recorded(
      String method,
      String target,
      int status,
      @Nullable String priority,
      Instant at,
      boolean inBatch) {}

  /** Builds a {@link FakeEntra}; every setting has a default. */
  public static final class Builder {
    private Cloud homeCloud = Cloud.GLOBAL;
    private int pageSize = 100;
    private int sponsorPageSize = 100;
    private boolean emptyPages;
    private Clock clock = Clock.systemUTC();
    private Duration tokenLifetime = Duration.ofHours(1);
    private long seed = 1;
    private Duration latency = Duration.ZERO;
    private int port;
    private boolean lateAuditLog;

    private Builder() {}

    /**
     * Shows each directory audit entry late, as Entra does: by Microsoft's published figures for
     * audit logs, 95 % within 2 minutes and 99 % within 5 (all within 8), so entries show in any
     * order within that delay. By default each shows at once.
     *
     * @param late whether entries show late
     * @return this builder
     */
    public Builder lateAuditLog(boolean late) {
      this.lateAuditLog = late;
      return this;
    }

    /**
     * The loopback port to listen on (a free one unless set).
     *
     * @param port from 0 (a free one) to 65535
     * @return this
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How long every answer takes, in real time, as Graph's round trip does (none unless set); the
     * wait is outside the fake's lock, so requests in flight together wait together.
     *
     * @param latency the latency, not negative
     * @return this
     */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + latency);
      }
      this.latency = latency;
      return this;
    }

    /**
     * The cloud of the fake's own tenant; tenant information answers only in the global cloud.
     *
     * @param cloud the cloud
     * @return this
     */
    public Builder homeCloud(Cloud cloud) {
      this.homeCloud = requireNonNull(cloud, "cloud");
      return this;
    }

    /**
     * How many organizations a list page holds (100 unless set).
     *
     * @param size at least 1
     * @return this
     */
    public Builder pageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1, not " + size);
      }
      this.pageSize = size;
      return this;
    }

    /**
     * How many sponsors a sponsor list page holds (100 unless set).
     *
     * @param size at least 1
     * @return this
     */
    public Builder sponsorPageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("sponsorPageSize must be at least 1, not " + size);
      }
      this.sponsorPageSize = size;
      return this;
    }

    /**
     * Whether every page of organizations is preceded by an empty page with a next link, as Graph
     * may send: a client that stops at an empty page loses everything after it.
     *
     * @param empty whether to send empty pages
     * @return this
     */
    public Builder emptyPages(boolean empty) {
      this.emptyPages = empty;
      return this;
    }

    /**
     * The fake's clock: token expiry, {@code Retry-After}, and the times it records.
     *
     * @param clock the clock, such as a test's virtual one
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long an issued token is good for (an hour unless set).
     *
     * @param lifetime the lifetime
     * @return this
     */
    public Builder tokenLifetime(Duration lifetime) {
      this.tokenLifetime = requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * The seed of the random numbers that draw faults and ids.
     *
     * @param seed the seed
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** {@return a fake listening on a free loopback port} */
    public FakeEntra start() {
      return new FakeEntra(this);
    }
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a fake with the defaults, listening on a free loopback port} */
  public static FakeEntra start() {
    return builder().start();
  }

  static {
    // Without TCP_NODELAY each answer waits for the client's delayed ACK (some 40 ms); read once,
    // when the JDK's server first starts, so set before any starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private FakeEntra(Builder b) {
    this.homeCloud = b.homeCloud;
    this.pageSize = b.pageSize;
    this.sponsorPageSize = b.sponsorPageSize;
    this.emptyPages = b.emptyPages;
    this.clock = b.clock;
    this.tokenLifetime = b.tokenLifetime;
    this.latency = b.latency;
    this.random = new Random(b.seed);
    // Its own random numbers: logging a change does not move the faults a seed draws.
    this.audit = new AuditLog(b.clock, new Random(b.seed * 31 + 7));
    audit.late(b.lateAuditLog);
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.threads =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "fake-entra");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/", this::exchange);
    server.start();
    this.base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  // ----- endpoints -----

  /** {@return the Graph service root, {@code http://127.0.0.1:<port>/v1.0}} */
  public String graphRoot() {
    return base + "/v1.0";
  }

  /**
   * The login host of {@code cloud}, where a client finds OpenID configurations and tokens.
   *
   * @param cloud the cloud
   * @return {@code http://127.0.0.1:<port>/login/<cloud>}
   */
  public String loginRoot(Cloud cloud) {
    return base + "/login/" + cloudPath(cloud);
  }

  private static String cloudPath(Cloud cloud) {
    return switch (cloud) {
      case GLOBAL -> "global";
      case US_GOVERNMENT -> "usgov";
      case CHINA -> "china";
    };
  }

  // ----- the tenant's directory -----

  /**
   * Adds a tenant that the login hosts and tenant information know.
   *
   * @param cloud its cloud
   * @param tenantId its id, a GUID
   * @param displayName its name
   * @param defaultDomain its default domain
   * @param otherDomains its other verified domains
   * @return this
   */
  public synchronized FakeEntra addTenant(
      Cloud cloud,
      String tenantId,
      String displayName,
      String defaultDomain,
      String... otherDomains) {
    Set<String> domains = new HashSet<>();
    domains.add(defaultDomain.toLowerCase(Locale.ROOT));
    for (String d : otherDomains) {
      domains.add(d.toLowerCase(Locale.ROOT));
    }
    tenants.add(
        new Tenant(cloud, tenantId.toLowerCase(Locale.ROOT), displayName, defaultDomain, domains));
    return this;
  }

  /**
   * Adds a SAML/WS-Fed identity provider the host configured for {@code domains}.
   *
   * @param displayName its name
   * @param issuerUri its issuer
   * @param domains the domains it is configured for
   * @return this
   */
  public synchronized FakeEntra addFederation(
      String displayName, String issuerUri, String... domains) {
    List<Object> names = new ArrayList<>();
    for (String d : domains) {
      names.add(Json.object("@odata.type", "#microsoft.graph.externalDomainName", "id", d));
    }
    federations.add(
        Json.object(
            "@odata.type",
            "#microsoft.graph.samlOrWsFedExternalDomainFederation",
            "id",
            UUID.nameUUIDFromBytes(issuerUri.getBytes(StandardCharsets.UTF_8)).toString(),
            "displayName",
            displayName,
            "issuerUri",
            issuerUri,
            "metadataExchangeUri",
            issuerUri + "/mex",
            "passiveSignInUri",
            issuerUri + "/signin",
            "preferredAuthenticationProtocol",
            "wsFed",
            "domains",
            names));
    return this;
  }

  /**
   * Registers an application that may take tokens with a client secret.
   *
   * @param clientId its client id
   * @param secret its secret
   * @return this
   */
  public synchronized FakeEntra addApplication(String clientId, String secret) {
    applications.put(requireNonNull(clientId, "clientId"), requireNonNull(secret, "secret"));
    return this;
  }

  /**
   * Registers an application that may take tokens with a client assertion signed by the private key
   * of {@code certificate} (as MSAL makes one from a certificate); the signature, issuer, subject,
   * audience and expiry are checked.
   *
   * @param clientId its client id
   * @param certificate its certificate
   * @return this
   */
  public synchronized FakeEntra addApplication(
      String clientId, java.security.cert.X509Certificate certificate) {
    certificates.put(
        requireNonNull(clientId, "clientId"), requireNonNull(certificate, "certificate"));
    return this;
  }

  /**
   * Adds a user of the tenant, who can be a sponsor.
   *
   * @param id the object id
   * @param displayName the name
   * @return this
   */
  public synchronized FakeEntra addUser(String id, String displayName) {
    directory.put(id, directoryObject("#microsoft.graph.user", id, displayName));
    return this;
  }

  /**
   * Adds a group of the tenant, which can be a sponsor.
   *
   * @param id the object id
   * @param displayName the name
   * @return this
   */
  public synchronized FakeEntra addGroup(String id, String displayName) {
    directory.put(id, directoryObject("#microsoft.graph.group", id, displayName));
    return this;
  }

  private static Map<String, Object> directoryObject(String type, String id, String name) {
    return Json.object("@odata.type", type, "id", id, "displayName", name);
  }

  /**
   * {@return a bearer token for Graph, good for the token lifetime, as the token endpoint gives}
   */
  public synchronized String issueToken() {
    String token = "fake-" + new UUID(random.nextLong(), random.nextLong());
    tokens.put(token, clock.instant().plus(tokenLifetime));
    return token;
  }

  /** Expires every token issued so far: the next Graph request with one answers 401. */
  public synchronized void expireTokens() {
    tokens.replaceAll((token, expiry) -> Instant.MIN);
  }

  /**
   * Adds an organization as Graph would hold it, without a request: {@code json} is a create body
   * (with any number of identity sources), checked as a create is.
   *
   * @param json the organization
   * @return its new id
   * @throws IllegalArgumentException when Graph would refuse it
   */
  public synchronized String addOrganization(String json) {
    Answer created = create(json, false);
    if (created.status() != 201) {
      throw new IllegalArgumentException(Json.write(created.body()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) requireNonNull(created.body());
    String id = (String) requireNonNull(body.get("id"));
    audit.log("Create connected organization", id, null, false);
    return id;
  }

  /**
   * Changes an organization as an administrator would in the portal, without a request: {@code
   * json} is a PATCH body, checked as a PATCH is, and logged in the audit log.
   *
   * @param organizationId the organization
   * @param json the changes
   * @throws IllegalArgumentException when Graph would refuse it
   */
  public synchronized void updateOrganization(String organizationId, String json) {
    portal("PATCH", ORGS + "/" + organizationId, json);
  }

  /**
   * Deletes an organization as an administrator would in the portal, logged in the audit log.
   *
   * @param organizationId the organization
   * @throws IllegalArgumentException when there is no such organization
   */
  public synchronized void deleteOrganization(String organizationId) {
    portal("DELETE", ORGS + "/" + organizationId, "");
  }

  /**
   * Removes a sponsor from an organization as an administrator would in the portal, logged in the
   * audit log.
   *
   * @param organizationId the organization
   * @param internal internal (true) or external sponsors
   * @param sponsorId the user's or group's object id
   * @throws IllegalArgumentException when the organization has no such sponsor
   */
  public synchronized void removeSponsor(
      String organizationId, boolean internal, String sponsorId) {
    portal(
        "DELETE",
        ORGS
            + "/"
            + organizationId
            + (internal ? "/internalSponsors/" : "/externalSponsors/")
            + sponsorId
            + "/$ref",
        "");
  }

  private void portal(String method, String target, String body) {
    Answer answer = route(method, target, body);
    if (answer.status() / 100 != 2) {
      throw new IllegalArgumentException(Json.write(answer.body()));
    }
  }

  /**
   * Sets the tenant's cross-tenant access settings, each document as Graph prints it: {@code GET
   * /policies/crossTenantAccessPolicy} answers {@code policy}, {@code …/default} answers {@code
   * defaults} (Entra's service default unless set), and {@code …/partners} lists {@code partners}
   * by tenant id, a page of {@link Builder#pageSize} at a time.
   *
   * @param policy the policy, with {@code allowedCloudEndpoints}
   * @param defaults the default configuration
   * @param partners the partner configurations
   * @return this
   * @throws IllegalArgumentException when a document is not JSON or a partner has no {@code
   *     tenantId}
   */
  public synchronized FakeEntra crossTenantAccess(
      String policy, String defaults, List<String> partners) {
    crossTenantPolicy = jsonObject(policy);
    crossTenantDefault = jsonObject(defaults);
    crossTenantPartners.clear();
    for (String partner : partners) {
      Map<String, Object> p = jsonObject(partner);
      if (!(p.get("tenantId") instanceof String id)) {
        throw new IllegalArgumentException("a partner configuration without tenantId: " + partner);
      }
      crossTenantPartners.put(id, p);
    }
    return this;
  }

  /**
   * Sets what Graph beta's {@code GET /policies/b2bManagementPolicies} answers: a page of policies
   * as Graph prints it.
   *
   * @param page the page
   * @return this
   */
  public synchronized FakeEntra b2bManagementPolicies(String page) {
    b2bManagementPolicies = jsonObject(page);
    return this;
  }

  /**
   * Makes the policy endpoints answer 403, as for an application without {@code Policy.Read.All}
   * (and, for the beta domain list, {@code Policy.Read.B2BManagementPolicy}).
   *
   * @param denied whether to deny
   * @return this
   */
  public synchronized FakeEntra denyPolicies(boolean denied) {
    this.policiesDenied = denied;
    return this;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonObject(String json) {
    try {
      if (Json.parse(json) instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
    } catch (Json.Malformed e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("not a JSON object: " + json);
  }

  private Answer policies(String path, Map<String, String> query) {
    if (policiesDenied) {
      return insufficientPrivileges();
    }
    if (path.equals(B2B_MANAGEMENT)) {
      Object page = b2bManagementPolicies;
      return Answer.of(200, page != null ? page : Json.object("value", List.of()));
    }
    if (path.equals(XTA)) {
      return Answer.of(200, crossTenantPolicy);
    }
    if (path.equals(XTA + "/default")) {
      Object d = crossTenantDefault;
      return Answer.of(200, d != null ? d : serviceDefault());
    }
    if (path.equals(XTA + "/partners")) {
      return page(
          "policies/crossTenantAccessPolicy/partners",
          new ArrayList<>(crossTenantPartners.values()),
          skipToken(query),
          pageSize,
          graphRoot() + XTA + "/partners");
    }
    if (path.startsWith(XTA + "/partners/")) {
      Object p = crossTenantPartners.get(path.substring((XTA + "/partners/").length()));
      return p != null
          ? Answer.of(200, p)
          : Answer.of(404, error("ResourceNotFound", "No partner configuration for that tenant."));
    }
    return Answer.of(
        400, error("BadRequest", "Resource not found for the segment '" + path + "'."));
  }

  private static Map<String, Object> serviceDefault() {
    Map<String, Object> all =
        Json.object(
            "usersAndGroups",
            Json.object(
                "accessType",
                "allowed",
                "targets",
                List.of(Json.object("target", "AllUsers", "targetType", "user"))),
            "applications",
            Json.object(
                "accessType",
                "allowed",
                "targets",
                List.of(Json.object("target", "AllApplications", "targetType", "application"))));
    return Json.object("isServiceDefault", true, "b2bCollaborationInbound", all);
  }

  /**
   * Refuses (true) or allows the directory audit log to the application, as Graph does for one
   * without {@code AuditLog.Read.All}: {@code 403 Authorization_RequestDenied}.
   *
   * @param denied whether the log is refused
   * @return this
   */
  public synchronized FakeEntra denyAuditLog(boolean denied) {
    this.auditDenied = denied;
    return this;
  }

  /** {@return how many requests listed the directory audit log, refused ones too} */
  public synchronized long auditRequestCount() {
    return log.stream().filter(r -> r.target().startsWith(AUDITS)).count();
  }

  /** {@return how many entries the audit log holds, shown or not yet} */
  public synchronized int auditEntryCount() {
    return audit.size();
  }

  /**
   * Adds a sponsor to an organization, without a request; the user or group joins the directory.
   *
   * @param organizationId the organization
   * @param internal internal (true) or external sponsors
   * @param group whether the sponsor is a group (else a user)
   * @param sponsorId its object id
   * @param displayName its name
   */
  public synchronized void addSponsor(
      String organizationId,
      boolean internal,
      boolean group,
      String sponsorId,
      String displayName) {
    Org org = organizations.get(organizationId);
    if (org == null) {
      throw new IllegalArgumentException("no organization " + organizationId);
    }
    Map<String, Object> object =
        directoryObject(
            group ? "#microsoft.graph.group" : "#microsoft.graph.user", sponsorId, displayName);
    directory.put(sponsorId, object);
    org.sponsors(internal ? "internalSponsors" : "externalSponsors").put(sponsorId, object);
    audit.log(
        "Assign user as " + (internal ? "internal" : "external") + " sponsor",
        organizationId,
        sponsorId,
        group);
  }

  /** {@return how many connected organizations the tenant holds} */
  public synchronized int organizationCount() {
    return organizations.size();
  }

  /**
   * {@return every organization, sponsors expanded, as one list page} It is what a list with {@code
   * $expand=internalSponsors,externalSponsors} would answer in one page, for tests to compare.
   */
  public synchronized String organizationsJson() {
    List<Object> value = new ArrayList<>();
    for (Org org : organizations.values()) {
      value.add(expanded(org));
    }
    return Json.write(Json.object("value", value));
  }

  /**
   * {@return one organization, sponsors expanded, as a get with {@code
   * $expand=internalSponsors,externalSponsors} would answer it; empty when the tenant has none by
   * that id}
   *
   * @param id the organization's id
   */
  public synchronized Optional<String> organizationJson(String id) {
    Org org = organizations.get(id);
    return org == null ? Optional.empty() : Optional.of(Json.write(expanded(org)));
  }

  private static Map<String, Object> expanded(Org org) {
    Map<String, Object> json = new LinkedHashMap<>(org.json);
    json.put("internalSponsors", new ArrayList<Object>(org.internal.values()));
    json.put("externalSponsors", new ArrayList<Object>(org.external.values()));
    return json;
  }

  // ----- faults and observations -----

  /**
   * Sets the faults, from the next request on.
   *
   * @param faults the faults
   * @return this
   */
  public synchronized FakeEntra faults(Faults faults) {
    this.faults = requireNonNull(faults, "faults");
    return this;
  }

  /**
   * Answers the {@code n}-th write (POST, PATCH or DELETE to Graph, inside a {@code $batch} too)
   * from now with 500 and changes nothing.
   *
   * @param n 1 for the next write
   * @return this
   */
  public synchronized FakeEntra failWrite(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, not " + n);
    }
    failingWrites.add(writes + n);
    return this;
  }

  /** {@return the most HTTP requests the fake was answering at once, since it started} */
  public int mostRequestsInFlight() {
    return mostInFlight.get();
  }

  /** {@return how many HTTP requests reached Graph; a {@code $batch} is one} */
  public synchronized long requestCount() {
    return requestCount;
  }

  /** {@return how many requests reached the login hosts (OpenID configurations, tokens)} */
  public synchronized long loginRequestCount() {
    return loginRequestCount;
  }

  /** {@return how many requests, inside a {@code $batch} too, were answered 429} */
  public synchronized long throttledCount() {
    return throttledCount;
  }

  /**
   * {@return how many requests reached Graph before the time the last {@code Retry-After} asked the
   * client to wait for} A good client has none.
   */
  public synchronized long earlyRequestCount() {
    return earlyRequestCount;
  }

  /** {@return every request answered so far, in order, inner {@code $batch} requests too} */
  public synchronized List<Recorded> log() {
    return List.copyOf(log);
  }

  /** Forgets the counts and the log; the tenant stays. */
  public synchronized void resetCounts() {
    log.clear();
    requestCount = 0;
    throttledCount = 0;
    earlyRequestCount = 0;
    loginRequestCount = 0;
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  // ----- HTTP -----

  private void exchange(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    // What a Retry-After had asked by the time the request came: a request sent together with
    // one that is throttled, before its answer, is not early.
    Instant notBefore = retryNotBefore();
    try (exchange) {
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // the fake is closing
        }
      }
      String method = exchange.getRequestMethod();
      String target = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
      Dispatcher.Request request =
          new Dispatcher.Request(
              method, target + (query == null ? "" : "?" + query), headers, body);
      Dispatcher.Response answer =
          dispatcher()
              .dispatch(
                  request, () -> written(answer(method, target, query, headers, body, notBefore)));
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] bytes = answer.body();
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          if (answer.stall().isZero()) {
            out.write(bytes);
          } else {
            out.write(bytes, 0, 1);
            out.flush();
            try {
              Thread.sleep(answer.stall().toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return; // the fake is closing
            }
            out.write(bytes, 1, bytes.length - 1);
          }
        }
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The fake's own answer to a request. */
  private Answer answer(
      String method,
      String target,
      @Nullable String query,
      Map<String, String> headers,
      String body,
      Instant notBefore) {
    if (target.startsWith("/login/")) {
      return login.answer(method, target, body);
    }
    if (target.equals(B2B_MANAGEMENT)) {
      return graph(
          method,
          B2B_MANAGEMENT,
          headers.get("authorization"),
          headers.get("x-ms-throttle-priority"),
          body,
          notBefore);
    }
    if (target.startsWith("/v1.0/") || target.equals("/v1.0")) {
      String relative = target.substring("/v1.0".length()) + (query == null ? "" : "?" + query);
      return graph(
          method,
          relative,
          headers.get("authorization"),
          headers.get("x-ms-throttle-priority"),
          body,
          notBefore);
    }
    return Answer.of(404, error("NotFound", "No such path: " + target));
  }

  private static Dispatcher.Response written(Answer answer) {
    byte[] bytes =
        answer.body() == null
            ? new byte[0]
            : Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>(answer.headers());
    if (answer.body() != null) {
      headers.put("Content-Type", "application/json");
    }
    return new Dispatcher.Response(answer.status(), headers, bytes, Duration.ZERO);
  }

  /**
   * Passes every request through {@code dispatcher}, which answers with the fake's own answer, a
   * changed one, or its own ({@link Dispatcher#FAKE} restores the fake's).
   *
   * @param dispatcher the dispatcher
   * @return this
   */
  public synchronized FakeEntra dispatcher(Dispatcher dispatcher) {
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    return this;
  }

  private synchronized Instant retryNotBefore() {
    return retryNotBefore;
  }

  private synchronized Dispatcher dispatcher() {
    return dispatcher;
  }

  private synchronized Answer graph(
      String method,
      String target,
      @Nullable String authorization,
      @Nullable String priority,
      String body,
      Instant notBefore) {
    requestCount++;
    Instant now = clock.instant();
    if (now.isBefore(notBefore)) {
      earlyRequestCount++;
    }
    Answer answer;
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length())
            : null;
    Instant expiry = token == null ? null : tokens.get(token);
    if (expiry == null || !now.isBefore(expiry)) {
      answer =
          Answer.of(
              401,
              error(
                  "InvalidAuthenticationToken",
                  expiry == null
                      ? "Access token is empty or not valid."
                      : "Lifetime validation failed, the token is expired."));
    } else {
      answer = faulted(now);
      if (answer == null) {
        answer =
            method.equals("POST") && target.equals("/$batch")
                ? batch(body, priority)
                : route(method, target, body);
      }
    }
    log.add(new Recorded(method, target, answer.status(), priority, now, false));
    return answer;
  }

  /** A fault drawn for one request, or null to answer it. */
  private @Nullable Answer faulted(Instant now) {
    if (faults.unavailable() > 0 && random.nextDouble() < faults.unavailable()) {
      return Answer.of(503, error("ServiceUnavailable", "The service is temporarily unavailable."));
    }
    if (faults.throttled() > 0 && random.nextDouble() < faults.throttled()) {
      throttledCount++;
      Map<String, Object> error =
          error("TooManyRequests", "Too many requests; retry after the time Retry-After says.");
      if (random.nextDouble() < faults.withoutRetryAfter()) {
        return Answer.of(429, error);
      }
      long seconds = Math.max(1, (faults.retryAfter().toMillis() + 999) / 1000);
      Instant until = now.plusSeconds(seconds);
      String header;
      if (faults.retryAfterAsHttpDate()) {
        until = until.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        header = DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC));
      } else {
        header = Long.toString(seconds);
      }
      if (until.isAfter(retryNotBefore)) {
        retryNotBefore = until;
      }
      return new Answer(429, Map.of("Retry-After", header), error);
    }
    return null;
  }

  private Answer batch(String body, @Nullable String priority) {
    Object parsed;
    try {
      parsed = Json.parse(body);
    } catch (Json.Malformed e) {
      return Answer.of(400, error("BadRequest", "Invalid batch payload: " + e.getMessage()));
    }
    if (!(parsed instanceof Map<?, ?> envelope)
        || !(envelope.get("requests") instanceof List<?> requests)) {
      return Answer.of(400, error("BadRequest", "Invalid batch payload: no requests array."));
    }
    if (requests.size() > 20) {
      return Answer.of(
          400, error("BadRequest", "The number of requests in the batch exceeds the limit of 20."));
    }
    List<Object> responses = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object r : requests) {
      if (!(r instanceof Map<?, ?> request)
          || !(request.get("id") instanceof String id)
          || !(request.get("method") instanceof String method)
          || !(request.get("url") instanceof String url)
          || !ids.add(id)) {
        return Answer.of(
            400, error("BadRequest", "Each batch request needs a unique id, a method and a url."));
      }
      String target = url.startsWith("/") ? url : "/" + url;
      Instant now = clock.instant();
      Answer answer = faulted(now);
      if (answer == null) {
        Object inner = request.get("body");
        answer =
            route(method.toUpperCase(Locale.ROOT), target, inner == null ? "" : Json.write(inner));
      }
      log.add(new Recorded(method, target, answer.status(), priority, now, true));
      Map<String, Object> response = Json.object("id", id, "status", answer.status());
      Map<String, Object> headers = new LinkedHashMap<>(answer.headers());
      if (answer.body() != null) {
        headers.put("Content-Type", "application/json");
      }
      response.put("headers", headers);
      if (answer.body() != null) {
        response.put("body", answer.body());
      }
      responses.add(response);
    }
    return Answer.of(200, Json.object("responses", responses));
  }

  /** The fake's answer to one Graph request, each change it makes logged in the audit log. */
  private Answer route(String method, String target, String body) {
    Answer answer = unlogged(method, target, body);
    if (answer.status() / 100 != 2 || method.equals("GET")) {
      return answer;
    }
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    if (path.equals(ORGS)
        && answer.body() instanceof Map<?, ?> created
        && created.get("id") instanceof String id) {
      audit.log("Create connected organization", id, null, false);
      return answer;
    }
    Matcher m = ORG_PATH.matcher(path);
    if (m.matches()) {
      String which = m.group(2);
      if (which == null) {
        audit.log(
            method.equals("DELETE")
                ? "Delete connected organization"
                : "Update connected organization",
            m.group(1),
            null,
            false);
      } else {
        String kind = which.equals("internalSponsors") ? "internal" : "external";
        String sponsor = m.group(3);
        if (sponsor == null) { // a POST of a reference: the sponsor is in the body
          Object id;
          try {
            id = Json.parse(body) instanceof Map<?, ?> json ? json.get("@odata.id") : null;
          } catch (Json.Malformed e) {
            id = null; // answered 204: cannot happen
          }
          Matcher ref = REF.matcher(id instanceof String text ? text : "");
          sponsor = ref.matches() ? ref.group(2) : "";
        }
        Map<String, Object> object = directory.get(sponsor);
        boolean group =
            object != null && "#microsoft.graph.group".equals(object.get("@odata.type"));
        audit.log(
            (method.equals("DELETE") ? "Remove user as " : "Assign user as ") + kind + " sponsor",
            m.group(1),
            sponsor,
            group);
      }
    }
    return answer;
  }

  private Answer unlogged(String method, String target, String body) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    Map<String, String> query = Requests.query(target);
    if (path.equals(AUDITS) && method.equals("GET")) {
      return auditLog(query);
    }
    if (method.equals("GET") && (path.startsWith(XTA) || path.equals(B2B_MANAGEMENT))) {
      return policies(path, query);
    }
    if (path.equals(ORGS)) {
      return switch (method) {
        case "GET" -> listOrganizations(query);
        case "POST" -> write(() -> create(body, true));
        default -> Answer.methodNotAllowed(method);
      };
    }
    Matcher m = ORG_PATH.matcher(path);
    if (m.matches()) {
      String id = m.group(1);
      Integer delay = notYetReplicated.get(id);
      if (delay != null) {
        if (delay <= 1) {
          notYetReplicated.remove(id);
        } else {
          notYetReplicated.put(id, delay - 1);
        }
        return notFound(id);
      }
      Org org = organizations.get(id);
      if (org == null) {
        return notFound(id);
      }
      String which = m.group(2);
      String sponsor = m.group(3);
      boolean ref = m.group(4) != null;
      if (which == null) {
        return switch (method) {
          case "GET" -> Answer.of(200, withContext(org.json));
          case "PATCH" -> write(() -> update(id, org, body));
          case "DELETE" ->
              write(
                  () -> {
                    index(id, org.json.get("identitySources"), false);
                    organizations.remove(id);
                    return Answer.of(204, null);
                  });
          default -> Answer.methodNotAllowed(method);
        };
      }
      if (sponsor == null && !ref && method.equals("GET")) {
        return listSponsors(id, which, org.sponsors(which), query);
      }
      if (sponsor == null && ref && method.equals("POST")) {
        return write(() -> addReference(org.sponsors(which), which, body));
      }
      if (sponsor != null && ref && method.equals("DELETE")) {
        return write(
            () ->
                org.sponsors(which).remove(sponsor) == null
                    ? notFound(sponsor)
                    : Answer.of(204, null));
      }
      return Answer.methodNotAllowed(method);
    }
    Matcher byDomain = BY_DOMAIN.matcher(path);
    Matcher byTenant = BY_TENANT.matcher(path);
    if (method.equals("GET") && (byDomain.matches() || byTenant.matches())) {
      if (homeCloud != Cloud.GLOBAL) {
        return Answer.of(
            400,
            error(
                "BadRequest",
                "Resource not found for the segment 'tenantRelationships' in this cloud."));
      }
      String wanted =
          Requests.decode(byDomain.matches() ? byDomain.group(1) : byTenant.group(1))
              .toLowerCase(Locale.ROOT);
      for (Tenant t : tenants) {
        if (t.cloud != Cloud.CHINA
            && (byDomain.matches() ? t.domains.contains(wanted) : t.tenantId.equals(wanted))) {
          return Answer.of(
              200,
              Json.object(
                  "@odata.context",
                  "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.tenantInformation",
                  "tenantId",
                  t.tenantId,
                  "federationBrandName",
                  Json.NULL,
                  "displayName",
                  t.displayName,
                  "defaultDomainName",
                  t.defaultDomain));
        }
      }
      return notFound(wanted);
    }
    if (method.equals("GET") && path.equals(FEDERATIONS)) {
      return Answer.of(200, Json.object("value", new ArrayList<Object>(federations)));
    }
    return Answer.of(
        400, error("BadRequest", "Resource not found for the segment '" + path + "'."));
  }

  private interface Write {
    Answer apply();
  }

  /** A write, unless it is the one chosen to fail. */
  private Answer write(Write write) {
    writes++;
    if (failingWrites.remove(writes)) {
      return Answer.of(
          500, error("InternalServerError", "The write failed (a fault the test asked for)."));
    }
    return write.apply();
  }

  private Answer auditLog(Map<String, String> query) {
    if (auditDenied) {
      return insufficientPrivileges();
    }
    int top = pageSize;
    if (query.containsKey("$top")) {
      try {
        top = Integer.parseInt(query.get("$top"));
      } catch (NumberFormatException e) {
        top = -1;
      }
      if (top < 1 || top > 1000) {
        return Answer.badRequest("Invalid $top: a whole number from 1 to 1000.");
      }
    }
    int skip = skipToken(query);
    AuditLog.Page page = audit.list(query.get("$filter"), skip * top, top);
    if (page == null) {
      return Answer.badRequest("Invalid filter clause: activityDateTime needs a date and time.");
    }
    Map<String, Object> answer =
        Json.object(
            "@odata.context",
            "https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits",
            "value",
            page.value());
    if (page.more()) {
      StringBuilder next = new StringBuilder(graphRoot() + AUDITS + "?");
      query.forEach(
          (k, v) -> {
            if (!k.equals("$skiptoken")) {
              next.append(k)
                  .append('=')
                  .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"))
                  .append('&');
            }
          });
      answer.put("@odata.nextLink", next + "$skiptoken=" + token(skip + 1));
    }
    return Answer.of(200, answer);
  }

  private Answer listOrganizations(Map<String, String> query) {
    int skip = skipToken(query);
    boolean emptyFirst = emptyPages && skip % 2 == 0;
    int offset = (emptyPages ? skip / 2 : skip) * pageSize;
    List<Object> value = new ArrayList<>();
    List<Org> all = new ArrayList<>(organizations.values());
    if (!emptyFirst) {
      for (int i = offset; i < Math.min(all.size(), offset + pageSize); i++) {
        value.add(all.get(i).json);
      }
    }
    Map<String, Object> page =
        Json.object(
            "@odata.context",
            "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/entitlementManagement/connectedOrganizations",
            "value",
            value);
    boolean more = emptyFirst ? offset < all.size() : offset + pageSize < all.size();
    if (more) {
      page.put("@odata.nextLink", graphRoot() + ORGS + "?$skiptoken=" + token(skip + 1));
    }
    return Answer.of(200, page);
  }

  private Answer listSponsors(
      String id,
      String which,
      Map<String, Map<String, Object>> sponsors,
      Map<String, String> query) {
    return page(
        "directoryObjects",
        new ArrayList<>(sponsors.values()),
        skipToken(query),
        sponsorPageSize,
        graphRoot() + ORGS + "/" + id + "/" + which);
  }

  /**
   * Page {@code skip} of {@code all}, {@code size} to a page, with a next link to {@code next} when
   * more follow.
   */
  private static Answer page(String context, List<Object> all, int skip, int size, String next) {
    int offset = skip * size;
    Map<String, Object> page =
        Json.object(
            "@odata.context",
            "https://graph.microsoft.com/v1.0/$metadata#" + context,
            "value",
            new ArrayList<>(
                all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + size))));
    if (offset + size < all.size()) {
      page.put("@odata.nextLink", next + "?$skiptoken=" + token(skip + 1));
    }
    return Answer.of(200, page);
  }

  /** Graph's answer to an application without the permission a read needs. */
  private Answer insufficientPrivileges() {
    return Answer.of(
        403,
        error("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
  }

  private static String token(int page) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("page:" + page).getBytes(StandardCharsets.UTF_8));
  }

  private static int skipToken(Map<String, String> query) {
    String token = query.get("$skiptoken");
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return Integer.parseInt(text.substring("page:".length()));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private Answer create(String body, boolean oneSource) {
    Parsed parsed = organizationBody(body);
    if (parsed.refusal() != null) {
      return parsed.refusal();
    }
    Map<String, Object> json = requireNonNull(parsed.json());
    if (!(json.get("displayName") instanceof String name) || name.isBlank()) {
      return Answer.badRequest("The property 'displayName' is required.");
    }
    if (!(json.get("identitySources") instanceof List<?> posted)
        || posted.isEmpty()
        || (oneSource && posted.size() != 1)) {
      return Answer.badRequest(
          "A connected organization is created with exactly one identity source.");
    }
    List<Object> sources = converted(posted);
    Answer refused = sources(sources, null);
    if (refused != null) {
      return refused;
    }
    Object state = json.getOrDefault("state", "configured");
    if (!"configured".equals(state) && !"proposed".equals(state)) {
      return Answer.badRequest("The state must be 'configured' or 'proposed'.");
    }
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("id", id);
    stored.put("displayName", name);
    stored.put("description", json.getOrDefault("description", Json.NULL));
    stored.put("createdDateTime", now);
    stored.put("modifiedDateTime", now);
    stored.put("state", state);
    stored.put("identitySources", sources);
    organizations.put(id, new Org(stored));
    index(id, sources, true);
    if (oneSource && faults.replicationDelay() > 0) {
      notYetReplicated.put(id, faults.replicationDelay());
    }
    return Answer.of(201, withContext(stored));
  }

  private Answer update(String id, Org org, String body) {
    Parsed parsed = organizationBody(body);
    if (parsed.refusal() != null) {
      return parsed.refusal();
    }
    Map<String, Object> json = requireNonNull(parsed.json());
    if (json.containsKey("displayName")
        && (!(json.get("displayName") instanceof String name) || name.isBlank())) {
      return Answer.badRequest("The property 'displayName' cannot be empty.");
    }
    if (json.containsKey("description")
        && !(json.get("description") instanceof String)
        && json.get("description") != Json.NULL) {
      return Answer.badRequest("The property 'description' must be a string.");
    }
    Object state = json.get("state");
    if (state != null && !"configured".equals(state) && !"proposed".equals(state)) {
      return Answer.badRequest("The state must be 'configured' or 'proposed'.");
    }
    if (json.containsKey("identitySources")) {
      if (!(json.get("identitySources") instanceof List<?> posted) || posted.isEmpty()) {
        return Answer.badRequest("identitySources must hold at least one identity source.");
      }
      List<Object> sources = converted(posted);
      Answer refused = sources(sources, id);
      if (refused != null) {
        return refused;
      }
      json.put("identitySources", sources);
    }
    if (json.containsKey("identitySources")) {
      index(id, org.json.get("identitySources"), false);
      index(id, json.get("identitySources"), true);
    }
    for (String p : List.of("displayName", "description", "state", "identitySources")) {
      if (json.containsKey(p)) {
        org.json.put(p, json.get(p));
      }
    }
    org.json.put(
        "modifiedDateTime",
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    return Answer.of(202, null);
  }

  /** A create or update body: its properties, or the 400 that refuses it. */
  private record Parsed(@Nullable Map<String, Object> json, @Nullable Answer refusal) {}

  private static Parsed organizationBody(String body) {
    Map<String, Object> json;
    try {
      json = Requests.object(body);
    } catch (Json.Malformed e) {
      return new Parsed(null, Answer.badRequest(String.valueOf(e.getMessage())));
    }
    Answer refused = unknownProperty(json);
    return refused != null ? new Parsed(null, refused) : new Parsed(json, null);
  }

  private static @Nullable Answer unknownProperty(Map<String, Object> json) {
    for (String p : json.keySet()) {
      if (!p.startsWith("@")
          && !Set.of("displayName", "description", "state", "identitySources").contains(p)) {
        return Answer.badRequest(
            "Property '" + p + "' does not exist as a declared property or extension property.");
      }
    }
    return null;
  }

  /** Checks identity sources: known types, key properties, held by no other organization. */
  /**
   * {@code sources} as Graph stores them: a {@code domainIdentitySource} whose domain a tenant of
   * this cloud verified becomes that tenant's {@code azureActiveDirectoryTenant}.
   */
  private List<Object> converted(List<?> sources) {
    List<Object> stored = new ArrayList<>();
    for (Object s : sources) {
      Object kept = s;
      if (s instanceof Map<?, ?> source
          && "#microsoft.graph.domainIdentitySource".equals(source.get("@odata.type"))
          && source.get("domainName") instanceof String domain) {
        for (Tenant t : tenants) {
          if (t.cloud == homeCloud && t.domains.contains(domain.toLowerCase(Locale.ROOT))) {
            kept =
                Json.object(
                    "@odata.type",
                    "#microsoft.graph.azureActiveDirectoryTenant",
                    "tenantId",
                    t.tenantId,
                    "displayName",
                    t.displayName);
            break;
          }
        }
      }
      stored.add(kept);
    }
    return stored;
  }

  private @Nullable Answer sources(List<?> sources, @Nullable String self) {
    Set<String> keys = new HashSet<>();
    for (Object s : sources) {
      if (!(s instanceof Map<?, ?> source) || !(source.get("@odata.type") instanceof String type)) {
        return Answer.badRequest("An identity source needs its @odata.type.");
      }
      if (!SOURCE_TYPES.contains(type)) {
        return Answer.badRequest("'" + type + "' is not a type of identity source.");
      }
      String key = key(source, type);
      if (key == null) {
        return Answer.badRequest(
            "The identity source of type '" + type + "' lacks its key property.");
      }
      if (!keys.add(key)) {
        return Answer.badRequest("The identity source " + key + " is given twice.");
      }
      String holder = holders.get(key);
      if (holder != null && !holder.equals(self)) {
        return Answer.of(
            409,
            error(
                "Conflict",
                "The identity source "
                    + key
                    + " belongs to connected organization "
                    + holder
                    + "."));
      }
    }
    return null;
  }

  private void index(String id, @Nullable Object sources, boolean add) {
    for (Object o : (List<?>) requireNonNull(sources)) {
      Map<?, ?> source = (Map<?, ?>) o;
      String key = key(source, String.valueOf(source.get("@odata.type")));
      if (key != null) {
        if (add) {
          holders.put(key, id);
        } else {
          holders.remove(key, id);
        }
      }
    }
  }

  private static @Nullable String key(Map<?, ?> source, String type) {
    return switch (type) {
      case "#microsoft.graph.azureActiveDirectoryTenant",
          "#microsoft.graph.crossCloudAzureActiveDirectoryTenant" ->
          source.get("tenantId") instanceof String t && GUID.matcher(t).matches()
              ? "tenant " + t.toLowerCase(Locale.ROOT)
              : null;
      case "#microsoft.graph.domainIdentitySource" ->
          source.get("domainName") instanceof String d && !d.isBlank()
              ? "domain " + d.toLowerCase(Locale.ROOT)
              : null;
      case "#microsoft.graph.externalDomainFederation" ->
          source.get("domainName") instanceof String d
                  && !d.isBlank()
                  && source.get("issuerUri") instanceof String
              ? "domain " + d.toLowerCase(Locale.ROOT)
              : null;
      default ->
          source.get("socialIdentitySourceType") instanceof String t && t.equals("facebook")
              ? "social " + t
              : null;
    };
  }

  private Answer addReference(
      Map<String, Map<String, Object>> sponsors, String which, String body) {
    Map<String, Object> json;
    try {
      json = Requests.object(body);
    } catch (Json.Malformed e) {
      return Answer.badRequest(String.valueOf(e.getMessage()));
    }
    Matcher m = json.get("@odata.id") instanceof String ref ? REF.matcher(ref) : REF.matcher("");
    if (!m.matches()) {
      return Answer.badRequest("The body needs an @odata.id naming a user or group.");
    }
    Map<String, Object> object = directory.get(m.group(2));
    if (object == null) {
      return notFound(m.group(2));
    }
    if (sponsors.containsKey(m.group(2))) {
      return Answer.badRequest(
          "One or more added object references already exist for the following modified properties: '"
              + which
              + "'.");
    }
    sponsors.put(m.group(2), object);
    return Answer.of(204, null);
  }

  // ----- helpers -----

  private Map<String, Object> withContext(Map<String, Object> org) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "@odata.context",
        "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/entitlementManagement/connectedOrganizations/$entity");
    json.putAll(org);
    return json;
  }

  private Map<String, Object> error(String code, String message) {
    return Json.object(
        "error",
        Json.object(
            "code", code,
            "message", message,
            "innerError",
                Json.object(
                    "date",
                        DateTimeFormatter.ISO_INSTANT.format(
                            clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                    "request-id", new UUID(0, ++nextRequestId).toString())));
  }

  private Answer notFound(String id) {
    return Answer.of(
        404,
        error(
            "Request_ResourceNotFound",
            "Resource '"
                + id
                + "' does not exist or one of its queried reference-property objects are not present."));
  }
}
