package dev.entente.spring;

import dev.entente.access.CollaborationRestrictions;
import dev.entente.errors.ValidationException;
import dev.entente.live.LiveIndex;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Entente's configuration under {@code entente.*}. Every value is checked when the application
 * starts: a bad one fails the start with Spring Boot's report naming the property, the value, where
 * it was set and what is accepted; so does a property under {@code entente.} that does not exist (a
 * misspelling). What only an optional module can check ({@code entente.postgres.schema}, the Entra
 * credentials) fails the start the same way when that module is used.
 */
@ConfigurationProperties(prefix = "entente", ignoreUnknownFields = false)
public class EntenteProperties implements Validator {
  private static final boolean POSTGRES =
      org.springframework.util.ClassUtils.isPresent(
          "dev.entente.postgres.PostgresOrganizationStore",
          EntenteProperties.class.getClassLoader());

  private final Postgres postgres = new Postgres();
  private final Replica replica = new Replica();
  private final Health health = new Health();
  private final Restrictions restrictions = new Restrictions();
  private final Entra entra = new Entra();
  private final Shutdown shutdown = new Shutdown();
  private final Transactions transactions = new Transactions();
  private final Web web = new Web();
  private final Directory directory = new Directory();
  private final Map<String, Entra> directories = new java.util.LinkedHashMap<>();

  /**
   * {@return each host directory's connection to Entra, by directory id}: {@code
   * entente.directories.<id>.*} takes the keys of {@code entente.entra.*} (tenant-id, client-id,
   * client-secret or client-certificate or managed-identity, cloud, discovery-ttl …) for directory
   * {@code <id>}, whose discovery, pull and push then use its own tenant (R-DIR-1).
   */
  public Map<String, Entra> getDirectories() {
    return directories;
  }

  private final Metrics metrics = new Metrics();

  /** {@return how a request's host directory is told} */
  public Directory getDirectory() {
    return directory;
  }

  /** {@return the metrics' settings} */
  public Metrics getMetrics() {
    return metrics;
  }

  /** How the beans an application injects tell the host directory of a call (R-DIR-1). */
  public enum Resolver {
    /** Every call is in one directory, {@code entente.directory.fixed}. */
    FIXED,
    /** A request's directory is its header {@code entente.directory.header}. */
    HEADER,
    /** A request's directory is its principal's claim {@code entente.directory.claim}. */
    CLAIM
  }

  /**
   * The host directory of each call: a fixed one, or the current request's, from a header or the
   * authenticated principal's claim. An application's own {@link DirectoryResolver} bean replaces
   * these.
   */
  public static class Directory {
    /** How a call's directory is told. */
    private Resolver resolver = Resolver.FIXED;

    /** The directory of every call, with the fixed resolver. */
    private String fixed = dev.entente.model.HostDirectory.DEFAULT.value();

    /** The request header naming the directory, with the header resolver. */
    private String header = "X-Entente-Directory";

    /**
     * The claim of the authenticated principal (a JWT, an OIDC user, an OAuth2 principal) naming
     * the directory, with the claim resolver; Entra's tenant id by default.
     */
    private String claim = "tid";

    /** {@return how a call's directory is told} */
    public Resolver getResolver() {
      return resolver;
    }

    /**
     * Sets how a call's directory is told.
     *
     * @param resolver how
     */
    public void setResolver(Resolver resolver) {
      this.resolver = resolver;
    }

    /** {@return the fixed directory} */
    public String getFixed() {
      return fixed;
    }

    /**
     * Sets the fixed directory.
     *
     * @param fixed 1 to 128 visible ASCII characters
     */
    public void setFixed(String fixed) {
      this.fixed = checked(() -> dev.entente.model.HostDirectory.of(fixed)).value();
    }

    /** {@return the header naming the directory} */
    public String getHeader() {
      return header;
    }

    /**
     * Sets the header naming the directory.
     *
     * @param header the header's name
     */
    public void setHeader(String header) {
      this.header = header;
    }

    /** {@return the claim naming the directory} */
    public String getClaim() {
      return claim;
    }

    /**
     * Sets the claim naming the directory.
     *
     * @param claim the claim's name
     */
    public void setClaim(String claim) {
      this.claim = claim;
    }
  }

  /** Entente's meters, when Micrometer is on the class path. */
  public static class Metrics {
    /**
     * Whether the decisions counter carries the tag {@code directory}: one series per directory,
     * outcome and reason. Off by default: thousands of directories would be thousands of series.
     */
    private boolean directoryTag;

    /** {@return whether decisions are tagged with their directory} */
    public boolean isDirectoryTag() {
      return directoryTag;
    }

    /**
     * Sets whether decisions are tagged with their directory.
     *
     * @param directoryTag whether
     */
    public void setDirectoryTag(boolean directoryTag) {
      this.directoryTag = directoryTag;
    }
  }

  /** {@return how Entente's writes take part in the application's transactions} */
  public Transactions getTransactions() {
    return transactions;
  }

  /** {@return the answers of web applications} */
  public Web getWeb() {
    return web;
  }

  /** The application's transactions (R-LOG-4). */
  public static class Transactions {
    /**
     * Whether Entente's PostgreSQL writes take part in the application's Spring transactions
     * (committed or rolled back with its work; events, audit and the replica after its commit).
     * With false, a write inside one commits on its own at once.
     */
    private boolean join = true;

    /** {@return whether writes join the application's transactions} */
    public boolean isJoin() {
      return join;
    }

    /**
     * Sets whether writes join the application's transactions.
     *
     * @param join whether
     */
    public void setJoin(boolean join) {
      this.join = join;
    }
  }

  /** Entente in a web application. */
  public static class Web {
    /**
     * Whether Entente's exceptions thrown from controllers are answered as RFC 9457 problem
     * details: 400 invalid input, 404 not found, 409 conflict, 503 a port failing.
     */
    private boolean problemDetails = true;

    /** {@return whether Entente's exceptions become problem details} */
    public boolean isProblemDetails() {
      return problemDetails;
    }

    /**
     * Sets whether Entente's exceptions become problem details.
     *
     * @param problemDetails whether
     */
    public void setProblemDetails(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }
  }

  /** {@return the PostgreSQL store's settings} */
  public Postgres getPostgres() {
    return postgres;
  }

  /** {@return the live replica's settings} */
  public Replica getReplica() {
    return replica;
  }

  /** {@return the health indicator's settings} */
  public Health getHealth() {
    return health;
  }

  /** {@return the collaboration restrictions} */
  public Restrictions getRestrictions() {
    return restrictions;
  }

  /** {@return the connection to Entra} */
  public Entra getEntra() {
    return entra;
  }

  /** {@return the shutdown's settings} */
  public Shutdown getShutdown() {
    return shutdown;
  }

  /** The PostgreSQL store, used when the application has a {@code DataSource}. */
  public static class Postgres {
    /** Whether to keep organizations in PostgreSQL when the application has a DataSource. */
    private boolean enabled = true;

    /** The schema Entente's tables live in. */
    private String schema = "entente";

    /** Whether to create or upgrade Entente's tables when the application starts. */
    private boolean migrate = true;

    /**
     * How long one statement of a write may run or wait for a lock before it is canceled and the
     * write fails, nothing written: whole seconds, from 1 second to 1 hour (JDBC's query timeout
     * counts seconds).
     */
    private Duration writeTimeout = Duration.ofSeconds(10);

    /** {@return whether the PostgreSQL store is used} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the PostgreSQL store is used.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the schema} */
    public String getSchema() {
      return schema;
    }

    /**
     * Sets the schema.
     *
     * @param schema the schema
     */
    public void setSchema(String schema) {
      this.schema = schema;
    }

    /** {@return whether the schema is migrated at start-up} */
    public boolean isMigrate() {
      return migrate;
    }

    /**
     * Sets whether the schema is migrated at start-up.
     *
     * @param migrate whether
     */
    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    /** {@return the write timeout} */
    public Duration getWriteTimeout() {
      return writeTimeout;
    }

    /**
     * Sets the write timeout.
     *
     * @param writeTimeout the timeout
     */
    public void setWriteTimeout(Duration writeTimeout) {
      if (POSTGRES) {
        checked(
            () -> dev.entente.postgres.PostgresOrganizationStore.validWriteTimeout(writeTimeout));
      }
      this.writeTimeout = writeTimeout;
    }
  }

  /** The live replica each instance keeps of the PostgreSQL store. */
  public static class Replica {
    /** Whether decisions read an in-memory replica kept fresh from the change log. */
    private boolean enabled = true;

    /**
     * How often the replica looks for changes without a signal: the bound on staleness when
     * notifications are lost.
     */
    private Duration pollInterval = Duration.ofSeconds(1);

    /**
     * Whether the replica listens for PostgreSQL notifications; turn off behind PgBouncer in
     * transaction mode, where it polls only.
     */
    private boolean listen = true;

    /**
     * The most organizations the replicas hold together: past it, the directories used least
     * recently are dropped, and loaded again at their next use.
     */
    private long maxOrganizations = dev.entente.live.LiveDirectories.DEFAULT_MAX_ORGANIZATIONS;

    /** {@return the most organizations the replicas hold} */
    public long getMaxOrganizations() {
      return maxOrganizations;
    }

    /**
     * Sets the most organizations the replicas hold.
     *
     * @param maxOrganizations 1 to 100,000,000, as {@code LiveDirectories} takes
     */
    public void setMaxOrganizations(long maxOrganizations) {
      if (maxOrganizations < 1 || maxOrganizations > 100_000_000) {
        throw new IllegalArgumentException("is out of range; accepted: 1 to 100,000,000");
      }
      this.maxOrganizations = maxOrganizations;
    }

    /** {@return whether the replica is used} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the replica is used.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the poll interval} */
    public Duration getPollInterval() {
      return pollInterval;
    }

    /**
     * Sets the poll interval.
     *
     * @param pollInterval the interval
     */
    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = checked(() -> LiveIndex.validPollInterval(pollInterval));
    }

    /** {@return whether the replica listens} */
    public boolean isListen() {
      return listen;
    }

    /**
     * Sets whether the replica listens.
     *
     * @param listen whether
     */
    public void setListen(boolean listen) {
      this.listen = listen;
    }
  }

  /** The actuator health indicator {@code entente}. */
  public static class Health {
    /** The most committed changes the replica may not have applied and still be UP. */
    private long maxLag = 100;

    /**
     * Whether the health indicator joins the readiness group, so that a lagging or disconnected
     * replica takes the instance out of the load balancer's rotation. Applies when the application
     * has not set management.endpoint.health.group.readiness.include itself.
     */
    private boolean readiness = true;

    /** {@return whether the indicator joins the readiness group} */
    public boolean isReadiness() {
      return readiness;
    }

    /**
     * Sets whether the indicator joins the readiness group.
     *
     * @param readiness whether
     */
    public void setReadiness(boolean readiness) {
      this.readiness = readiness;
    }

    /** {@return the largest lag that is still UP} */
    public long getMaxLag() {
      return maxLag;
    }

    /**
     * Sets the largest lag that is still UP.
     *
     * @param maxLag the lag, in change records
     */
    public void setMaxLag(long maxLag) {
      if (maxLag < 0) {
        throw new IllegalArgumentException("is negative; accepted: 0 or more");
      }
      this.maxLag = maxLag;
    }
  }

  /** The host's collaboration restrictions (R-MAT-3): an allow list or a deny list, not both. */
  public static class Restrictions {
    /** The only domains that may collaborate: domains, or *.domain for its subdomains. */
    private List<String> allow = new ArrayList<>();

    /** The domains that may not collaborate: domains, or *.domain for its subdomains. */
    private List<String> deny = new ArrayList<>();

    /** {@return the allow list} */
    public List<String> getAllow() {
      return allow;
    }

    /**
     * Sets the allow list.
     *
     * @param allow the entries
     */
    public void setAllow(List<String> allow) {
      if (!allow.isEmpty()) {
        checked(() -> CollaborationRestrictions.allow(allow));
      }
      this.allow = allow;
    }

    /** {@return the deny list} */
    public List<String> getDeny() {
      return deny;
    }

    /**
     * Sets the deny list.
     *
     * @param deny the entries
     */
    public void setDeny(List<String> deny) {
      if (!deny.isEmpty()) {
        checked(() -> CollaborationRestrictions.deny(deny));
      }
      this.deny = deny;
    }

    /** {@return the restrictions these lists make} */
    CollaborationRestrictions toRestrictions() {
      if (!allow.isEmpty()) {
        return CollaborationRestrictions.allow(allow);
      }
      return deny.isEmpty()
          ? CollaborationRestrictions.none()
          : CollaborationRestrictions.deny(deny);
    }
  }

  /**
   * The connection to Microsoft Entra, used for discovery when {@code tenant-id} is set and {@code
   * entente-entra} is on the class path.
   */
  public static class Entra {
    /** The host's tenant. */
    private @Nullable String tenantId;

    /** The application (client) id of the host's app registration. */
    private @Nullable String clientId;

    /** The client secret; prefer a certificate or a managed identity in production. */
    private @Nullable String clientSecret;

    /**
     * A PKCS #12 file (.p12, .pfx) with the app registration's certificate and its private key:
     * preferred to a secret.
     */
    private java.nio.file.@Nullable Path clientCertificate;

    /** The PKCS #12 file's password, if it has one; set it from the environment or a vault. */
    private @Nullable String clientCertificatePassword;

    /** Whether to sign in as the Azure resource's managed identity instead of with a secret. */
    private boolean managedIdentity;

    /** The host's cloud. */
    private Cloud cloud = Cloud.GLOBAL;

    /** How long a domain's discovered identity source is kept, negative answers too. */
    private Duration discoveryTtl = Duration.ofHours(1);

    /** Another Graph service root, for a test server. */
    private @Nullable String graphRoot;

    /** Another login root for the host's cloud, for a test server. */
    private @Nullable String loginRoot;

    /** The incremental sync of the tenant's connected organizations into the store. */
    private final Sync sync = new Sync();

    /** The invitation gate pulled from the tenant. */
    private final Gate gate = new Gate();

    /** {@return the sync's settings} */
    public Sync getSync() {
      return sync;
    }

    /** {@return the gate's settings} */
    public Gate getGate() {
      return gate;
    }

    /** {@return the tenant id} */
    public @Nullable String getTenantId() {
      return tenantId;
    }

    /**
     * Sets the tenant id.
     *
     * @param tenantId the tenant id
     */
    public void setTenantId(@Nullable String tenantId) {
      if (tenantId != null) {
        checked(() -> TenantId.of(tenantId));
      }
      this.tenantId = tenantId;
    }

    /** {@return the client id} */
    public @Nullable String getClientId() {
      return clientId;
    }

    /**
     * Sets the client id.
     *
     * @param clientId the client id
     */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    /** {@return the client secret} */
    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    /**
     * Sets the client secret.
     *
     * @param clientSecret the secret
     */
    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /** {@return the certificate's PKCS #12 file, if set} */
    public java.nio.file.@Nullable Path getClientCertificate() {
      return clientCertificate;
    }

    /**
     * Sets the certificate's PKCS #12 file.
     *
     * @param clientCertificate the file
     */
    public void setClientCertificate(java.nio.file.@Nullable Path clientCertificate) {
      this.clientCertificate = clientCertificate;
    }

    /** {@return the PKCS #12 file's password, if set} */
    public @Nullable String getClientCertificatePassword() {
      return clientCertificatePassword;
    }

    /**
     * Sets the PKCS #12 file's password.
     *
     * @param clientCertificatePassword the password
     */
    public void setClientCertificatePassword(@Nullable String clientCertificatePassword) {
      this.clientCertificatePassword = clientCertificatePassword;
    }

    /** {@return whether the managed identity signs in} */
    public boolean isManagedIdentity() {
      return managedIdentity;
    }

    /**
     * Sets whether the managed identity signs in.
     *
     * @param managedIdentity whether
     */
    public void setManagedIdentity(boolean managedIdentity) {
      this.managedIdentity = managedIdentity;
    }

    /** {@return the cloud} */
    public Cloud getCloud() {
      return cloud;
    }

    /**
     * Sets the cloud.
     *
     * @param cloud the cloud
     */
    public void setCloud(Cloud cloud) {
      this.cloud = cloud;
    }

    /** {@return how long discovery answers are kept} */
    public Duration getDiscoveryTtl() {
      return discoveryTtl;
    }

    /**
     * Sets how long discovery answers are kept.
     *
     * @param discoveryTtl the time
     */
    public void setDiscoveryTtl(Duration discoveryTtl) {
      this.discoveryTtl = notNegative(discoveryTtl);
    }

    /** {@return the Graph service root, when not the cloud's} */
    public @Nullable String getGraphRoot() {
      return graphRoot;
    }

    /**
     * Sets the Graph service root.
     *
     * @param graphRoot the root
     */
    public void setGraphRoot(@Nullable String graphRoot) {
      this.graphRoot = graphRoot;
    }

    /** {@return the login root, when not the cloud's} */
    public @Nullable String getLoginRoot() {
      return loginRoot;
    }

    /**
     * Sets the login root.
     *
     * @param loginRoot the root
     */
    public void setLoginRoot(@Nullable String loginRoot) {
      this.loginRoot = loginRoot;
    }
  }

  /** The invitation gate of a directory, pulled from its tenant (docs/rules.md §12). */
  public static class Gate {
    /**
     * Whether decisions in the directory judge the tenant's cross-tenant access settings, pulled
     * when the application starts and every refresh after; needs the Graph permission
     * Policy.Read.All. Until a first pull succeeds, decisions fail rather than skip the gate.
     */
    private boolean enabled;

    /** The time between pulls; 1m to 1d. */
    private Duration refresh = Duration.ofMinutes(15);

    /**
     * Whether the domain list comes from the tenant too (Graph beta b2bManagementPolicies, global
     * cloud, Policy.Read.B2BManagementPolicy), in place of entente.restrictions.
     */
    private boolean domainList;

    /** {@return whether the gate is pulled} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the gate is pulled.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the time between pulls} */
    public Duration getRefresh() {
      return refresh;
    }

    /**
     * Sets the time between pulls.
     *
     * @param refresh the time, 1 minute to 1 day
     */
    public void setRefresh(Duration refresh) {
      if (refresh.compareTo(Duration.ofMinutes(1)) < 0
          || refresh.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "is " + refresh + "; accepted: 1 minute to 1 day (PT1M to P1D)");
      }
      this.refresh = refresh;
    }

    /** {@return whether the domain list is pulled too} */
    public boolean isDomainList() {
      return domainList;
    }

    /**
     * Sets whether the domain list is pulled too.
     *
     * @param domainList whether
     */
    public void setDomainList(boolean domainList) {
      this.domainList = domainList;
    }
  }

  /**
   * The incremental sync of the tenant's connected organizations into Entente's store, from Entra's
   * directory audit log (R-ENT-5).
   */
  public static class Sync {
    /**
     * Whether to keep the store equal to the tenant: a round when the application starts and every
     * interval after; needs entente.entra.tenant-id and its credentials, and the Graph permissions
     * EntitlementManagement.Read.All and AuditLog.Read.All.
     */
    private boolean enabled;

    /** The time between the end of a round and the start of the next; 10s to 1d. */
    private Duration interval = Duration.ofMinutes(1);

    /** How often the tenant is listed whole, catching what the audit log did not say; 10m to 7d. */
    private Duration reconcileEvery = Duration.ofDays(1);

    /** The sync's name in the database's ledger: one per tenant synced into the schema. */
    private String name = "entra";

    /**
     * This instance's name in the ledger's lease; by default the process id and a random suffix.
     */
    private @Nullable String holder;

    /** {@return whether the sync runs} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the sync runs.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the time between rounds} */
    public Duration getInterval() {
      return interval;
    }

    /**
     * Sets the time between rounds.
     *
     * @param interval the time
     */
    public void setInterval(Duration interval) {
      this.interval = checked(() -> dev.entente.entra.EntraSync.validInterval(interval));
    }

    /** {@return how often the tenant is listed whole} */
    public Duration getReconcileEvery() {
      return reconcileEvery;
    }

    /**
     * Sets how often the tenant is listed whole.
     *
     * @param reconcileEvery the period
     */
    public void setReconcileEvery(Duration reconcileEvery) {
      this.reconcileEvery =
          checked(() -> dev.entente.entra.EntraSync.validReconcileEvery(reconcileEvery));
    }

    /** {@return the sync's name in the ledger} */
    public String getName() {
      return name;
    }

    /**
     * Sets the sync's name in the ledger.
     *
     * @param name the name
     */
    public void setName(String name) {
      if (name.isBlank() || name.length() > dev.entente.spi.SyncLedger.MAX_HOLDER_LENGTH) {
        throw new IllegalArgumentException("is blank or too long; accepted: 1 to 200 characters");
      }
      this.name = name;
    }

    /** {@return this instance's name in the lease, if set} */
    public @Nullable String getHolder() {
      return holder;
    }

    /**
     * Sets this instance's name in the lease.
     *
     * @param holder the name
     */
    public void setHolder(@Nullable String holder) {
      if (holder != null) {
        checked(() -> dev.entente.spi.SyncLedger.checkHolder(holder));
      }
      this.holder = holder;
    }
  }

  /** How Entente stops with the application. */
  public static class Shutdown {
    /**
     * How long stopping waits for writes in flight to finish before it closes the replica; writes
     * that arrive meanwhile are refused.
     */
    private Duration writeWait = Duration.ofSeconds(30);

    /** {@return how long stopping waits for writes} */
    public Duration getWriteWait() {
      return writeWait;
    }

    /**
     * Sets how long stopping waits for writes.
     *
     * @param writeWait the time
     */
    public void setWriteWait(Duration writeWait) {
      this.writeWait = notNegative(writeWait);
    }
  }

  @Override
  public boolean supports(Class<?> type) {
    return EntenteProperties.class.isAssignableFrom(type);
  }

  /** Checks every value; each refusal names its property as the application would set it. */
  @Override
  public void validate(Object target, Errors errors) {
    EntenteProperties p = (EntenteProperties) target;
    if (!p.restrictions.allow.isEmpty() && !p.restrictions.deny.isEmpty()) {
      invalid(
          errors,
          "entente.restrictions.allow is set together with entente.restrictions.deny; accepted: an"
              + " allow list or a deny list, not both (R-MAT-3)");
    }
    validateEntra(p.entra, errors);
  }

  private static void validateEntra(Entra e, Errors errors) {
    if (e.tenantId == null) {
      if (e.clientId != null
          || e.clientSecret != null
          || e.clientCertificate != null
          || e.managedIdentity) {
        invalid(
            errors,
            "entente.entra.tenant-id is missing while other entente.entra credentials are set;"
                + " accepted: the host tenant's id, a GUID");
      }
      return;
    }
    int ways =
        (e.managedIdentity ? 1 : 0)
            + (e.clientSecret != null ? 1 : 0)
            + (e.clientCertificate != null ? 1 : 0);
    if (ways > 1) {
      invalid(
          errors,
          "more than one of entente.entra.client-secret, entente.entra.client-certificate and"
              + " entente.entra.managed-identity is set; accepted: one way to sign in");
    } else if (e.clientCertificate != null && e.clientId == null) {
      invalid(
          errors,
          "entente.entra.client-id is missing while entente.entra.client-certificate is set;"
              + " accepted: the application (client) id of the host's app registration");
    } else if (e.clientSecret != null && e.clientId == null) {
      invalid(
          errors,
          "entente.entra.client-id is missing while entente.entra.client-secret is set; accepted:"
              + " the application (client) id of the host's app registration");
    }
  }

  /** A rule between settings: the message names each property as the application writes it. */
  private static void invalid(Errors errors, String message) {
    errors.reject("entente.invalid", message);
  }

  /**
   * Runs the library's own check of one setting (the rule and its words are the library's, checked
   * once); its refusal becomes an {@link IllegalArgumentException} with the problem and what is
   * accepted, which Spring Boot reports with the property as written, its value as written and
   * where it was set.
   */
  static <T> T checked(java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (ValidationException refused) {
      throw new IllegalArgumentException(
          refused.problem() + "; accepted: " + refused.accepted()); // the root cause Boot reports
    }
  }

  private static Duration notNegative(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("is negative; accepted: zero or more");
    }
    return value;
  }
}
