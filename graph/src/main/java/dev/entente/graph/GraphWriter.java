package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.entente.OrganizationChanges;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writes Graph's JSON with a Jackson generator, property by property, in Graph's order: documents
 * and list pages of organizations, and the bodies of Graph's create, update and sponsor calls. The
 * writing half of {@link GraphJson}, beside {@link GraphReader}; it maps the model to Graph's shape
 * with the same {@link GraphMapping}.
 */
final class GraphWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private static final String ORGANIZATIONS =
      "identityGovernance/entitlementManagement/connectedOrganizations";

  private final GraphMapping mapping;
  private final String serviceRoot;

  GraphWriter(GraphMapping mapping, String serviceRoot) {
    this.mapping = mapping;
    this.serviceRoot = serviceRoot;
  }

  /** One organization as a JSON document. */
  String organization(GraphOrganization org) {
    return json(g -> organization(g, org));
  }

  String createBody(ConnectedOrganization org) {
    requireNonNull(org, "org");
    GraphIdentitySource first = requestable(org, 0);
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("displayName", org.displayName());
          if (org.description().isPresent()) {
            g.writeStringField("description", org.description().get());
          }
          g.writeArrayFieldStart("identitySources");
          identitySource(g, first, false);
          g.writeEndArray();
          g.writeStringField("state", org.state().name().toLowerCase(Locale.ROOT));
          g.writeEndObject();
        });
  }

  Optional<String> updateBody(ConnectedOrganization before, ConnectedOrganization after) {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    OrganizationChanges changes = OrganizationChanges.between(before, after);
    Set<String> fields = changes.fields();
    if (!(fields.contains("displayName")
        || fields.contains("description")
        || fields.contains("state")
        || fields.contains("identitySources"))) {
      return Optional.empty();
    }
    List<GraphIdentitySource> graphSources = new ArrayList<>();
    if (changes.identitySources().isPresent()) {
      for (int i = 0; i < after.identitySources().size(); i++) {
        graphSources.add(requestable(after, i));
      }
    }
    return Optional.of(
        json(
            g -> {
              g.writeStartObject();
              if (changes.displayName().isPresent()) {
                g.writeStringField("displayName", changes.displayName().get());
              }
              if (changes.description().isPresent()) {
                g.writeFieldName("description");
                if (after.description().isPresent()) {
                  g.writeString(after.description().get());
                } else {
                  g.writeNull();
                }
              }
              if (changes.state().isPresent()) {
                g.writeStringField("state", after.state().name().toLowerCase(Locale.ROOT));
              }
              if (changes.identitySources().isPresent()) {
                g.writeArrayFieldStart("identitySources");
                for (GraphIdentitySource source : graphSources) {
                  identitySource(g, source, false);
                }
                g.writeEndArray();
              }
              g.writeEndObject();
            }));
  }

  String sponsorReferenceBody(Sponsor sponsor) {
    requireNonNull(sponsor, "sponsor");
    String url =
        serviceRoot
            + (sponsor.kind() == Sponsor.Kind.GROUP ? "/groups/" : "/users/")
            + sponsor.id();
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("@odata.id", url);
          g.writeEndObject();
        });
  }

  String organizationsUrl() {
    return serviceRoot + "/" + ORGANIZATIONS;
  }

  void page(Iterator<ConnectedOrganization> orgs, OutputStream out) {
    requireNonNull(out, "out");
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeArrayFieldStart("value");
      while (orgs.hasNext()) {
        organization(g, mapping.toGraph(orgs.next()));
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Graph form of source {@code i} of {@code org}, refused when Graph v1.0 has none. */
  private GraphIdentitySource requestable(ConnectedOrganization org, int i) {
    IdentitySource source = org.identitySources().get(i);
    if (source instanceof SocialProvider social && social.provider() != AccountProvider.FACEBOOK) {
      throw new ValidationException(
          "identitySources[" + i + "]",
          source.key(),
          "has no form in Graph v1.0, whose socialIdentitySourceType names only facebook",
          "Entra tenant, email domain, federation and Facebook sources");
    }
    return mapping.toGraph(source);
  }

  /** Something that writes JSON and may fail as a generator does. */
  interface Json {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(Json body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator((Writer) out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

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
