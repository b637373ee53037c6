package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A host that re-imports organizations with stable ids deletes and creates the same ids again and
 * again; the in-memory store must list each live id once, in order, at every page size (R-MGT-1).
 */
@DisplayName("Re-imports with stable ids, for all delete/recreate sequences (R-MGT-1)")
class ReimportPropertyTest {
  record Step(int id, boolean delete) {}

  record Script(List<Step> steps, int pageSize) {}

  static Script script(RandomGenerator random) {
    List<Step> steps = new ArrayList<>();
    for (int i = random.nextInt(1, 200); i > 0; i--) {
      steps.add(new Step(random.nextInt(12), random.nextInt(3) == 0));
    }
    return new Script(steps, random.nextInt(1, 6));
  }

  private static ConnectedOrganization org(int id) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of("org-" + (char) ('a' + id)))
        .displayName("Organization " + id)
        .addIdentitySources(EmailDomain.of(DomainName.of("org" + id + ".example")))
        .createdAt(Instant.EPOCH)
        .createdBy(dev.entente.model.Actor.system())
        .build();
  }

  @Test
  @DisplayName("every live id is listed once, in id order, whatever was deleted and re-created")
  void everyLiveIdIsListedOnceInOrder() {
    Property.forAll(ReimportPropertyTest::script)
        .examples(300)
        .checkAssert(
            script -> {
              InMemoryOrganizationStore store = new InMemoryOrganizationStore();
              TreeMap<OrganizationId, ConnectedOrganization> model = new TreeMap<>();
              for (Step step : script.steps()) {
                ConnectedOrganization org = org(step.id());
                if (step.delete() && model.containsKey(org.id())) {
                  store.delete(org.id(), Version.initial());
                  model.remove(org.id());
                } else if (!step.delete() && !model.containsKey(org.id())) {
                  store.create(org);
                  model.put(org.id(), org);
                }
              }
              assertEquals(
                  new ArrayList<>(model.keySet()),
                  Pages.all(store, script.pageSize()).stream()
                      .map(ConnectedOrganization::id)
                      .toList(),
                  "pages of " + script.pageSize());
            });
  }
}
