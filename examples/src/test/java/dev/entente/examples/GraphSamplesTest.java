package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportStep;
import dev.entente.OrganizationDraft;
import dev.entente.graph.EntraPlan;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "The Graph samples: import, plan, apply, write back; HTTP with java.net.http (R-GPH-3)")
class GraphSamplesTest {
  @Test
  @DisplayName(
      "the README's import creates the four organizations, and importing again changes nothing")
  void theImportSampleCreatesFourAndAgainChangesNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String written = GraphSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("4 create"), printed);
    assertTrue(printed.contains("4 applied, 0 refused"), printed);
    assertTrue(printed.contains("4 unchanged; applying changes nothing"), printed);
    assertTrue(written.contains("\"cloudInstance\":\"microsoftonline.us\""), written);
  }

  /** A local server that answers as Graph does: two pages of organizations, and writes. */
  private static final class FakeGraph implements AutoCloseable {
    final HttpServer server;
    final List<String> received = Collections.synchronizedList(new ArrayList<>());

    FakeGraph(String page1, String page2) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      String root = "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations";
      server.createContext(
          "/v1.0/",
          exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(
                method + " " + path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String answer = "";
            int status;
            if (method.equals("GET") && path.equals(root)) {
              status = 200;
              answer =
                  query != null && query.contains("skiptoken")
                      ? page2
                      : page1.replace("NEXT", base() + root + "?$skiptoken=2");
            } else if (method.equals("POST") && path.equals(root)) {
              status = 201;
              answer =
                  body.replaceFirst("\\{", "{\"id\":\"11111111-2222-4333-8444-555555555555\",");
            } else if (method.equals("PATCH")) {
              status = 202;
            } else {
              status = 204;
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
              exchange.getResponseBody().write(out);
            }
            exchange.close();
          });
      server.start();
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  @DisplayName(
      "export follows @odata.nextLink into one file the plan reads; send gives created ids on")
  void exportFollowsNextLinkAndSendGivesCreatedIdsOn(@TempDir Path dir) throws Exception {
    String export =
        new String(
            GraphSample.class.getResourceAsStream("/graph-export.json").readAllBytes(),
            StandardCharsets.UTF_8);
    int split = export.indexOf("    {\n      \"id\": \"ab2e8d30");
    String page1 =
        export
            .substring(0, split)
            .replaceFirst(",\\s*$", "\n  ],\n  \"@odata.nextLink\": \"NEXT\"\n}\n")
            .replace("\"value\": [", "\"value\": [");
    String page2 = "{\n  \"value\": [\n" + export.substring(split);
    try (FakeGraph fake = new FakeGraph(page1, page2)) {
      GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL).withServiceRoot(fake.base() + "/v1.0");
      HttpClient http = HttpClient.newHttpClient();
      Path file = dir.resolve("export.json");
      assertEquals(2, GraphHttpSample.export(http, graph, "token-1", file));

      Entente entente = Entente.inMemory();
      try (GraphReader reader = graph.reader(Files.newInputStream(file))) {
        ImportPlan plan = reader.planImport(entente.organizations());
        assertEquals(4, plan.count(ImportStep.Kind.CREATE), plan::toString);
        plan.apply();
      }
      OrganizationId contoso = OrganizationId.of("8f0c6b1e-2d4a-4c3b-9e5f-1a2b3c4d5e60");
      var org = entente.organizations().get(contoso).orElseThrow();
      entente
          .organizations()
          .addInternalSponsor(
              contoso,
              org.version(),
              Sponsor.user("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21"),
              Actor.administrator("alice"));
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Tailspin")
                  .addIdentitySources(EmailDomain.of(DomainName.of("tailspin.example")))
                  .addExternalSponsors(Sponsor.user("6a4e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a22"))
                  .build(),
              Actor.administrator("alice"));
      EntraPlan toEntra;
      try (GraphReader reader = graph.reader(Files.newInputStream(file))) {
        toEntra = EntraPlan.of(reader, entente.organizations());
      }
      fake.received.clear();
      Map<OrganizationId, String> created = GraphHttpSample.send(http, graph, "token-2", toEntra);
      assertEquals(List.of("11111111-2222-4333-8444-555555555555"), List.copyOf(created.values()));
      String root = "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations";
      assertEquals(
          List.of(
              "POST " + root + " Bearer token-2",
              "POST "
                  + root
                  + "/11111111-2222-4333-8444-555555555555/externalSponsors/$ref Bearer token-2"),
          fake.received,
          toEntra::toString);
      assertTrue(
          toEntra.notes().stream().anyMatch(n -> n.startsWith("sponsors not compared")),
          toEntra::toString);
    }
  }
}
