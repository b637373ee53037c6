package dev.entente.entra;

import dev.entente.entra.fake.FakeEntra;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fills a {@link FakeEntra} with organizations of every Graph kind, and their sponsors. */
final class Seeds {
  private Seeds() {}

  /** Sponsor objects the seeded organizations take: users u0…, groups g0…. */
  static String user(int i) {
    return new UUID(0xA11CEL, i).toString();
  }

  static String group(int i) {
    return new UUID(0x6E0E9L, i).toString();
  }

  /**
   * Adds {@code count} organizations (tenants, email domains, federations, in turn), each with one
   * to three sponsors, and returns their ids in the order added.
   */
  static List<String> organizations(FakeEntra entra, int count) {
    for (int i = 0; i < 40; i++) {
      entra.addUser(user(i), "User " + i);
      entra.addGroup(group(i), "Group " + i);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String source =
          switch (i % 3) {
            case 0 ->
                "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\""
                    + new UUID(0x7E4A47L, i)
                    + "\",\"displayName\":\"Tenant "
                    + i
                    + "\"}";
            case 1 ->
                "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"org"
                    + i
                    + ".example\",\"displayName\":\"org"
                    + i
                    + ".example\"}";
            default ->
                "{\"@odata.type\":\"#microsoft.graph.externalDomainFederation\",\"domainName\":\"fed"
                    + i
                    + ".example\",\"displayName\":\"Federation "
                    + i
                    + "\",\"issuerUri\":\"https://sts.fed"
                    + i
                    + ".example/adfs/services/trust\"}";
          };
      String id =
          entra.addOrganization(
              "{\"displayName\":\"Organization "
                  + i
                  + "\",\"description\":\"seeded\",\"state\":\""
                  + (i % 7 == 0 ? "proposed" : "configured")
                  + "\",\"identitySources\":["
                  + source
                  + "]}");
      entra.addSponsor(id, true, false, user(i % 40), "User " + (i % 40));
      if (i % 2 == 0) {
        entra.addSponsor(id, false, true, group(i % 40), "Group " + (i % 40));
      }
      if (i % 5 == 0) {
        entra.addSponsor(id, false, false, user((i + 1) % 40), "User " + ((i + 1) % 40));
      }
      ids.add(id);
    }
    return ids;
  }
}
