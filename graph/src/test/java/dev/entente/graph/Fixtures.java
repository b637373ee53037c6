package dev.entente.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON fixtures under {@code src/test/resources/graph}. */
final class Fixtures {
  /** The examples Microsoft's Graph v1.0 documentation prints; see docs/README.md beside them. */
  static final List<String> DOCS =
      List.of(
          "connectedorganization-resource.json",
          "list-response.json",
          "get-response.json",
          "create-request.json",
          "create-response.json",
          "update-request.json",
          "update-response.json",
          "internalsponsors-list-response.json");

  /** The identity-source resource representations of the same documentation. */
  static final List<String> SOURCE_DOCS =
      List.of(
          "azureactivedirectorytenant-resource.json",
          "crosscloudazureactivedirectorytenant-resource.json",
          "domainidentitysource-resource.json",
          "externaldomainfederation-resource.json",
          "socialidentitysource-resource.json");

  private Fixtures() {}

  static String doc(String name) {
    return read("/graph/docs/" + name);
  }

  static String read(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
