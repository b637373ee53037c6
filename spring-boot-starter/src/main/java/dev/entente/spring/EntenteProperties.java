package dev.entente.spring;

import dev.entente.access.CollaborationRestrictions;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private final Postgres postgres = new Postgres();
  private final Replica replica = new Replica();
  private final Health health = new Health();
  private final Restrictions restrictions = new Restrictions();
  private final Entra entra = new Entra();
  private final Shutdown shutdown = new Shutdown();

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

    /** How long one write may take before it is abandoned and rolled back. */
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
      this.pollInterval = pollInterval;
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
      this.discoveryTtl = discoveryTtl;
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
      this.writeWait = writeWait;
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
    between(errors, "postgres.writeTimeout", p.postgres.writeTimeout, "1 second", 1_000, 3_600_000);
    between(
        errors, "replica.pollInterval", p.replica.pollInterval, "10 milliseconds", 10, 3_600_000);
    if (p.health.maxLag < 0) {
      errors.rejectValue("health.maxLag", "entente.invalid", "is negative; accepted: 0 or more");
    }
    if (!p.restrictions.allow.isEmpty() && !p.restrictions.deny.isEmpty()) {
      errors.rejectValue(
          "restrictions.allow",
          "entente.invalid",
          "is set together with entente.restrictions.deny; accepted: an allow list or a deny"
              + " list, not both (R-MAT-3)");
    } else {
      try {
        p.restrictions.toRestrictions();
      } catch (ValidationException e) {
        String list = p.restrictions.allow.isEmpty() ? "deny" : "allow";
        errors.rejectValue(
            "restrictions." + list,
            "entente.invalid",
            e.field()
                + " "
                + e.rejectedValue()
                + " "
                + e.problem()
                + "; accepted: "
                + e.accepted());
      }
    }
    if (p.shutdown.writeWait.isNegative()) {
      errors.rejectValue(
          "shutdown.writeWait", "entente.invalid", "is negative; accepted: zero or more");
    }
    validateEntra(p.entra, errors);
  }

  private static void validateEntra(Entra e, Errors errors) {
    if (e.discoveryTtl.isNegative()) {
      errors.rejectValue(
          "entra.discoveryTtl", "entente.invalid", "is negative; accepted: zero or more");
    }
    if (e.tenantId == null) {
      if (e.clientId != null || e.clientSecret != null || e.managedIdentity) {
        errors.rejectValue(
            "entra.tenantId",
            "entente.invalid",
            "is missing while other entente.entra credentials are set; accepted: the host"
                + " tenant's id, a GUID");
      }
      return;
    }
    try {
      TenantId.of(e.tenantId);
    } catch (ValidationException refused) {
      errors.rejectValue(
          "entra.tenantId",
          "entente.invalid",
          refused.problem() + "; accepted: " + refused.accepted());
    }
    if (e.managedIdentity && e.clientSecret != null) {
      errors.rejectValue(
          "entra.clientSecret",
          "entente.invalid",
          "is set together with entente.entra.managed-identity; accepted: one way to sign in");
    } else if (e.clientSecret != null && e.clientId == null) {
      errors.rejectValue(
          "entra.clientId",
          "entente.invalid",
          "is missing while entente.entra.client-secret is set; accepted: the application"
              + " (client) id of the host's app registration");
    }
  }

  private static void between(
      Errors errors, String field, Duration value, String least, long minMillis, long maxMillis) {
    if (value.compareTo(Duration.ofMillis(minMillis)) < 0
        || value.compareTo(Duration.ofMillis(maxMillis)) > 0) {
      errors.rejectValue(
          field, "entente.invalid", "is out of range; accepted: " + least + " to 1 hour");
    }
  }
}
