package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("all() reads every organization page by page, in the order of list (R-MGT-1)")
class AllOrganizationsTest {
  @Test
  @DisplayName("over several pages, all() is exactly the pages of list, in order")
  void allIsThePagesOfListInOrder() {
    ConnectedOrganizations orgs = Entente.inMemory().organizations();
    int count = 2 * PageRequest.MAX_SIZE + 7;
    for (int i = 0; i < count; i++) {
      orgs.create(
          OrganizationDraft.named("Org " + i)
              .addIdentitySources(EmailDomain.of(DomainName.of("org" + i + ".example")))
              .build(),
          Actor.system());
    }
    List<ConnectedOrganization> paged = new ArrayList<>();
    var page = orgs.list(PageRequest.first(PageRequest.MAX_SIZE));
    paged.addAll(page.items());
    while (page.next().isPresent()) {
      page = orgs.list(PageRequest.after(page.next().get(), PageRequest.MAX_SIZE));
      paged.addAll(page.items());
    }
    assertEquals(count, paged.size());
    assertEquals(paged, orgs.all().toList());
    assertEquals(List.of(), Entente.inMemory().organizations().all().toList());
  }
}
