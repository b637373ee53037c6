package dev.entente.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every exception serializes and keeps what it names (one home for errors)")
class ExceptionsSerializeTest {
  private static final OrganizationId ID = OrganizationId.of("org-1");

  private static List<EntenteException> oneOfEach() {
    return List.of(
        new ValidationException(
            "displayName", "x\u200By", "holds an invisible character", "visible text"),
        new MissingFieldException("id", "displayName"),
        new IdentitySourceConflictException(
            IdentitySourceKey.tenant(
                Cloud.US_GOVERNMENT, TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47")),
            ID,
            "Contoso"),
        new IdentitySourceConflictException(
            IdentitySourceKey.domain(DomainName.of("contoso.com")), ID, "Contoso"),
        new IdentitySourceConflictException(
            IdentitySourceKey.provider(AccountProvider.GOOGLE), ID, "Google users"),
        new StaleVersionException(ID, Version.of(2), Version.of(3)),
        new DuplicateOrganizationException(ID),
        new OrganizationNotFoundException(ID),
        new OrganizationInUseException(ID, List.of("policy-a", "policy-b")),
        new StaleDecisionException("the organization \"Northwind\" now holds domain:n.example"),
        new PortFailureException(
            "OrganizationStore.get", new IllegalStateException("connection reset")));
  }

  @Test
  void everyExceptionTypeOfThePackageIsCoveredHere() throws IOException {
    Path dir = Path.of("src/main/java/dev/entente/errors");
    Set<String> concrete;
    try (Stream<Path> files = Files.list(dir)) {
      concrete =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith("Exception.java"))
              .map(n -> n.substring(0, n.length() - 5))
              .filter(
                  n -> {
                    try {
                      return !Modifier.isAbstract(
                          Class.forName("dev.entente.errors." + n).getModifiers());
                    } catch (ClassNotFoundException e) {
                      throw new AssertionError(e);
                    }
                  })
              .collect(Collectors.toSet());
    }
    Set<String> covered =
        oneOfEach().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
    assertEquals(
        concrete,
        covered,
        "each concrete exception of dev.entente.errors has a case in oneOfEach()");
  }

  @Test
  void everyExceptionSurvivesSerializationWithItsMessageAndFields() throws Exception {
    for (EntenteException original : oneOfEach()) {
      EntenteException copy = roundTrip(original);
      assertEquals(original.getClass(), copy.getClass());
      assertEquals(original.getMessage(), copy.getMessage(), original.getClass().getSimpleName());
      if (original instanceof IdentitySourceConflictException conflict) {
        IdentitySourceConflictException c = (IdentitySourceConflictException) copy;
        assertEquals(conflict.key(), c.key());
        assertEquals(conflict.holder(), c.holder());
        assertEquals(conflict.holderDisplayName(), c.holderDisplayName());
      } else if (original instanceof StaleVersionException stale) {
        StaleVersionException c = (StaleVersionException) copy;
        assertEquals(
            List.of(stale.id(), stale.expected(), stale.actual()),
            List.of(c.id(), c.expected(), c.actual()));
      } else if (original instanceof OrganizationInUseException inUse) {
        assertEquals(inUse.references(), ((OrganizationInUseException) copy).references());
        assertEquals(inUse.id(), ((OrganizationInUseException) copy).id());
      } else if (original instanceof ValidationException v) {
        ValidationException c = (ValidationException) copy;
        assertEquals(
            List.of(v.field(), v.rejectedValue(), v.problem(), v.accepted()),
            List.of(c.field(), c.rejectedValue(), c.problem(), c.accepted()));
      } else if (original instanceof MissingFieldException m) {
        assertEquals(m.fields(), ((MissingFieldException) copy).fields());
      } else if (original instanceof PortFailureException p) {
        assertEquals(p.port(), ((PortFailureException) copy).port());
        assertInstanceOf(IllegalStateException.class, copy.getCause());
      }
    }
  }

  private static EntenteException roundTrip(EntenteException e)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (EntenteException) in.readObject();
    }
  }
}
