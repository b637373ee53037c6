package dev.entente.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.entente.model.Sponsor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Writes Graph's JSON with a Jackson generator, property by property, in Graph's order. */
final class GraphWriter {
  private GraphWriter() {}

  static void organization(JsonGenerator g, GraphOrganization org) throws IOException {
    g.writeStartObject();
    string(g, "id", org.id());
    string(g, "displayName", org.displayName());
    string(g, "description", org.description());
    string(g, "state", org.state());
    string(g, "createdDateTime", org.createdDateTime());
    string(g, "modifiedDateTime", org.modifiedDateTime());
    g.writeArrayFieldStart("identitySources");
    for (GraphIdentitySource source : org.identitySources()) {
      identitySource(g, source, true);
    }
    g.writeEndArray();
    sponsors(g, "internalSponsors", org.internalSponsors());
    sponsors(g, "externalSponsors", org.externalSponsors());
    if (org.version().isPresent()) {
      g.writeNumberField("@entente.version", org.version().get().value());
    }
    string(g, "@entente.createdBy", org.createdBy().map(Object::toString));
    string(g, "@entente.modifiedBy", org.modifiedBy().map(Object::toString));
    g.writeEndObject();
  }

  /** One identity source; Entente's annotation only when {@code annotated}, never to Graph. */
  static void identitySource(JsonGenerator g, GraphIdentitySource source, boolean annotated)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("@odata.type", source.type().odataType());
    string(g, "displayName", source.displayName());
    string(g, "tenantId", source.tenantId());
    string(g, "cloudInstance", source.cloudInstance());
    string(g, "domainName", source.domainName());
    string(g, "issuerUri", source.issuerUri());
    string(g, "socialIdentitySourceType", source.socialIdentitySourceType());
    if (annotated) {
      string(g, "@entente.accountProvider", source.accountProvider());
    }
    g.writeEndObject();
  }

  private static void sponsors(JsonGenerator g, String name, Optional<List<Sponsor>> sponsors)
      throws IOException {
    if (sponsors.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (Sponsor sponsor : sponsors.get()) {
      g.writeStartObject();
      g.writeStringField(
          "@odata.type",
          sponsor.kind() == Sponsor.Kind.GROUP
              ? "#microsoft.graph.group"
              : "#microsoft.graph.user");
      g.writeStringField("id", sponsor.id());
      string(g, "displayName", sponsor.displayName());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void string(JsonGenerator g, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    }
  }
}
