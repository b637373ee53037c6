package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.entente.OrganizationChanges;
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
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft Graph v1.0 JSON of connected organizations, in and out (docs/rules.md §8): reading with
 * {@link #reader}, mapping to and from the model with {@link #toOrganization} and {@link #toGraph},
 * writing with {@link #write} and {@link #writePage}, and the bodies of Graph's create, update and
 * sponsor calls. Immutable and thread-safe.
 *
 * <pre>{@code
 * GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
 * try (GraphReader page = graph.reader(responseBody)) {
 *   while (page.hasNext()) {
 *     ConnectedOrganization org = graph.toOrganization(page.next());
 *   }
 *   page.nextLink(); // the next page to fetch, if any
 * }
 * }</pre>
 *
 * <h2>How the model maps to Graph (R-GPH-1)</h2>
 *
 * <ul>
 *   <li>{@code state}: {@code configured} and {@code proposed}. Graph sends {@code
 *       unknownFutureValue} for a state newer than v1.0: it is kept as read in {@link
 *       GraphOrganization#state()} and refused by {@link #toOrganization}, naming the pointer, so
 *       that an import never guesses a state (a sync plan lists that organization as invalid).
 *   <li>An Entra tenant is written relative to the cloud of the host's own tenant, as Graph does: a
 *       tenant of that cloud is an {@code azureActiveDirectoryTenant}, a tenant of another cloud a
 *       {@code crossCloudAzureActiveDirectoryTenant} with {@code cloudInstance} {@code
 *       microsoftonline.com}, {@code microsoftonline.us} or {@code partner.microsoftonline.cn}.
 *   <li>An email domain is a {@code domainIdentitySource}; a federation an {@code
 *       externalDomainFederation} with its {@code issuerUri}; domain names are written in their
 *       ASCII (punycode) form.
 *   <li>A social source is a {@code socialIdentitySource}. Graph v1.0's {@code
 *       socialIdentitySourceType} names only {@code facebook}; Microsoft's documentation does not
 *       say how Entra represents Microsoft-account users (its article on connected organizations
 *       speaks of "users with a Microsoft Account, such as from the domain live.com", and proposes
 *       organizations for personal accounts by email domain). So a Microsoft-account or Google
 *       source is written with {@code "socialIdentitySourceType": "unknownFutureValue"}, Graph's
 *       own word for a value it has no member for, and Entente's instance annotation {@code
 *       "@entente.accountProvider": "microsoftAccount"} (or {@code "google"}), which OData readers,
 *       Graph included, ignore. Entente reads it back exactly; the bodies sent to Graph refuse such
 *       a source rather than send a value Graph would reject.
 *   <li>Sponsors are directory objects, {@code #microsoft.graph.user} or {@code
 *       #microsoft.graph.group}, with {@code id} and {@code displayName}.
 *   <li>What Graph has no property for travels as instance annotations: {@code @entente.version},
 *       {@code @entente.createdBy} and {@code @entente.modifiedBy}. Read from Graph, which has
 *       none, an organization is version 1, created by the {@linkplain #importedBy importer}, at
 *       {@code createdDateTime} (or {@code modifiedDateTime}, or the clock's time when the JSON has
 *       neither).
 * </ul>
 */
public final class GraphJson {
  /** How deep the reader lets JSON nest; Graph's organizations nest five deep. */
  public static final int MAX_NESTING_DEPTH = 64;

  /** The longest string the reader takes, in characters. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  /** The longest property name the reader takes, in characters. */
  public static final int MAX_NAME_LENGTH = 1024;

  static final String LIMITS =
      "nesting at most "
          + MAX_NESTING_DEPTH
          + " deep, strings of at most "
          + MAX_STRING_LENGTH
          + " characters, property names of at most "
          + MAX_NAME_LENGTH;

  /** Who is recorded as creator of an organization read from Graph, unless set. */
  public static final Actor DEFAULT_IMPORTER = Actor.application("microsoft-graph");

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNameLength(MAX_NAME_LENGTH)
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private static final String ORGANIZATIONS =
      "identityGovernance/entitlementManagement/connectedOrganizations";

  private final Cloud homeCloud;
  private final String serviceRoot;
  private final Actor importer;
  private final Clock clock;

  /** Where {@link GraphReader#forEachOrganization} maps; null for the common fork-join pool. */
  private final @Nullable Executor executor;

  private GraphJson(
      Cloud homeCloud,
      String serviceRoot,
      Actor importer,
      Clock clock,
      @Nullable Executor executor) {
    this.homeCloud = homeCloud;
    this.serviceRoot = serviceRoot;
    this.importer = importer;
    this.clock = clock;
    this.executor = executor;
  }

  /**
   * Graph JSON for a host whose own tenant is in {@code homeCloud}: tenants of that cloud are
   * {@code azureActiveDirectoryTenant}s, others cross-cloud. Requests go to that cloud's Graph
   * service: {@code https://graph.microsoft.com/v1.0}, {@code https://graph.microsoft.us/v1.0} or
   * {@code https://microsoftgraph.chinacloudapi.cn/v1.0}.
   *
   * @param homeCloud the cloud of the host's own tenant
   * @return Graph JSON for that cloud
   */
  public static GraphJson forCloud(Cloud homeCloud) {
    requireNonNull(homeCloud, "homeCloud");
    String root =
        switch (homeCloud) {
          case GLOBAL -> "https://graph.microsoft.com/v1.0";
          case US_GOVERNMENT -> "https://graph.microsoft.us/v1.0";
          case CHINA -> "https://microsoftgraph.chinacloudapi.cn/v1.0";
        };
    return new GraphJson(homeCloud, root, DEFAULT_IMPORTER, Clock.systemUTC(), null);
  }

  /**
   * The same, with requests sent to another Graph service root, such as {@code
   * https://dod-graph.microsoft.us/v1.0}; plain http only to a loopback address, for a local test
   * server.
   *
   * @param serviceRoot the service root, an https URL without a trailing slash
   * @return the same Graph JSON with that service root
   * @throws ValidationException on {@code serviceRoot} for anything else
   */
  public GraphJson withServiceRoot(String serviceRoot) {
    requireNonNull(serviceRoot, "serviceRoot");
    String accepted =
        "an https URL without a trailing slash, such as https://graph.microsoft.com/v1.0 (http only"
            + " to a loopback address, for a local test server)";
    URI uri;
    try {
      uri = new URI(serviceRoot);
    } catch (URISyntaxException e) {
      throw new ValidationException("serviceRoot", serviceRoot, "is not a URL", accepted);
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    boolean scheme =
        "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
    if (!scheme || host.isEmpty() || serviceRoot.endsWith("/") || uri.getQuery() != null) {
      throw new ValidationException(
          "serviceRoot", serviceRoot, "is not a Graph service root", accepted);
    }
    return new GraphJson(homeCloud, serviceRoot, importer, clock, executor);
  }

  /**
   * The same, recording {@code importer} as the creator of organizations whose JSON does not say
   * (Graph's never does).
   *
   * @param importer who is recorded as creator
   * @return the same Graph JSON with that importer
   */
  public GraphJson importedBy(Actor importer) {
    return new GraphJson(
        homeCloud, serviceRoot, requireNonNull(importer, "importer"), clock, executor);
  }

  /**
   * The same, taking the time of an organization whose JSON has neither {@code createdDateTime} nor
   * {@code modifiedDateTime} from {@code clock}.
   *
   * @param clock the clock
   * @return the same Graph JSON with that clock
   */
  public GraphJson withClock(Clock clock) {
    return new GraphJson(
        homeCloud, serviceRoot, importer, requireNonNull(clock, "clock"), executor);
  }

  /**
   * The same, mapping read organizations to the model on {@code executor} in {@link
   * GraphReader#forEachOrganization} — the host's own pool, or {@code Runnable::run} to map on the
   * reading thread. Unless set, mapping runs on the common fork-join pool when the machine has more
   * than one core, and on the reading thread otherwise.
   *
   * @param executor where to map
   * @return the same Graph JSON mapping there
   */
  public GraphJson withExecutor(Executor executor) {
    return new GraphJson(
        homeCloud, serviceRoot, importer, clock, requireNonNull(executor, "executor"));
  }

  /** The executor set by {@link #withExecutor}, or null for the default. */
  @Nullable Executor executor() {
    return executor;
  }

  /**
   * The cloud of the host's own tenant.
   *
   * @return the home cloud
   */
  public Cloud homeCloud() {
    return homeCloud;
  }

  /**
   * The Graph service root requests go to.
   *
   * @return the service root, such as {@code https://graph.microsoft.com/v1.0}
   */
  public String serviceRoot() {
    return serviceRoot;
  }

  // ----- reading -----

  /**
   * A reader of the organizations in {@code json}, in UTF-8 (or UTF-16/32, detected); see {@link
   * GraphReader} for what it takes. Close it to close the stream.
   *
   * @param json the JSON
   * @return a reader
   */
  public GraphReader reader(InputStream json) {
    requireNonNull(json, "json");
    try {
      try {
        return new GraphReader(this, FACTORY.createParser(json));
      } catch (CharConversionException e) {
        return new GraphReader(this, FACTORY.createParser(new byte[0]), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A reader of the organizations in {@code json}.
   *
   * @param json the JSON
   * @return a reader
   */
  public GraphReader reader(String json) {
    requireNonNull(json, "json");
    return reader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Every organization in {@code json}, which is small enough to hold: the first one that cannot be
   * read is thrown.
   *
   * @param json a page, pages, an organization or an array of them
   * @return the organizations, in document order
   * @throws GraphFormatException naming the JSON pointer of the first problem
   */
  public List<GraphOrganization> readAll(String json) {
    List<GraphOrganization> all = new ArrayList<>();
    try (GraphReader reader = reader(json)) {
      reader.forEachRemaining(all::add);
    }
    return all;
  }

  /**
   * The one organization {@code json} holds, as Graph's get and create return it.
   *
   * @param json the JSON
   * @return the organization
   * @throws GraphFormatException when it is not exactly one readable organization
   */
  public GraphOrganization readOrganization(String json) {
    List<GraphOrganization> all = readAll(json);
    if (all.size() != 1) {
      throw new GraphFormatException(
          "",
          new ValidationException(
              "", all.size() + " organizations", "is not one organization", "one organization"),
          -1,
          -1,
          false,
          null);
    }
    return all.get(0);
  }

  /**
   * The identity source {@code json} is, as Graph's pages on the identity-source types print it.
   *
   * @param json one identity-source object
   * @return the identity source
   * @throws GraphFormatException naming the problem
   */
  public GraphIdentitySource readIdentitySource(String json) {
    try (GraphReader reader = reader(json)) {
      return reader.identitySourceDocument();
    }
  }

  // ----- to and from the model -----

  /**
   * The model's organization for what Graph says (R-GPH-1).
   *
   * @param graph an organization read from Graph JSON
   * @return the connected organization
   * @throws GraphFormatException naming the JSON pointer of the first property the model refuses,
   *     with the model's {@link ValidationException} as its cause
   */
  public ConnectedOrganization toOrganization(GraphOrganization graph) {
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
  public GraphOrganization toGraph(ConnectedOrganization org) {
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

  private GraphIdentitySource toGraph(IdentitySource source) {
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

  // ----- writing -----

  /**
   * {@code org} as Graph's get returns it, sponsors expanded, with Entente's annotations.
   *
   * @param org the organization
   * @return its JSON
   */
  public String write(ConnectedOrganization org) {
    return write(toGraph(org));
  }

  /**
   * {@code org} as Graph JSON: what it holds, in Graph's property names.
   *
   * @param org the organization
   * @return its JSON
   */
  public String write(GraphOrganization org) {
    requireNonNull(org, "org");
    return json(g -> GraphWriter.organization(g, org));
  }

  /**
   * Writes {@code orgs} as one list page, {@code {"value": [...]}}, in UTF-8, one organization at a
   * time: a whole store can be exported without holding it. The stream is flushed, not closed.
   *
   * @param orgs the organizations, in the order to write them
   * @param out where to write
   */
  public void writePage(Iterable<ConnectedOrganization> orgs, OutputStream out) {
    requireNonNull(orgs, "orgs");
    writePage(orgs.iterator(), out);
  }

  /**
   * Writes {@code orgs} as one list page, as {@link #writePage(Iterable, OutputStream)} does,
   * consuming the stream: {@code graph.writePage(entente.organizations().all(), out)} exports a
   * whole store a page at a time.
   *
   * @param orgs the organizations, in the order to write them
   * @param out where to write
   */
  public void writePage(Stream<ConnectedOrganization> orgs, OutputStream out) {
    requireNonNull(orgs, "orgs");
    writePage(orgs.iterator(), out);
  }

  private void writePage(Iterator<ConnectedOrganization> orgs, OutputStream out) {
    requireNonNull(out, "out");
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeArrayFieldStart("value");
      while (orgs.hasNext()) {
        GraphWriter.organization(g, toGraph(orgs.next()));
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The body of Graph's create ({@code POST …/connectedOrganizations}): {@code displayName}, {@code
   * description}, {@code state} and, as Graph documents, one element of {@code identitySources} —
   * the first; an organization with more takes the rest in an update after the create, as {@link
   * EntraPlan} does.
   *
   * @param org the organization
   * @return the body
   * @throws ValidationException on {@code identitySources[0]} when the source has no Graph v1.0
   *     form (a Microsoft-account or Google source)
   */
  public String createBody(ConnectedOrganization org) {
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
          GraphWriter.identitySource(g, first, false);
          g.writeEndArray();
          g.writeStringField("state", org.state().name().toLowerCase(Locale.ROOT));
          g.writeEndObject();
        });
  }

  /**
   * The body of Graph's update ({@code PATCH …/connectedOrganizations/{id}}) that turns {@code
   * before} into {@code after}: only the properties that differ, of {@code displayName}, {@code
   * description} ({@code null} to clear it), {@code state} and {@code identitySources}; empty when
   * none differs. Sponsors change through their own calls ({@link #sponsorReferenceBody}).
   *
   * @param before the organization as Graph has it
   * @param after the organization as it should be
   * @return the body, or empty when nothing Graph holds differs
   * @throws ValidationException on {@code identitySources[i]} when a source has no Graph v1.0 form
   */
  public Optional<String> updateBody(ConnectedOrganization before, ConnectedOrganization after) {
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
                  GraphWriter.identitySource(g, source, false);
                }
                g.writeEndArray();
              }
              g.writeEndObject();
            }));
  }

  /**
   * The body that adds {@code sponsor} to an organization's internal or external sponsors ({@code
   * POST …/{id}/internalSponsors/$ref}): {@code {"@odata.id": "<service root>/users/<id>"}}, or
   * {@code /groups/<id>} for a group.
   *
   * @param sponsor the sponsor
   * @return the body
   */
  public String sponsorReferenceBody(Sponsor sponsor) {
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

  /**
   * The URL of the tenant's connected organizations, to list (follow {@code @odata.nextLink} from
   * there; add {@code ?$expand=internalSponsors,externalSponsors} for the sponsors) and to create.
   *
   * @return {@code <service root>/identityGovernance/entitlementManagement/connectedOrganizations}
   */
  public String organizationsUrl() {
    return serviceRoot + "/" + ORGANIZATIONS;
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
    return toGraph(source);
  }

  /** Something that writes JSON and may fail as a generator does. */
  interface Json {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(Json body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator((Writer) out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
