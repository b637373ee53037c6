package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server options, validated by the library's own types before anything starts. */
@DisplayName("Entente's Keycloak options are validated and name what they accept")
class EntenteOptionsTest {
  private static final String URL = "jdbc:postgresql://db.example/keycloak";

  private static EntenteOptions from(Map<String, String> options) {
    return EntenteOptions.from(options::get);
  }

  private static ValidationException refused(Map<String, String> options) {
    return assertThrows(ValidationException.class, () -> from(options));
  }

  private static Map<String, String> jdbc() {
    Map<String, String> options = new HashMap<>();
    options.put("realms", "main, partners");
    options.put("jdbc-url", URL);
    return options;
  }

  @Test
  @DisplayName("the store's options, with their defaults: schema entente, pool 4, global cloud")
  void defaults() {
    EntenteOptions options = from(jdbc());
    assertEquals(java.util.Set.of("main", "partners"), options.realms());
    assertEquals(URL, options.jdbcUrl());
    assertEquals("entente", options.schema().name());
    assertEquals(4, options.poolSize());
    assertEquals(Cloud.GLOBAL, options.hostCloud());
    assertEquals("all-configured", options.policy().id());
    assertNull(options.jdbcPassword());
  }

  @Test
  @DisplayName("an unknown cloud names the option and the clouds accepted")
  void anUnknownCloud() {
    Map<String, String> options = jdbc();
    options.put("cloud", "usgov");
    ValidationException e = refused(options);
    assertEquals("--spi-entente--default--cloud", e.field());
    assertEquals("usgov", e.rejectedValue());
    assertEquals("global, us-government, china", e.accepted());
    options.put("cloud", "US-Government");
    assertEquals(Cloud.US_GOVERNMENT, from(options).hostCloud());
  }

  @Test
  @DisplayName("two sources at once are refused, and so is none")
  void oneSource(@TempDir Path dir) throws Exception {
    Path export = Files.writeString(dir.resolve("export.json"), "{\"value\":[]}");
    Map<String, String> options = jdbc();
    options.put("export-file", export.toString());
    ValidationException both = refused(options);
    assertEquals("--spi-entente--default--export-file", both.field());
    assertTrue(both.problem().contains("jdbc-url"), both.problem());
    options.remove("jdbc-url");
    assertEquals(export, from(options).exportFile());
    options.remove("export-file");
    ValidationException none = refused(options);
    assertTrue(none.accepted().contains("export-file"), none.accepted());
  }

  @Test
  @DisplayName("the password is never an option, which show-config would print; a file gives it")
  void thePasswordComesFromAFile(@TempDir Path dir) throws Exception {
    Map<String, String> options = jdbc();
    options.put("jdbc-password", "s3cret");
    ValidationException e = refused(options);
    assertEquals("--spi-entente--default--jdbc-password", e.field());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertTrue(e.accepted().contains("jdbc-password-file"), e.accepted());
    options.remove("jdbc-password");
    options.put("jdbc-password-file", Files.writeString(dir.resolve("pw"), "s3cret\n").toString());
    EntenteOptions read = from(options);
    assertEquals("s3cret", read.jdbcPassword());
    assertFalse(read.toString().contains("s3cret"), read.toString());
    options.put("jdbc-password-file", dir.resolve("missing").toString());
    assertEquals("--spi-entente--default--jdbc-password-file", refused(options).field());
  }

  @Test
  @DisplayName("realms must be named: the organizations belong to them and every other refuses")
  void realmsAreRequired() {
    Map<String, String> options = jdbc();
    options.remove("realms");
    assertEquals("--spi-entente--default--realms", refused(options).field());
  }

  @Test
  @DisplayName("a bad pool size, schema, URL or policy names its option")
  void eachOptionIsChecked() {
    for (String[] bad :
        new String[][] {
          {"pool-size", "1"},
          {"pool-size", "many"},
          {"schema", "pg_catalog"},
          {"jdbc-url", "jdbc:mysql://db/x"},
          {"policy", "everyone"}
        }) {
      Map<String, String> options = jdbc();
      options.put(bad[0], bad[1]);
      ValidationException e = refused(options);
      assertEquals("--spi-entente--default--" + bad[0], e.field(), e.getMessage());
      assertEquals(bad[1], e.rejectedValue());
    }
  }
}
