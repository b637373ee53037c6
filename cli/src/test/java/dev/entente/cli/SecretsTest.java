package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Secrets are masked where they stand, and nothing else in a message is touched")
class SecretsTest {
  @Test
  @DisplayName("a URL's password is masked, in its user info and in its parameters, any case")
  void aUrlsPasswordIsMasked() {
    assertEquals(
        "jdbc:postgresql://u:***@db.example:5432/app",
        Secrets.scrub("jdbc:postgresql://u:S3cret@db.example:5432/app"));
    assertEquals(
        "jdbc:postgresql://db/app?user=u&password=***&ssl=true&sslpassword=***",
        Secrets.scrub("jdbc:postgresql://db/app?user=u&password=pw&ssl=true&sslpassword=k"));
    assertEquals("x?PASSWORD=***;y", Secrets.scrub("x?PASSWORD=Pw;y"));
    assertEquals(
        "grant_type=client_credentials&client_secret=***&scope=x",
        Secrets.scrub("grant_type=client_credentials&client_secret=abc~def&scope=x"));
  }

  @Test
  @DisplayName(
      "a password given in --jdbc is masked where the driver echoes it out of its URL, as a word"
          + " of its own only")
  void aGivenPasswordIsMaskedWhereTheDriverEchoesIt() {
    try {
      Secrets.rememberFrom("jdbc:postgresql://u:S3cret-pw@127.0.0.1:1/db");
      Secrets.rememberFrom("jdbc:postgresql://h/db?password=pa%20ss");
      assertEquals(
          "unknown host u:***@127.0.0.1; and ***, but S3cret-pwx stays",
          Secrets.scrub("unknown host u:S3cret-pw@127.0.0.1; and pa ss, but S3cret-pwx stays"));
      Secrets.rememberFrom("jdbc:postgresql://h/db?password=e");
      assertEquals("no such file: e.json", Secrets.scrub("no such file: e.json"));
    } finally {
      Secrets.forget();
    }
  }

  @Test
  @DisplayName("a quoted URL keeps its closing quote")
  void aQuotedUrlKeepsItsClosingQuote() {
    assertEquals(
        "URL invalid \"jdbc:postgresql://h/db?password=***\".",
        Secrets.scrub("URL invalid \"jdbc:postgresql://h/db?password=secret\"."));
    assertEquals("'jdbc:postgresql://u:***@h/db'", Secrets.scrub("'jdbc:postgresql://u:pw@h/db'"));
  }

  @Test
  @DisplayName(
      "text that merely spells a secret is left alone: \"client secret\", \"no such file\" stay"
          + " readable")
  void textThatSpellsASecretIsLeftAlone() {
    for (String message :
        new String[] {
          "no client secret: set ENTENTE_CLIENT_SECRET, or give --client-secret-file",
          "AADSTS7000215: Invalid client secret provided.",
          "no such file: export.json",
          "password authentication failed for user \"nobody\"",
          "--requestor \"tenant:72f988bf-86f1-41af-91ab-2d7cd011db47@mars\": not a cloud"
        }) {
      assertEquals(message, Secrets.scrub(message));
    }
  }
}
