package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.EmailAddress;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.ValidationException;
import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import dev.entente.graph.GraphReader;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.PageCursor;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Every parser under Jazzer: whatever the input, it parses or is refused with a {@link
 * ValidationException}; any other exception is a finding. The build replays the inputs kept in
 * {@code src/test/resources/dev/entente/ParsersFuzzTestInputs/<method>/}; to fuzz one parser, run
 * {@code JAZZER_FUZZ=1 mvn -B -pl fuzz -am test -Dtest=ParsersFuzzTest#domainName
 * -Dsurefire.failIfNoSpecifiedTests=false}, and keep any finding there as a regression input.
 *
 * <p>This class sits in package {@code dev.entente} so that Jazzer instruments all of Entente's
 * packages for coverage.
 */
class ParsersFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void domainName(FuzzedDataProvider data) {
    DomainName name = parsesOrRefuses(DomainName::of, data.consumeRemainingAsString());
    if (name == null) {
      return;
    }
    assertEquals(name, DomainName.of(name.ascii()), "canonical twice is canonical once");
    assertEquals(name, DomainName.of(name.unicode()), "the Unicode form is the same name");
  }

  @FuzzTest(maxDuration = "60s")
  void emailAddress(FuzzedDataProvider data) {
    parsesOrRefuses(EmailAddress::of, data.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "60s")
  void issuerUri(FuzzedDataProvider data) {
    IssuerUri issuer = parsesOrRefuses(IssuerUri::of, data.consumeRemainingAsString());
    if (issuer == null) {
      return;
    }
    assertEquals(issuer, IssuerUri.of(issuer.toString()), "a normalised issuer parses to itself");
  }

  @FuzzTest(maxDuration = "30s")
  void tenantId(FuzzedDataProvider data) {
    parsesOrRefuses(TenantId::of, data.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "30s")
  void organizationIdAndCursor(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    parsesOrRefuses(OrganizationId::of, input);
    parsesOrRefuses(PageCursor::parse, input);
    parsesOrRefuses(s -> OrganizationQuery.builder().nameContains(s), input);
  }

  @FuzzTest(maxDuration = "60s")
  void restrictionsAndDirectoryFile(FuzzedDataProvider data) {
    String entry = data.consumeString(300);
    String file = data.consumeRemainingAsString();
    parsesOrRefuses(s -> CollaborationRestrictions.deny(List.of(s)), entry);
    parsesOrRefuses(s -> CollaborationRestrictions.allow(List.of(s, "contoso.com")), entry);
    parsesOrRefuses(s -> StaticDirectoryLookup.parse(new StringReader(s)), file);
  }

  /**
   * Graph JSON: whatever the bytes, the reader yields organizations or {@link
   * GraphFormatException}s and stops; what the model accepts writes and reads back as itself.
   */
  @FuzzTest(maxDuration = "120s")
  void graphJson(FuzzedDataProvider data) {
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
    byte[] input = data.consumeRemainingAsBytes();
    try (GraphReader reader = graph.reader(new ByteArrayInputStream(input))) {
      while (reader.hasNext()) {
        GraphOrganization read;
        try {
          read = reader.next();
        } catch (GraphFormatException e) {
          continue;
        }
        ConnectedOrganization org;
        try {
          org = graph.toOrganization(read);
        } catch (GraphFormatException e) {
          continue;
        }
        assertEquals(org, graph.toOrganization(graph.readOrganization(graph.write(org))));
      }
    }
  }

  /**
   * The invitation gate's Graph JSON (R-XTA-3): whatever the bytes, cross-tenant access settings
   * and a domain list read or are refused with a {@link GraphFormatException}; what is read writes
   * and reads back as itself.
   */
  @FuzzTest(maxDuration = "120s")
  void crossTenantJson(FuzzedDataProvider data) {
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
    boolean domains = data.consumeBoolean();
    String input = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    try {
      if (domains) {
        CollaborationRestrictions read = graph.readB2BManagementPolicy(input);
        assertEquals(read, graph.readB2BManagementPolicy(graph.writeB2BManagementPolicy(read)));
      } else {
        CrossTenantAccess read = graph.readCrossTenantAccess(input);
        assertEquals(read, graph.readCrossTenantAccess(graph.writeCrossTenantAccess(read)));
      }
    } catch (GraphFormatException refused) {
      // the typed refusal, at its pointer
    }
  }

  /**
   * What {@code parser} made of {@code input}, or null when it refused it with the library's typed
   * error.
   */
  private static <T> T parsesOrRefuses(Function<String, T> parser, String input) {
    try {
      return parser.apply(input);
    } catch (ValidationException refused) {
      return null;
    }
  }
}
