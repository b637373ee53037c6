package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The changes between two organizations turn one into the other (R-MGT-1, R-MGT-6)")
class ChangesPropertyTest {
  @Test
  @DisplayName(
      "for all pairs, an update with between(a, b) gives a b's fields, and names just them")
  void anUpdateWithTheChangesBetweenGivesTheOther() {
    Generator<ConnectedOrganization> organizations = EntenteGenerators::organization;
    Property.forAll(organizations.list(2, 2))
        .examples(300)
        .checkAssert(
            pair -> {
              ConnectedOrganization a = pair.get(0);
              ConnectedOrganization generated = pair.get(1);
              ConnectedOrganization b = generated.toBuilder().id(a.id()).build();
              Set<String> differ = new LinkedHashSet<>();
              if (!a.displayName().equals(b.displayName())) {
                differ.add("displayName");
              }
              if (!a.description().equals(b.description())) {
                differ.add("description");
              }
              if (a.state() != b.state()) {
                differ.add("state");
              }
              if (!a.identitySources().equals(b.identitySources())) {
                differ.add("identitySources");
              }
              if (!a.internalSponsors().equals(b.internalSponsors())) {
                differ.add("internalSponsors");
              }
              if (!a.externalSponsors().equals(b.externalSponsors())) {
                differ.add("externalSponsors");
              }
              OrganizationChanges changes = OrganizationChanges.between(a, b);
              assertEquals(List.copyOf(differ), List.copyOf(changes.fields()));
              assertEquals(Set.of(), OrganizationChanges.between(a, a).fields());

              List<AuditEvent> audit = new ArrayList<>();
              Entente entente = Entente.builder().auditSink(audit::add).build();
              ConnectedOrganization stored =
                  entente
                      .organizations()
                      .create(
                          dev.entente.OrganizationDraft.named(a.displayName())
                              .id(a.id())
                              .description(a.description())
                              .state(a.state())
                              .identitySources(a.identitySources())
                              .internalSponsors(a.internalSponsors())
                              .externalSponsors(a.externalSponsors())
                              .build(),
                          Actor.system());
              ConnectedOrganization updated =
                  entente
                      .organizations()
                      .update(a.id(), Version.initial(), changes, Actor.system());
              assertEquals(
                  b.toBuilder()
                      .createdAt(stored.createdAt())
                      .modifiedAt(updated.modifiedAt())
                      .createdBy(stored.createdBy())
                      .modifiedBy(updated.modifiedBy())
                      .version(updated.version())
                      .build(),
                  updated);
              // one audit event for the create, and one naming the changed fields unless none
              assertEquals(differ.isEmpty() ? 1 : 2, audit.size());
              assertEquals(
                  List.copyOf(differ), List.copyOf(audit.get(audit.size() - 1).changedFields()));
            });
  }
}
