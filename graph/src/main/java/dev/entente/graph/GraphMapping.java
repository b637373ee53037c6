package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Graph's organizations to the model's and back (R-GPH-1, R-GPH-2): the one place that knows which
 * Graph type each identity-source kind is, for a host in one home cloud. The reader knows JSON and
 * Graph's shape; this knows the model; {@link GraphJson} is the configured entry point.
 */
final class GraphMapping {
  private final Cloud homeCloud;
  private final Actor importer;
  private final Clock clock;

  GraphMapping(Cloud homeCloud, Actor importer, Clock clock) {
    this.homeCloud = homeCloud;
    this.importer = importer;
    this.clock = clock;
  }

  /**
   * The model's organization for what Graph says (R-GPH-1).
   *
   * @param graph an organization read from Graph JSON
   * @return the connected organization
   * @throws GraphFormatException naming the JSON pointer of the first property the model refuses,
   *     with the model's {@link ValidationException} as its cause
   */
  ConnectedOrganization toOrganization(GraphOrganization graph) {
    requireNonNull(graph, "graph");
    // Pointers are made only for an error: an import converts many organizations.
    String at = graph.pointer();
    ConnectedOrganization.Builder org = ConnectedOrganization.builder();
    org.id(convert(present(graph.id(), at, -1, "/id"), OrganizationId::of, at, -1, "/id"));
    org.displayName(present(graph.displayName(), at, -1, "/displayName"));
    org.description(graph.description());
    if (graph.state().isPresent()) {
      org.state(state(graph.state().get(), at));
    }
    List<GraphIdentitySource> sources = graph.identitySources();
    for (int i = 0; i < sources.size(); i++) {
      org.addIdentitySources(toSource(sources.get(i), at, i));
    }
    if (graph.internalSponsors().isPresent()) {
      org.internalSponsors(graph.internalSponsors().get());
    }
    if (graph.externalSponsors().isPresent()) {
      org.externalSponsors(graph.externalSponsors().get());
    }
    Instant modified =
        graph.modifiedDateTime().isPresent()
            ? time(graph.modifiedDateTime().get(), at, "/modifiedDateTime")
            : null;
    Instant created =
        graph.createdDateTime().isPresent()
            ? time(graph.createdDateTime().get(), at, "/createdDateTime")
            : modified != null ? modified : clock.instant().truncatedTo(ChronoUnit.MICROS);
    org.createdAt(created).modifiedAt(modified != null ? modified : created);
    Actor createdBy = graph.createdBy().orElse(importer);
    org.createdBy(createdBy).modifiedBy(graph.modifiedBy().orElse(createdBy));
    org.version(graph.version().orElse(Version.initial()));
    try {
      return org.build();
    } catch (ValidationException e) {
      throw GraphFormatException.refused(at + pointerOf(e.field()), e);
    }
  }

  /**
   * What Graph would say of {@code org}: every Graph property, the sponsors, and Entente's
   * annotations, so that {@link #toOrganization} gives {@code org} back.
   *
   * @param org the organization
   * @return its Graph form
   */
  GraphOrganization toGraph(ConnectedOrganization org) {
    requireNonNull(org, "org");
    GraphOrganization.Builder graph =
        GraphOrganization.builder()
            .id(org.id().toString())
            .displayName(org.displayName())
            .description(org.description())
            .state(org.state().name().toLowerCase(Locale.ROOT))
            .createdDateTime(org.createdAt().toString())
            .modifiedDateTime(org.modifiedAt().toString())
            .internalSponsors(List.copyOf(org.internalSponsors()))
            .externalSponsors(List.copyOf(org.externalSponsors()))
            .version(org.version())
            .createdBy(org.createdBy())
            .modifiedBy(org.modifiedBy());
    for (IdentitySource source : org.identitySources()) {
      graph.addIdentitySources(toGraph(source));
    }
    return graph.build();
  }

  GraphIdentitySource toGraph(IdentitySource source) {
    GraphIdentitySource.Builder graph =
        GraphIdentitySource.builder().displayName(source.displayName());
    switch (source.kind()) {
      case ENTRA_TENANT -> {
        EntraTenant tenant = (EntraTenant) source;
        graph.tenantId(tenant.tenantId().toString());
        if (tenant.cloud() == homeCloud) {
          graph.type(GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT);
        } else {
          graph
              .type(GraphIdentitySource.Type.CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT)
              .cloudInstance(cloudInstance(tenant.cloud()));
        }
      }
      case FEDERATION -> {
        Federation federation = (Federation) source;
        graph
            .type(GraphIdentitySource.Type.EXTERNAL_DOMAIN_FEDERATION)
            .domainName(federation.domainName().ascii())
            .issuerUri(federation.issuerUri().toString());
      }
      case EMAIL_DOMAIN ->
          graph
              .type(GraphIdentitySource.Type.DOMAIN_IDENTITY_SOURCE)
              .domainName(((EmailDomain) source).domainName().ascii());
      case SOCIAL_PROVIDER -> {
        AccountProvider provider = ((SocialProvider) source).provider();
        graph.type(GraphIdentitySource.Type.SOCIAL_IDENTITY_SOURCE);
        if (provider == AccountProvider.FACEBOOK) {
          graph.socialIdentitySourceType("facebook");
        } else {
          graph
              .socialIdentitySourceType("unknownFutureValue")
              .accountProvider(providerName(provider));
        }
      }
    }
    return graph.build();
  }

  private IdentitySource toSource(GraphIdentitySource graph, String at, int index) {
    refuseForeignProperties(graph, at, index);
    String name = graph.displayName().orElse(null);
    try {
      return switch (graph.type()) {
        case AZURE_ACTIVE_DIRECTORY_TENANT, CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT -> {
          String tenantId = present(graph.tenantId(), at, index, "/tenantId");
          EntraTenant.Builder tenant =
              EntraTenant.builder()
                  .tenantId(convert(tenantId, TenantId::of, at, index, "/tenantId"));
          if (graph.type() == GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT) {
            tenant.cloud(homeCloud);
          } else {
            tenant.cloud(
                cloud(present(graph.cloudInstance(), at, index, "/cloudInstance"), at, index));
          }
          yield name == null ? tenant.build() : tenant.displayName(name).build();
        }
        case DOMAIN_IDENTITY_SOURCE -> {
          DomainName domain = domain(graph, at, index);
          yield name == null ? EmailDomain.of(domain) : EmailDomain.of(domain, name);
        }
        case EXTERNAL_DOMAIN_FEDERATION -> {
          String issuer = present(graph.issuerUri(), at, index, "/issuerUri");
          Federation.Builder federation =
              Federation.builder()
                  .domainName(domain(graph, at, index))
                  .issuerUri(convert(issuer, IssuerUri::of, at, index, "/issuerUri"));
          yield name == null ? federation.build() : federation.displayName(name).build();
        }
        case SOCIAL_IDENTITY_SOURCE -> {
          SocialProvider.Builder social =
              SocialProvider.builder().provider(provider(graph, at, index));
          yield name == null ? social.build() : social.displayName(name).build();
        }
      };
    } catch (ValidationException e) {
      throw GraphFormatException.refused(pointer(at, index, "/" + e.field()), e);
    }
  }

  /** The JSON pointer of {@code property} of the organization at {@code at}, or of its source. */
  private static String pointer(String at, int source, String property) {
    return source < 0 ? at + property : at + "/identitySources/" + source + property;
  }

  /**
   * Refuses a property that belongs to another identity-source type than the one named (R-GPH-2):
   * dropping it would read a source as one that admits more people — a federation's domain as an
   * email domain anyone may prove by passcode, another cloud's tenant as the home cloud's, Google
   * as Facebook.
   */
  private static void refuseForeignProperties(GraphIdentitySource graph, String at, int index) {
    GraphIdentitySource.Type type = graph.type();
    boolean tenant =
        type == GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT
            || type == GraphIdentitySource.Type.CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT;
    String accepted =
        switch (type) {
          case AZURE_ACTIVE_DIRECTORY_TENANT -> "tenantId and displayName";
          case CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT ->
              "tenantId, cloudInstance and displayName";
          case DOMAIN_IDENTITY_SOURCE -> "domainName and displayName";
          case EXTERNAL_DOMAIN_FEDERATION -> "domainName, issuerUri and displayName";
          case SOCIAL_IDENTITY_SOURCE ->
              "socialIdentitySourceType, @entente.accountProvider and displayName";
        };
    foreign(graph.tenantId(), !tenant, "tenantId", type, accepted, at, index);
    foreign(
        graph.cloudInstance(),
        type != GraphIdentitySource.Type.CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT,
        "cloudInstance",
        type,
        accepted,
        at,
        index);
    foreign(
        graph.domainName(),
        type != GraphIdentitySource.Type.DOMAIN_IDENTITY_SOURCE
            && type != GraphIdentitySource.Type.EXTERNAL_DOMAIN_FEDERATION,
        "domainName",
        type,
        accepted,
        at,
        index);
    foreign(
        graph.issuerUri(),
        type != GraphIdentitySource.Type.EXTERNAL_DOMAIN_FEDERATION,
        "issuerUri",
        type,
        accepted,
        at,
        index);
    boolean social = type == GraphIdentitySource.Type.SOCIAL_IDENTITY_SOURCE;
    foreign(
        graph.socialIdentitySourceType(),
        !social,
        "socialIdentitySourceType",
        type,
        accepted,
        at,
        index);
    foreign(
        graph.accountProvider(), !social, "@entente.accountProvider", type, accepted, at, index);
    if (social && graph.accountProvider().isPresent()) {
      Optional<AccountProvider> named =
          providerNamed(graph.socialIdentitySourceType().orElse("unknownFutureValue"));
      Optional<AccountProvider> annotated = providerNamed(graph.accountProvider().get());
      if (named.isPresent() && !named.equals(annotated)) {
        throw GraphFormatException.refused(
            pointer(at, index, "/@entente.accountProvider"),
            new ValidationException(
                "@entente.accountProvider",
                graph.accountProvider().get(),
                "contradicts socialIdentitySourceType " + graph.socialIdentitySourceType().get(),
                "no annotation beside a named provider, or the same provider"));
      }
    }
  }

  private static void foreign(
      Optional<String> value,
      boolean foreign,
      String property,
      GraphIdentitySource.Type type,
      String accepted,
      String at,
      int index) {
    if (foreign && value.isPresent()) {
      throw GraphFormatException.refused(
          pointer(at, index, "/" + property),
          new ValidationException(
              property,
              value.get(),
              "belongs to another identity-source type than " + type.odataType(),
              "for " + type.odataType() + ": " + accepted));
    }
  }

  private static DomainName domain(GraphIdentitySource graph, String at, int index) {
    String domain = present(graph.domainName(), at, index, "/domainName");
    return convert(domain, DomainName::of, at, index, "/domainName");
  }

  private static AccountProvider provider(GraphIdentitySource graph, String at, int index) {
    String type = graph.socialIdentitySourceType().orElse("unknownFutureValue");
    Optional<AccountProvider> named = providerNamed(type);
    if (named.isPresent()) {
      return named.get();
    }
    String accepted =
        "facebook, or unknownFutureValue with Entente's @entente.accountProvider annotation"
            + " (microsoftAccount, facebook or google)";
    if (!type.equalsIgnoreCase("unknownFutureValue")) {
      throw GraphFormatException.refused(
          pointer(at, index, "/socialIdentitySourceType"),
          new ValidationException(
              "socialIdentitySourceType", type, "is not a social identity provider", accepted));
    }
    if (graph.accountProvider().isEmpty()) {
      throw GraphFormatException.refused(
          pointer(at, index, "/socialIdentitySourceType"),
          new ValidationException(
              "socialIdentitySourceType",
              type,
              "does not say which provider, and no @entente.accountProvider does",
              accepted));
    }
    String annotated = graph.accountProvider().get();
    named = providerNamed(annotated);
    if (named.isEmpty()) {
      throw GraphFormatException.refused(
          pointer(at, index, "/@entente.accountProvider"),
          new ValidationException(
              "@entente.accountProvider",
              annotated,
              "is not a social identity provider",
              accepted));
    }
    return named.get();
  }

  private static Optional<AccountProvider> providerNamed(String name) {
    for (AccountProvider provider : AccountProvider.values()) {
      if (providerName(provider).equalsIgnoreCase(name)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  private static String providerName(AccountProvider provider) {
    return switch (provider) {
      case MICROSOFT_ACCOUNT -> "microsoftAccount";
      case FACEBOOK -> "facebook";
      case GOOGLE -> "google";
    };
  }

  private static String cloudInstance(Cloud cloud) {
    return switch (cloud) {
      case GLOBAL -> "microsoftonline.com";
      case US_GOVERNMENT -> "microsoftonline.us";
      case CHINA -> "partner.microsoftonline.cn";
    };
  }

  private static Cloud cloud(String instance, String at, int index) {
    for (Cloud cloud : Cloud.values()) {
      if (cloudInstance(cloud).equalsIgnoreCase(instance)) {
        return cloud;
      }
    }
    throw GraphFormatException.refused(
        pointer(at, index, "/cloudInstance"),
        new ValidationException(
            "cloudInstance",
            instance,
            "is not a Microsoft cloud",
            "microsoftonline.com, microsoftonline.us or partner.microsoftonline.cn"));
  }

  private static OrganizationState state(String state, String organization) {
    if (state.equalsIgnoreCase("configured")) {
      return OrganizationState.CONFIGURED;
    }
    if (state.equalsIgnoreCase("proposed")) {
      return OrganizationState.PROPOSED;
    }
    throw GraphFormatException.refused(
        organization + "/state",
        new ValidationException(
            "state",
            state,
            "is not a state Entente knows (Graph says unknownFutureValue for a state newer than"
                + " v1.0)",
            "configured or proposed"));
  }

  private static Instant time(String text, String at, String property) {
    try {
      Instant fast = utc(text);
      return fast != null ? fast : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw GraphFormatException.refused(
          at + property,
          new ValidationException(
              property.substring(1),
              text,
              "is not an ISO-8601 time",
              "a time such as 2014-01-01T00:00:00Z"));
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, the form Graph writes, parsed without a formatter; null for
   * anything else, which {@link Instant#parse} then reads (or refuses).
   */
  static @Nullable Instant utc(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(t, 20, fraction);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour > 23
        || minute > 59
        || second > 59
        || nanos < 0
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The number the {@code count} digits at {@code from} write, or -1 if one is not a digit. */
  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The value of a property the model requires, refused at its pointer when absent. */
  private static String present(Optional<String> value, String at, int source, String property) {
    if (value.isEmpty()) {
      throw GraphFormatException.refused(
          pointer(at, source, property),
          new ValidationException(property.substring(1), "absent", "is missing", "a value"));
    }
    return value.get();
  }

  /** {@code parse} of {@code text}, its refusal naming the property's pointer. */
  private static <T> T convert(
      String text, Function<String, T> parse, String at, int source, String property) {
    try {
      return parse.apply(text);
    } catch (ValidationException e) {
      throw GraphFormatException.refused(pointer(at, source, property), e);
    }
  }

  /** The JSON pointer, below the organization, of a field the model names. */
  static String pointerOf(String modelField) {
    String field =
        modelField
            .replace("createdAt", "createdDateTime")
            .replace("modifiedAt", "modifiedDateTime")
            .replace("[", "/")
            .replace("]", "")
            .replace('.', '/');
    return "/" + field;
  }

  static Actor actor(String text) {
    if (text.equals("system")) {
      return Actor.system();
    }
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String id = text.substring(colon + 1);
    if (kind.equals("administrator")) {
      return Actor.administrator(id);
    }
    if (kind.equals("application")) {
      return Actor.application(id);
    }
    throw new ValidationException(
        "actor", text, "is not an actor", "system, administrator:<id> or application:<id>");
  }
}
