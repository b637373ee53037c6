package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExamplesTest {
  @Test
  void theReadmeSampleBuildsAConfiguredOrganizationWithCanonicalDomains() {
    ConnectedOrganization contoso = QuickStart.contoso();
    assertEquals(OrganizationState.CONFIGURED, contoso.state());
    assertEquals("domain:contoso-partners.com", contoso.identitySources().get(1).key().toString());
  }

  @Test
  void theWalkthroughConnectsOneOrganizationOfEachKindAndShowsRefusals() {
    assertEquals(EnumSet.allOf(IdentitySource.Kind.class), Walkthrough.organizations().stream()
        .map(o -> o.identitySources().get(0).kind()).collect(Collectors.toCollection(() -> EnumSet.noneOf(IdentitySource.Kind.class))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Walkthrough(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("domainName: \"*.contoso.com\" is a wildcard"), printed);
    assertTrue(printed.contains("identitySources: \"[]\" is empty"), printed);
    assertTrue(printed.contains("key domain:woodgrove.com"), printed);
    assertTrue(printed.contains("equal to \"XN--BCHER-KVA.example.\": true"), printed);
  }
}
