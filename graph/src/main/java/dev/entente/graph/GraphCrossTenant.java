package dev.entente.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.CrossTenantAccess.AccessType;
import dev.entente.access.CrossTenantAccess.B2BSetting;
import dev.entente.access.CrossTenantAccess.Partner;
import dev.entente.access.CrossTenantAccess.Rule;
import dev.entente.access.CrossTenantAccess.Target;
import dev.entente.access.CrossTenantAccess.TargetType;
import dev.entente.access.RedemptionOrder;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Graph v1.0's cross-tenant access settings ({@code crossTenantAccessPolicy}, its {@code default}
 * and {@code partners}) and beta's {@code b2bManagementPolicy} domain list, in and out
 * (docs/rules.md §12). The documents are small, so each is read whole into a tree of plain values
 * and then walked with its JSON pointer, every refusal naming where it is.
 */
final class GraphCrossTenant {
  /** JSON {@code null}, apart from an absent property. */
  private static final Object NULL = new Object();

  private static final String SETTING_ACCEPTS = "a crossTenantAccessPolicyB2BSetting object";
  private static final String ENDPOINTS =
      "microsoftonline.com, microsoftonline.us or partner.microsoftonline.cn";

  private final JsonFactory factory;
  private final Cloud homeCloud;

  /** The service root a page's next link must be below, as {@link GraphReader} checks it. */
  private final String serviceRoot;

  GraphCrossTenant(JsonFactory factory, Cloud homeCloud, String serviceRoot) {
    this.factory = factory;
    this.homeCloud = homeCloud;
    this.serviceRoot = serviceRoot;
  }

  // ---- reading ----

  /** The policy with its default and partners expanded, or its parts as a connector assembles. */
  CrossTenantAccess policy(String json) {
    Map<String, Object> root = object(parse(json), "");
    String at = "";
    if (root.size() == 1 && root.get("value") instanceof Map<?, ?>) {
      root = object(root.get("value"), "/value"); // the Get example's wrapper
      at = "/value";
    }
    CrossTenantAccess.Builder b = CrossTenantAccess.builder().homeCloud(homeCloud);
    Object endpoints = root.get("allowedCloudEndpoints");
    if (endpoints != null && endpoints != NULL) {
      b.allowedClouds(clouds(endpoints, at + "/allowedCloudEndpoints"));
    }
    Object def = root.get("default");
    if (def != null) {
      Map<String, Object> config = object(def, at + "/default");
      b.defaultInbound(defaultInbound(config, at + "/default"));
      Object order = config.get("invitationRedemptionIdentityProviderConfiguration");
      if (order != null && order != NULL) {
        String p = at + "/default/invitationRedemptionIdentityProviderConfiguration";
        b.redemptionOrder(redemptionOrder(object(order, p), p));
      }
    }
    Object partners = root.get("partners");
    if (partners != null && partners != NULL) {
      List<Object> list = array(partners, at + "/partners");
      for (int i = 0; i < list.size(); i++) {
        String p = at + "/partners/" + i;
        Partner partner = partner(object(list.get(i), p), p);
        b.partner(partner);
      }
    }
    return build(b, at);
  }

  /** The default configuration's B2B collaboration inbound setting. */
  B2BSetting defaultConfiguration(String json) {
    return defaultInbound(object(parse(json), ""), "");
  }

  /** One partner configuration. */
  Partner partner(String json) {
    return partner(object(parse(json), ""), "");
  }

  /** One page of partner configurations. */
  GraphJson.Page<Partner> partnerPage(String json) {
    Map<String, Object> page = object(parse(json), "");
    List<Object> values =
        array(required(page, "value", "", "a page: {\"value\": [...]}"), "/value");
    List<Partner> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(partner(object(values.get(i), "/value/" + i), "/value/" + i));
    }
    Object next = page.get("@odata.nextLink");
    if (next == null || next == NULL) {
      return new GraphJson.Page<>(out, Optional.empty());
    }
    String link = string(next, "/@odata.nextLink");
    if (!GraphJson.isBelow(serviceRoot, link)) {
      throw refused(
          "/@odata.nextLink",
          link,
          "is not a link on the service root " + serviceRoot,
          "a next link below " + serviceRoot + ", as Graph writes it");
    }
    return new GraphJson.Page<>(out, Optional.of(link));
  }

  /** The clouds of {@code crossTenantAccessPolicy} alone. */
  Set<Cloud> allowedClouds(String json) {
    return policy(json).allowedClouds();
  }

  /**
   * The domain list of the organization default among b2bManagementPolicy objects: a page, or one
   * policy.
   */
  CollaborationRestrictions domainList(String json) {
    Map<String, Object> root = object(parse(json), "");
    List<Object> policies;
    String at;
    if (root.containsKey("value")) {
      policies = array(root.get("value"), "/value");
      at = "/value/";
    } else {
      policies = List.of(root);
      at = "";
    }
    CollaborationRestrictions found = null;
    for (int i = 0; i < policies.size(); i++) {
      String p = at.isEmpty() ? "" : at + i;
      Map<String, Object> policy = object(policies.get(i), p);
      if (policies.size() > 1 && !isOrganizationDefault(policy, p)) {
        continue;
      }
      if (found != null) {
        throw refused(
            p + "/isOrganizationDefault",
            "true",
            "is a second organization default",
            "one b2bManagementPolicy with isOrganizationDefault true");
      }
      found = definitionList(policy, p);
    }
    return found == null ? CollaborationRestrictions.none() : found;
  }

  private boolean isOrganizationDefault(Map<String, Object> policy, String at) {
    Object v = policy.get("isOrganizationDefault");
    if (v == null || v == NULL) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return s.equals("true"); // Graph's own example quotes it
    }
    throw refused(at + "/isOrganizationDefault", v, "is not a Boolean", "true or false");
  }

  private CollaborationRestrictions definitionList(Map<String, Object> policy, String at) {
    List<Object> definition =
        array(
            required(policy, "definition", at, "a definition: an array of one JSON string"),
            at + "/definition");
    CollaborationRestrictions out = CollaborationRestrictions.none();
    for (int i = 0; i < definition.size(); i++) {
      String p = at + "/definition/" + i;
      String text = string(definition.get(i), p);
      Object tree;
      try {
        tree = parse(text, true);
      } catch (GraphFormatException e) {
        throw refused(p, text, "is not JSON: " + e.problem(), "a JSON object as a string");
      }
      Map<String, Object> root = object(tree, p);
      Object b2b = root.get("B2BManagementPolicy");
      if (!(b2b instanceof Map<?, ?>)) {
        continue;
      }
      Object lists = object(b2b, p).get("InvitationsAllowedAndBlockedDomainsPolicy");
      if (lists == null || lists == NULL) {
        continue;
      }
      Map<String, Object> domains = object(lists, p);
      List<String> allowed = strings(domains.get("AllowedDomains"), p, "AllowedDomains");
      List<String> blocked = strings(domains.get("BlockedDomains"), p, "BlockedDomains");
      boolean hasAllowed = domains.get("AllowedDomains") instanceof List<?>;
      try {
        if (!allowed.isEmpty() && !blocked.isEmpty()) {
          throw new ValidationException(
              "InvitationsAllowedAndBlockedDomainsPolicy",
              allowed.size() + " allowed, " + blocked.size() + " blocked",
              "holds an allow list and a deny list, which Entra never has together",
              "AllowedDomains or BlockedDomains");
        }
        if (!blocked.isEmpty()) {
          out = CollaborationRestrictions.deny(blocked);
        } else if (!allowed.isEmpty() || (hasAllowed && !domains.containsKey("BlockedDomains"))) {
          out = CollaborationRestrictions.allow(allowed); // an empty allow list allows nobody
        }
      } catch (ValidationException e) {
        throw GraphFormatException.refused(p, e);
      }
    }
    return out;
  }

  private List<String> strings(@Nullable Object v, String at, String name) {
    if (v == null || v == NULL) {
      return List.of();
    }
    List<Object> list = array(v, at);
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw refused(at, list.get(i), "is not a string, in " + name + "[" + i + "]", "a domain");
      }
      out.add(s);
    }
    return out;
  }

  private CrossTenantAccess build(CrossTenantAccess.Builder b, String at) {
    try {
      return b.build();
    } catch (ValidationException e) {
      throw GraphFormatException.refused(at + "/partners", e);
    }
  }

  private Set<Cloud> clouds(Object endpoints, String at) {
    List<Object> list = array(endpoints, at);
    Set<Cloud> out = java.util.EnumSet.noneOf(Cloud.class);
    for (int i = 0; i < list.size(); i++) {
      String here = at + "/" + i;
      String endpoint = string(list.get(i), here);
      out.add(
          CrossTenantAccess.cloudOfEndpoint(endpoint)
              .orElseThrow(() -> refused(here, endpoint, "is not a cloud", ENDPOINTS)));
    }
    return out;
  }

  /** The default configuration's redemption order. */
  RedemptionOrder redemptionOrder(String json) {
    Map<String, Object> config = object(parse(json), "");
    Object order = config.get("invitationRedemptionIdentityProviderConfiguration");
    if (order == null || order == NULL) {
      return RedemptionOrder.defaultOrder();
    }
    String p = "/invitationRedemptionIdentityProviderConfiguration";
    return redemptionOrder(object(order, p), p);
  }

  private RedemptionOrder redemptionOrder(Map<String, Object> order, String at) {
    List<Object> names =
        array(
            required(
                order,
                "primaryIdentityProviderPrecedenceOrder",
                at,
                "azureActiveDirectory, externalFederation, socialIdentityProviders in order"),
            at + "/primaryIdentityProviderPrecedenceOrder");
    List<RedemptionOrder.Primary> primary = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String p = at + "/primaryIdentityProviderPrecedenceOrder/" + i;
      String name = string(names.get(i), p);
      primary.add(
          named(
              RedemptionOrder.Primary.values(),
              RedemptionOrder.Primary::graphName,
              name,
              p,
              "a primary identity provider"));
    }
    String p = at + "/fallbackIdentityProvider";
    String name =
        string(
            required(
                order,
                "fallbackIdentityProvider",
                at,
                "defaultConfiguredIdp, emailOneTimePasscode or microsoftAccount"),
            p);
    RedemptionOrder.Fallback fallback =
        named(
            RedemptionOrder.Fallback.values(),
            RedemptionOrder.Fallback::graphName,
            name,
            p,
            "a fallback identity provider");
    try {
      return new RedemptionOrder(primary, fallback);
    } catch (ValidationException e) {
      throw GraphFormatException.refused(at + "/primaryIdentityProviderPrecedenceOrder", e);
    }
  }

  /** The value of {@code values} Graph names {@code name}, or a refusal at {@code at}. */
  private static <E> E named(
      E[] values,
      java.util.function.Function<E, String> graphName,
      String name,
      String at,
      String what) {
    for (E v : values) {
      if (graphName.apply(v).equals(name)) {
        return v;
      }
    }
    throw refused(
        at,
        name,
        "is not " + what,
        String.join(", ", java.util.Arrays.stream(values).map(graphName).toList()));
  }

  private B2BSetting defaultInbound(Map<String, Object> config, String at) {
    Object setting = config.get("b2bCollaborationInbound");
    if (setting == null || setting == NULL) {
      throw refused(
          at + "/b2bCollaborationInbound",
          setting == null ? "" : "null",
          "is missing: the default configuration inherits from nothing",
          SETTING_ACCEPTS);
    }
    return setting(
        object(setting, at + "/b2bCollaborationInbound"), at + "/b2bCollaborationInbound");
  }

  private Partner partner(Map<String, Object> config, String at) {
    String tenant =
        string(
            required(config, "tenantId", at, "the partner tenant's id, a GUID"), at + "/tenantId");
    TenantId tenantId;
    try {
      tenantId = TenantId.of(tenant);
    } catch (ValidationException e) {
      throw GraphFormatException.refused(at + "/tenantId", e);
    }
    Object setting = config.get("b2bCollaborationInbound");
    if (setting == null || setting == NULL) {
      return Partner.inheriting(tenantId);
    }
    String p = at + "/b2bCollaborationInbound";
    return Partner.of(tenantId, setting(object(setting, p), p));
  }

  private B2BSetting setting(Map<String, Object> setting, String at) {
    Optional<Rule> users = half(setting, "usersAndGroups", at);
    Optional<Rule> apps = half(setting, "applications", at);
    try {
      return new B2BSetting(users, apps);
    } catch (ValidationException e) {
      throw GraphFormatException.refused(at + pointerOf(e.field()), e);
    }
  }

  private Optional<Rule> half(Map<String, Object> setting, String name, String at) {
    Object v = setting.get(name);
    if (v == null || v == NULL) {
      return Optional.empty();
    }
    String p = at + "/" + name;
    Map<String, Object> rule = object(v, p);
    String type = string(required(rule, "accessType", p, "allowed or blocked"), p + "/accessType");
    AccessType accessType =
        named(
            AccessType.values(), AccessType::graphName, type, p + "/accessType", "an access type");
    List<Object> targets =
        array(
            required(rule, "targets", p, "an array of crossTenantAccessPolicyTarget"),
            p + "/targets");
    List<Target> read = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      String tp = p + "/targets/" + i;
      Map<String, Object> t = object(targets.get(i), tp);
      String target =
          string(required(t, "target", tp, "an object id or a keyword"), tp + "/target");
      String kind =
          string(required(t, "targetType", tp, "user, group or application"), tp + "/targetType");
      TargetType targetType =
          named(
              TargetType.values(),
              TargetType::graphName,
              kind,
              tp + "/targetType",
              "a target type");
      try {
        read.add(new Target(target, targetType));
      } catch (ValidationException e) {
        throw GraphFormatException.refused(tp + pointerOf(e.field()), e);
      }
    }
    try {
      return Optional.of(Rule.of(accessType, read));
    } catch (ValidationException e) {
      throw GraphFormatException.refused(p + pointerOf(e.field()), e);
    }
  }

  /**
   * {@code usersAndGroups.targets[1].targetType} as {@code /usersAndGroups/targets/1/targetType}.
   */
  static String pointerOf(String field) {
    return "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
  }

  // ---- the tree ----

  private Object parse(String json) {
    return parse(json, false);
  }

  private Object parse(String json, boolean singleQuotes) {
    try (JsonParser p = factory.createParser(json)) {
      if (singleQuotes) {
        p.enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);
      }
      JsonToken first = p.nextToken();
      if (first == null) {
        throw refused("", "", "is empty", "a JSON object");
      }
      Object tree = value(p, "");
      if (p.nextToken() != null) {
        throw refused("", "", "has more after its value", "one JSON value");
      }
      return tree;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new GraphFormatException(
          "",
          new ValidationException("json", "", "is not JSON: " + e.getOriginalMessage(), "JSON"),
          loc == null ? -1 : loc.getLineNr(),
          loc == null ? -1 : loc.getColumnNr(),
          false,
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object value(JsonParser p, String at) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String here = at + "/" + name.replace("~", "~0").replace("/", "~1");
          p.nextToken();
          if (map.put(name, value(p, here)) != null) {
            throw refused(here, name, "is a duplicate key", "each property once");
          }
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p, at + "/" + list.size()));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return t == JsonToken.VALUE_TRUE;
      }
      case VALUE_NULL -> {
        return NULL;
      }
      default -> {
        return p.getNumberValue();
      }
    }
  }

  private static Object required(Map<String, Object> o, String name, String at, String accepts) {
    Object v = o.get(name);
    if (v == null || v == NULL) {
      throw refused(at + "/" + name, v == null ? "" : "null", "is missing", accepts);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(@Nullable Object v, String at) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw refused(at, describe(v), "is not a JSON object", "a JSON object");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> array(@Nullable Object v, String at) {
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw refused(at, describe(v), "is not a JSON array", "a JSON array");
  }

  private static String string(@Nullable Object v, String at) {
    if (v instanceof String s) {
      return s;
    }
    throw refused(at, describe(v), "is not a string", "a JSON string");
  }

  private static String describe(@Nullable Object v) {
    return v == null
        ? ""
        : v == NULL
            ? "null"
            : v instanceof Map<?, ?> ? "{…}" : v instanceof List<?> ? "[…]" : v.toString();
  }

  private static GraphFormatException refused(
      String pointer, Object value, String problem, String accepted) {
    return GraphFormatException.refused(
        pointer, new ValidationException(pointer, value, problem, accepted));
  }

  // ---- writing ----

  /** The policy with its default and partners expanded, which {@link #policy} reads back. */
  String write(CrossTenantAccess settings) {
    return json(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("allowedCloudEndpoints");
          for (Cloud c : settings.allowedClouds()) {
            g.writeString(CrossTenantAccess.endpointOf(c));
          }
          g.writeEndArray();
          g.writeObjectFieldStart("default");
          g.writeFieldName("b2bCollaborationInbound");
          setting(g, settings.defaultInbound());
          RedemptionOrder order = settings.redemptionOrder();
          g.writeObjectFieldStart("invitationRedemptionIdentityProviderConfiguration");
          g.writeArrayFieldStart("primaryIdentityProviderPrecedenceOrder");
          for (RedemptionOrder.Primary p : order.primary()) {
            g.writeString(p.graphName());
          }
          g.writeEndArray();
          g.writeStringField("fallbackIdentityProvider", order.fallback().graphName());
          g.writeEndObject();
          g.writeEndObject();
          g.writeArrayFieldStart("partners");
          for (Partner p : settings.partners().values()) {
            partner(g, p);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** The body of {@code POST /policies/crossTenantAccessPolicy/partners}. */
  String write(Partner partner) {
    return json(g -> partner(g, partner));
  }

  /** The body of {@code PATCH /policies/crossTenantAccessPolicy/default}. */
  String writeDefault(B2BSetting setting) {
    return json(
        g -> {
          g.writeStartObject();
          g.writeFieldName("b2bCollaborationInbound");
          setting(g, setting);
          g.writeEndObject();
        });
  }

  /** The body of a b2bManagementPolicy update: its definition holding the domain list. */
  String write(CollaborationRestrictions domains) {
    String definition =
        json(
            g -> {
              g.writeStartObject();
              g.writeObjectFieldStart("B2BManagementPolicy");
              g.writeObjectFieldStart("InvitationsAllowedAndBlockedDomainsPolicy");
              g.writeArrayFieldStart("AllowedDomains");
              if (domains.kind() == CollaborationRestrictions.Kind.ALLOW) {
                for (String d : domains.entries()) {
                  g.writeString(d);
                }
              }
              g.writeEndArray();
              // An allow list of nothing is AllowedDomains alone: both lists empty is no list.
              if (domains.kind() != CollaborationRestrictions.Kind.ALLOW
                  || !domains.entries().isEmpty()) {
                g.writeArrayFieldStart("BlockedDomains");
                if (domains.kind() == CollaborationRestrictions.Kind.DENY) {
                  for (String d : domains.entries()) {
                    g.writeString(d);
                  }
                }
                g.writeEndArray();
              }
              g.writeEndObject();
              g.writeEndObject();
              g.writeEndObject();
            });
    return json(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("definition");
          g.writeString(definition);
          g.writeEndArray();
          g.writeBooleanField("isOrganizationDefault", true);
          g.writeEndObject();
        });
  }

  private static void partner(JsonGenerator g, Partner p) throws IOException {
    g.writeStartObject();
    g.writeStringField("tenantId", p.tenantId().toString());
    g.writeFieldName("b2bCollaborationInbound");
    if (p.b2bCollaborationInbound().isPresent()) {
      setting(g, p.b2bCollaborationInbound().get());
    } else {
      g.writeNull();
    }
    g.writeEndObject();
  }

  private static void setting(JsonGenerator g, B2BSetting s) throws IOException {
    g.writeStartObject();
    half(g, "usersAndGroups", s.usersAndGroups());
    half(g, "applications", s.applications());
    g.writeEndObject();
  }

  private static void half(JsonGenerator g, String name, Optional<Rule> rule) throws IOException {
    g.writeFieldName(name);
    if (rule.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("accessType", rule.get().accessType().graphName());
    g.writeArrayFieldStart("targets");
    for (Target t : rule.get().targets()) {
      g.writeStartObject();
      g.writeStringField("target", t.target());
      g.writeStringField("targetType", t.targetType().graphName());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private interface Writing {
    void write(JsonGenerator g) throws IOException;
  }

  private String json(Writing body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = factory.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
