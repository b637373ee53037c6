package dev.entente.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EntraTenant;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory store answers a search by an exact tenant id from its key index (R-MGT-2). */
@DisplayName("In-memory search by tenant id, in every cloud (R-MGT-2, R-SRC-2)")
class InMemorySearchTest {
  private static final TenantId TENANT = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  private static final OrganizationQuery BY_TENANT =
      OrganizationQuery.builder().tenantId(TENANT).build();

  private static ConnectedOrganization org(String id, Cloud cloud) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of(id))
        .displayName(id)
        .addIdentitySources(EntraTenant.of(TENANT, cloud, id))
        .createdAt(Instant.EPOCH)
        .createdBy(Actor.system())
        .build();
  }

  /** Every match, in pages of one. */
  private static List<String> found(InMemoryOrganizationStore store) {
    List<String> out = new ArrayList<>();
    Page<ConnectedOrganization> page = store.search(BY_TENANT, PageRequest.first(1));
    page.items().forEach(o -> out.add(o.id().toString()));
    while (page.next().isPresent()) {
      page = store.search(BY_TENANT, PageRequest.after(page.next().get(), 1));
      page.items().forEach(o -> out.add(o.id().toString()));
    }
    return out;
  }

  @Test
  void aTenantIsFoundInEveryCloudAsOrganizationsComeAndGo() {
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    ConnectedOrganization gov = store.create(org("gov", Cloud.US_GOVERNMENT));
    assertEquals(List.of("gov"), found(store));
    ConnectedOrganization global = store.create(org("global", Cloud.GLOBAL));
    assertEquals(List.of("global", "gov"), found(store), "in id order, across pages");
    store.delete(gov.id(), gov.version());
    assertEquals(List.of("global"), found(store));
    store.delete(global.id(), global.version());
    store.create(org("china", Cloud.CHINA));
    assertEquals(List.of("china"), found(store), "another cloud's tenant after none was left");
    ConnectedOrganization moved =
        store.get(OrganizationId.of("china")).orElseThrow().toBuilder()
            .identitySources(List.of(EntraTenant.of(TENANT, Cloud.GLOBAL, "china")))
            .version(dev.entente.model.Version.of(2))
            .build();
    store.update(moved);
    assertEquals(List.of("china"), found(store), "moved to the global cloud");
  }
}
