package dev.entente.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An identity source that admits the users of one Microsoft Entra tenant (R-SRC-1), whichever of
 * its verified domains their addresses are in. Matching goes by tenant and cloud; the email domain
 * plays no part (R-MAT-1, R-MAT-2).
 *
 * <p>The display name defaults to the tenant id; {@code DirectoryLookup} gives the real name.
 */
@Value.Immutable
public abstract non-sealed class EntraTenant implements IdentitySource {
  EntraTenant() {}

  /**
   * {@return a tenant in the given cloud}
   *
   * @param tenantId the tenant id
   * @param cloud the cloud
   * @param displayName the display name
   */
  public static EntraTenant of(TenantId tenantId, Cloud cloud, String displayName) {
    return builder().tenantId(tenantId).cloud(cloud).displayName(displayName).build();
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this value's fields} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return the tenant's id} */
  public abstract TenantId tenantId();

  /** {@return the cloud the tenant lives in; {@link Cloud#GLOBAL} unless set} */
  @Value.Default
  public Cloud cloud() {
    return Cloud.GLOBAL;
  }

  @Override
  @Value.Default
  public String displayName() {
    return tenantId().toString();
  }

  @Override
  public final Kind kind() {
    return Kind.ENTRA_TENANT;
  }

  @Override
  @Value.Derived
  @Value.Auxiliary
  public IdentitySourceKey key() {
    return IdentitySourceKey.tenant(cloud(), tenantId());
  }

  @Override
  public final Optional<DomainName> domain() {
    return Optional.empty();
  }

  @Value.Check
  EntraTenant normalize() {
    String name = Text.displayName("displayName", displayName());
    return name.equals(displayName()) ? this : toBuilder().displayName(name).build();
  }

  /**
   * Builds {@link EntraTenant} values. Its setters: {@code tenantId(TenantId)} (required), {@code
   * cloud(Cloud)} ({@code GLOBAL} unless set), {@code displayName(String)}; {@code
   * from(EntraTenant)} copies a value; {@code build()} checks it (R-SRC-1).
   */
  public static final class Builder extends ImmutableEntraTenant.Builder {
    Builder() {}
  }
}
