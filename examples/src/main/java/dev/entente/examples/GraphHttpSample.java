package dev.entente.examples;

import dev.entente.graph.EntraPlan;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.graph.GraphRequest;
import dev.entente.model.OrganizationId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a host talks to Microsoft Graph with the JDK's own {@code java.net.http} client: Entente
 * makes and reads the JSON, the host sends it. {@link #export} follows {@code @odata.nextLink} page
 * by page into one file of concatenated pages, which {@link GraphJson#reader} reads back whole;
 * {@link #send} sends an {@link EntraPlan}'s requests, giving the requests that follow a create the
 * id Graph answered with. The access token is the host's business (MSAL, a managed identity, …).
 *
 * <p>The tests run it against a local HTTP server that answers as Graph does, never a real tenant.
 */
public final class GraphHttpSample {
  private GraphHttpSample() {}

  /**
   * Downloads every page of the tenant's connected organizations into {@code file}.
   *
   * @return how many pages
   */
  static int export(HttpClient http, GraphJson graph, String token, Path file)
      throws IOException, InterruptedException {
    Optional<String> next =
        Optional.of(graph.organizationsUrl() + "?$expand=internalSponsors,externalSponsors");
    int pages = 0;
    try (OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      while (next.isPresent()) {
        HttpResponse<byte[]> page =
            http.send(
                HttpRequest.newBuilder(URI.create(next.get()))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (page.statusCode() != 200) {
          throw new IOException("Graph answered " + page.statusCode() + " for " + next.get());
        }
        out.write(page.body());
        pages++;
        try (GraphReader reader = graph.reader(new java.io.ByteArrayInputStream(page.body()))) {
          while (reader.hasNext()) {
            reader.next(); // the plan reports problems later; here only the next link matters
          }
          next = reader.nextLink();
        } catch (RuntimeException e) {
          throw new IOException("page " + pages + " is not Graph JSON: " + e.getMessage(), e);
        }
      }
    }
    return pages;
  }

  /**
   * Sends the plan's requests in order.
   *
   * @return the Graph ids of the organizations the plan created, by store id
   */
  static Map<OrganizationId, String> send(
      HttpClient http, GraphJson graph, String token, EntraPlan plan)
      throws IOException, InterruptedException {
    Map<OrganizationId, String> created = new HashMap<>();
    for (GraphRequest request : plan.requests()) {
      GraphRequest ready = request;
      if (request.needsGraphId()) {
        String id = created.get(request.organization());
        if (id == null) {
          throw new IOException("no create before " + request.method() + " " + request.url());
        }
        ready = request.withGraphId(id);
      }
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(ready.url()))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .method(
                      ready.method().name(),
                      ready
                          .body()
                          .map(HttpRequest.BodyPublishers::ofString)
                          .orElse(HttpRequest.BodyPublishers.noBody()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException(
            "Graph answered "
                + response.statusCode()
                + " to "
                + ready.method()
                + " "
                + ready.url());
      }
      if (ready.createsOrganization()) {
        // Graph answers a create with the new organization: later requests need its id
        created.put(
            ready.organization(), graph.readOrganization(response.body()).id().orElseThrow());
      }
    }
    return created;
  }
}
