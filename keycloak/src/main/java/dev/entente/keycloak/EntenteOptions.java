package dev.entente.keycloak;

import dev.entente.access.Policy;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.postgres.PostgresSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The server options of Entente in Keycloak, {@code --spi-entente--default--<name>}, validated
 * before anything starts: an error names the option, the value and what is accepted.
 *
 * @param realms the realms served, by name or id, each with its own organizations; every other
 *     realm fails closed
 * @param jdbcUrl the PostgreSQL store's JDBC URL, or null for the export file
 * @param jdbcUser its user, or null for the URL's or the driver's default
 * @param jdbcPassword its password, read from the file {@code jdbc-password-file} names; null
 *     without one (the URL's, or the driver's {@code ~/.pgpass})
 * @param schema the store's schema
 * @param poolSize the most connections the store holds open
 * @param exportFile a Graph export read at start-up, or null for the store
 * @param hostCloud the host's cloud
 * @param policy the policy of clients without the attribute {@code entente.policy}
 */
record EntenteOptions(
    Set<String> realms,
    @Nullable String jdbcUrl,
    @Nullable String jdbcUser,
    @Nullable String jdbcPassword,
    PostgresSchema schema,
    int poolSize,
    @Nullable Path exportFile,
    Cloud hostCloud,
    Policy policy) {

  /** The option prefix, for messages. */
  static final String PREFIX = "--spi-entente--default--";

  static final String REALMS = "realms";
  static final String JDBC_URL = "jdbc-url";
  static final String JDBC_USER = "jdbc-user";
  static final String JDBC_PASSWORD_FILE = "jdbc-password-file";
  static final String JDBC_PASSWORD = "jdbc-password";
  static final String SCHEMA = "schema";
  static final String POOL_SIZE = "pool-size";
  static final String EXPORT_FILE = "export-file";
  static final String CLOUD = "cloud";
  static final String POLICY = "policy";

  static final int DEFAULT_POOL_SIZE = 4;
  static final int MAX_POOL_SIZE = 64;

  /**
   * The cloud option's values, as written: {@code global}, {@code us-government}, {@code china}.
   */
  static final String CLOUDS =
      Arrays.stream(Cloud.values())
          .map(EntenteOptions::optionName)
          .collect(Collectors.joining(", "));

  /**
   * The options {@code option} gives, validated.
   *
   * @param option an option's value by its name ({@code jdbc-url} …), null when unset
   * @throws ValidationException naming the first option refused, its value and what is accepted
   */
  static EntenteOptions from(Function<String, @Nullable String> option) {
    String jdbcUrl = blankToNull(option.apply(JDBC_URL));
    String exportFile = blankToNull(option.apply(EXPORT_FILE));
    if (jdbcUrl != null && exportFile != null) {
      throw new ValidationException(
          PREFIX + EXPORT_FILE,
          exportFile,
          "is set together with " + PREFIX + JDBC_URL + ", and Entente takes one source",
          "one of the two: " + PREFIX + JDBC_URL + " (PostgreSQL) or " + PREFIX + EXPORT_FILE);
    }
    if (jdbcUrl == null && exportFile == null) {
      throw new ValidationException(
          PREFIX + JDBC_URL,
          "(unset)",
          "is unset, and so is " + PREFIX + EXPORT_FILE + ": Entente has no organizations",
          PREFIX
              + JDBC_URL
              + "=jdbc:postgresql://host/db (PostgreSQL) or "
              + PREFIX
              + EXPORT_FILE
              + "=<a Graph export of connected organizations>");
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new ValidationException(
          PREFIX + JDBC_URL,
          jdbcUrl,
          "is no PostgreSQL JDBC URL",
          "jdbc:postgresql://host[:port]/database");
    }
    if (option.apply(JDBC_PASSWORD) != null) {
      throw new ValidationException(
          PREFIX + JDBC_PASSWORD,
          "***",
          "is not taken: Keycloak's show-config would print it in clear",
          PREFIX
              + JDBC_PASSWORD_FILE
              + "=<a file holding the password>, or the driver's ~/.pgpass");
    }
    String password = null;
    String passwordFile = blankToNull(option.apply(JDBC_PASSWORD_FILE));
    if (passwordFile != null) {
      password = readPassword(passwordFile);
    }
    String schemaName = blankToNull(option.apply(SCHEMA));
    PostgresSchema schema;
    try {
      schema = schemaName == null ? PostgresSchema.standard() : PostgresSchema.named(schemaName);
    } catch (ValidationException e) {
      throw new ValidationException(
          PREFIX + SCHEMA, String.valueOf(schemaName), e.problem(), e.accepted());
    }
    Path export = null;
    if (exportFile != null) {
      export = Path.of(exportFile);
      if (!Files.isReadable(export)) {
        throw new ValidationException(
            PREFIX + EXPORT_FILE, exportFile, "is no readable file", "the path of a Graph export");
      }
    }
    String realmList = blankToNull(option.apply(REALMS));
    if (realmList == null) {
      throw new ValidationException(
          PREFIX + REALMS,
          "(unset)",
          "is unset: Entente serves named realms only, and every other realm refuses",
          "realm names or ids separated by commas, such as main,partners");
    }
    Set<String> realms =
        Collections.unmodifiableSet(new LinkedHashSet<>(Policies.LIST.splitToList(realmList)));
    String policySpec = blankToNull(option.apply(POLICY));
    return new EntenteOptions(
        realms,
        jdbcUrl,
        blankToNull(option.apply(JDBC_USER)),
        password,
        schema,
        poolSize(option.apply(POOL_SIZE)),
        export,
        cloud(option.apply(CLOUD)),
        Policies.parse(PREFIX + POLICY, policySpec == null ? "all-configured" : policySpec));
  }

  private static String readPassword(String file) {
    Path path = Path.of(file);
    try {
      List<String> lines = Files.readAllLines(path);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new ValidationException(
            PREFIX + JDBC_PASSWORD_FILE,
            file,
            "is empty",
            "a file whose first line is the password");
      }
      return lines.get(0);
    } catch (java.io.IOException e) {
      throw new ValidationException(
          PREFIX + JDBC_PASSWORD_FILE,
          file,
          "cannot be read (" + e.getClass().getSimpleName() + ")",
          "a file Keycloak can read, whose first line is the password");
    }
  }

  private static int poolSize(@Nullable String value) {
    String v = blankToNull(value);
    if (v == null) {
      return DEFAULT_POOL_SIZE;
    }
    int size;
    try {
      size = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 2 || size > MAX_POOL_SIZE) {
      throw new ValidationException(
          PREFIX + POOL_SIZE,
          v,
          "is no pool size",
          "a whole number from 2 (one listens for changes) to " + MAX_POOL_SIZE);
    }
    return size;
  }

  private static Cloud cloud(@Nullable String value) {
    String v = blankToNull(value);
    if (v == null) {
      return Cloud.GLOBAL;
    }
    for (Cloud cloud : Cloud.values()) {
      if (optionName(cloud).equals(v.strip().toLowerCase(Locale.ROOT))) {
        return cloud;
      }
    }
    throw new ValidationException(PREFIX + CLOUD, v, "is no Microsoft cloud", CLOUDS);
  }

  /** {@return how the cloud option writes {@code cloud}: us-government for US_GOVERNMENT} */
  static String optionName(Cloud cloud) {
    return cloud.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** {@return where the organizations come from, for logs and the admin endpoint} */
  String source() {
    return jdbcUrl != null
        ? "PostgreSQL schema " + schema.name()
        : "the Graph export " + exportFile;
  }

  @Override
  public String toString() { // never the password
    return "EntenteOptions[realms="
        + realms
        + ", source="
        + source()
        + ", cloud="
        + hostCloud
        + "]";
  }
}
