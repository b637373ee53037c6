package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entente.access.EmailAddress;
import dev.entente.access.Requestor;
import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The documented requestor syntax names every sign-in kind (R-REQ-1)")
class RequestorSyntaxTest {
  private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  @Test
  @DisplayName("each form reads as the requestor it documents")
  void eachFormReadsAsItsRequestor() {
    assertEquals(
        Requestor.entraUser(TenantId.of(TENANT), Cloud.GLOBAL),
        ExplainCommand.requestor("tenant:" + TENANT));
    assertEquals(
        Requestor.entraUser(TenantId.of(TENANT), Cloud.US_GOVERNMENT),
        ExplainCommand.requestor("tenant:" + TENANT + "@us-government"));
    assertEquals(
        Requestor.federatedUser(
            IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"),
            DomainName.of("fabrikam.com")),
        ExplainCommand.requestor(
            "federation:fabrikam.com@https://sts.fabrikam.com/adfs/services/trust"));
    assertEquals(
        Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true),
        ExplainCommand.requestor("otp:jo@northwind.example"));
    assertEquals(
        Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), false),
        ExplainCommand.requestor("otp-unverified:jo@northwind.example"));
    assertEquals(
        Requestor.socialUser(
            AccountProvider.MICROSOFT_ACCOUNT, EmailAddress.of("jo@outlook.com"), true),
        ExplainCommand.requestor("social:microsoft-account:jo@outlook.com"));
    assertEquals(
        Requestor.socialUser(AccountProvider.GOOGLE, EmailAddress.of("jo@gmail.com"), false),
        ExplainCommand.requestor("social-unverified:google:jo@gmail.com"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "sms:+1234",
        "tenant:" + TENANT + "@mars",
        "federation:fabrikam.com",
        "social:myspace:jo@example.com",
        "social:jo@example.com",
        ""
      })
  @DisplayName("anything else is refused, saying what is accepted")
  void anythingElseIsRefused(String text) {
    Exports.BadInput e = assertThrows(Exports.BadInput.class, () -> ExplainCommand.requestor(text));
    assertEquals(
        true,
        e.getMessage().startsWith("--requestor \"" + text + "\"")
            && e.getMessage().contains("; accepted: "),
        e.getMessage());
  }
}
