package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.Sponsor;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
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
 *       that an import never guesses a state (an import plan lists that organization as invalid).
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

  private final Cloud homeCloud;
  private final String serviceRoot;
  private final Actor importer;
  private final Clock clock;

  /** Where {@link GraphReader#forEachOrganization} maps; null for the common fork-join pool. */
  private final @Nullable Executor executor;

  private final GraphMapping mapping;
  private final GraphWriter writer;
  private final GraphCrossTenant crossTenant;

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
    this.mapping = new GraphMapping(homeCloud, importer, clock);
    this.writer = new GraphWriter(mapping, serviceRoot);
    this.crossTenant = new GraphCrossTenant(FACTORY, homeCloud, serviceRoot);
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

  GraphMapping mapping() {
    return mapping;
  }

  /**
   * Whether {@code url} lies below the {@linkplain #serviceRoot() service root}: the same scheme,
   * host and port, below its path, no user info — where a host may send its Graph token, and where
   * a next link must point (R-GPH-2, R-ENT-2).
   *
   * @param url an absolute URL
   * @return whether it is below the service root
   */
  public boolean isBelowServiceRoot(String url) {
    return isBelow(serviceRoot, requireNonNull(url, "url"));
  }

  static boolean isBelow(String serviceRoot, String url) {
    URI root = URI.create(serviceRoot);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    String rootPath = root.getRawPath() == null ? "" : root.getRawPath();
    return uri.isAbsolute()
        && root.getScheme().equalsIgnoreCase(uri.getScheme())
        && uri.getRawUserInfo() == null
        && uri.getHost() != null
        && root.getHost().equalsIgnoreCase(uri.getHost())
        && port(root) == port(uri)
        && uri.getRawPath() != null
        && uri.getRawPath().startsWith(rootPath + "/");
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  // ----- reading -----

  /**
   * A reader of one page of organizations, as Graph answers a list request (R-ENT-4): {@code json}
   * must be one object with a {@code value} array and at most the {@code @odata} annotations of a
   * page. An empty answer, an array, an object without {@code value} or with another property, a
   * {@code value} that is no array, a next link that is no string, and anything after the page (a
   * second document) are each a {@link GraphFormatException} that ends the page, never fewer or
   * more organizations than the page holds.
   *
   * @param json the answer's body
   * @return a reader of that page
   */
  public GraphReader pageReader(InputStream json) {
    return reader(json).onePage();
  }

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
        return new GraphReader(mapping, serviceRoot, executor, FACTORY.createParser(json));
      } catch (CharConversionException e) {
        return new GraphReader(
            mapping, serviceRoot, executor, FACTORY.createParser(new byte[0]), e);
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

  /**
   * One page of a list Graph answers in pages: its values and the link to the next, {@code
   * {"value": [...], "@odata.nextLink": "..."}}. What {@link #readSponsorPage}, {@link
   * #readAuditPage} and {@link #readFederationPage} read.
   *
   * @param values the values on the page, in order
   * @param nextLink the next page to fetch, checked to lie below the service root
   * @param <T> the type of the values
   */
  public record Page<T>(List<T> values, Optional<String> nextLink) {
    /**
     * Copies the list.
     *
     * @param values the values
     * @param nextLink the next link
     */
    public Page {
      values = List.copyOf(values);
      requireNonNull(nextLink, "nextLink");
    }
  }

  /**
   * The sponsors on one page of an organization's internal or external sponsors ({@code GET
   * …/connectedOrganizations/{id}/internalSponsors}): its users and groups.
   *
   * @param json the page
   * @return the page's sponsors and next link
   * @throws GraphFormatException naming the JSON pointer of the first problem: a directory object
   *     that is not a user or group, or has no id; a next link off the service root
   */
  public Page<Sponsor> readSponsorPage(InputStream json) {
    try (GraphReader reader = reader(json)) {
      return reader.sponsorPageDocument();
    }
  }

  /**
   * The federations that have an issuer on one page of {@code
   * /directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation}, read by the
   * same page reader as sponsors and audit entries.
   *
   * @param json the page
   * @return the page's federations and next link
   * @throws GraphFormatException naming the JSON pointer of the first problem: no {@code value}
   *     array, a duplicate key, anything after the page, a next link off the service root
   */
  public Page<GraphFederation> readFederationPage(InputStream json) {
    try (GraphReader reader = reader(json)) {
      return reader.federationPageDocument();
    }
  }

  /**
   * The cross-tenant access settings of one document (docs/rules.md §12): a {@code
   * crossTenantAccessPolicy} with its {@code default} and {@code partners} expanded ({@code GET
   * /policies/crossTenantAccessPolicy?$expand=default,partners}, or what {@link
   * #writeCrossTenantAccess} writes), for a host whose own tenant is in {@link #homeCloud()}. A
   * missing {@code default} is Entra's service default; missing {@code partners} are none; unknown
   * properties are skipped (R-GPH-2).
   *
   * @param json the document
   * @return the settings
   * @throws GraphFormatException naming the JSON pointer of the first problem: an access type other
   *     than {@code allowed} or {@code blocked}, a target type other than {@code user}, {@code
   *     group} or {@code application}, a target of the wrong type for its half, a partner without
   *     {@code tenantId}, a cloud endpoint Graph does not name, users and applications that Entra
   *     does not allow together, a duplicate key
   */
  public CrossTenantAccess readCrossTenantAccess(String json) {
    return crossTenant.policy(json);
  }

  /**
   * {@return the clouds of {@code GET /policies/crossTenantAccessPolicy}'s {@code
   * allowedCloudEndpoints}}
   *
   * @param json the policy
   * @throws GraphFormatException naming the JSON pointer of an endpoint Graph does not name
   */
  public java.util.Set<Cloud> readAllowedClouds(String json) {
    return crossTenant.allowedClouds(json);
  }

  /**
   * {@return the B2B collaboration inbound setting of {@code GET
   * /policies/crossTenantAccessPolicy/default}}
   *
   * @param json the default configuration
   * @throws GraphFormatException naming the JSON pointer of the first problem, as {@link
   *     #readCrossTenantAccess} does; a default without {@code b2bCollaborationInbound} too
   */
  public CrossTenantAccess.B2BSetting readCrossTenantDefault(String json) {
    return crossTenant.defaultConfiguration(json);
  }

  /**
   * {@return the redemption order of {@code GET /policies/crossTenantAccessPolicy/default} ({@code
   * invitationRedemptionIdentityProviderConfiguration}); Entra's default order when it has none}
   *
   * @param json the default configuration
   * @throws GraphFormatException naming the JSON pointer of an identity provider Graph does not
   *     name, or one named twice
   */
  public dev.entente.access.RedemptionOrder readRedemptionOrder(String json) {
    return crossTenant.redemptionOrder(json);
  }

  /**
   * {@return one partner configuration ({@code GET
   * /policies/crossTenantAccessPolicy/partners/{id}})}
   *
   * @param json the partner configuration
   * @throws GraphFormatException naming the JSON pointer of the first problem, as {@link
   *     #readCrossTenantAccess} does
   */
  public CrossTenantAccess.Partner readCrossTenantPartner(String json) {
    return crossTenant.partner(json);
  }

  /**
   * {@return one page of {@code GET /policies/crossTenantAccessPolicy/partners}}
   *
   * @param json the page
   * @throws GraphFormatException naming the JSON pointer of the first problem, as {@link
   *     #readCrossTenantAccess} does
   */
  public Page<CrossTenantAccess.Partner> readCrossTenantPartnerPage(String json) {
    return crossTenant.partnerPage(json);
  }

  /**
   * The domain list of the organization's default {@code b2bManagementPolicy} (Graph beta, {@code
   * GET /policies/b2bManagementPolicies}, or one policy), as collaboration restrictions (R-MAT-3):
   * {@code BlockedDomains} a deny list, {@code AllowedDomains} an allow list, neither none. The
   * definition string may use single quotes, as Graph's own example does.
   *
   * @param json a page of policies, or one policy
   * @return the restrictions
   * @throws GraphFormatException naming the JSON pointer of the first problem: a definition that is
   *     not JSON, an allow list beside a deny list, an entry that is not a domain, two organization
   *     defaults
   */
  public CollaborationRestrictions readB2BManagementPolicy(String json) {
    return crossTenant.domainList(json);
  }

  /**
   * {@return the cross-tenant access settings as one document, which {@link #readCrossTenantAccess}
   * reads back equal}
   *
   * @param settings the settings
   */
  public String writeCrossTenantAccess(CrossTenantAccess settings) {
    return crossTenant.write(settings);
  }

  /**
   * {@return the body of {@code POST /policies/crossTenantAccessPolicy/partners} (or a {@code
   * PATCH} of the partner) for this partner}
   *
   * @param partner the partner
   */
  public String writeCrossTenantPartner(CrossTenantAccess.Partner partner) {
    return crossTenant.write(partner);
  }

  /**
   * {@return the body of {@code PATCH /policies/crossTenantAccessPolicy/default} setting its B2B
   * collaboration inbound}
   *
   * @param setting the setting
   */
  public String writeCrossTenantDefault(CrossTenantAccess.B2BSetting setting) {
    return crossTenant.writeDefault(setting);
  }

  /**
   * {@return the body of a {@code b2bManagementPolicy} update holding this domain list, which
   * {@link #readB2BManagementPolicy} reads back equal}
   *
   * @param domains the domain list
   */
  public String writeB2BManagementPolicy(CollaborationRestrictions domains) {
    return crossTenant.write(domains);
  }

  /**
   * The entries on one page of the directory audit log (R-ENT-5).
   *
   * @param json the page
   * @return the page's entries and next link
   * @throws GraphFormatException naming the JSON pointer of the first problem: an entry without its
   *     id, activity or time; a time that is not ISO-8601; a next link off the service root
   */
  public Page<GraphAuditEntry> readAuditPage(InputStream json) {
    try (GraphReader reader = reader(json)) {
      return reader.auditPageDocument();
    }
  }

  /**
   * {@return the URL of the directory audit log's connected-organization and sponsor activities
   * performed at or after {@code since} (R-ENT-5)}
   *
   * @param since the earliest activity time to list
   */
  public String auditLogUrl(java.time.Instant since) {
    StringBuilder filter =
        new StringBuilder("activityDateTime ge ")
            .append(java.time.format.DateTimeFormatter.ISO_INSTANT.format(since))
            .append(" and (");
    for (int i = 0; i < SYNC_ACTIVITIES.size(); i++) {
      filter.append(i == 0 ? "" : " or ").append("activityDisplayName eq '");
      filter.append(SYNC_ACTIVITIES.get(i)).append('\'');
    }
    filter.append(')');
    return serviceRoot
        + "/auditLogs/directoryAudits?$filter="
        + java.net.URLEncoder.encode(filter.toString(), java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
  }

  /**
   * The audit activities (category {@code EntitlementManagement}) that change a connected
   * organization or its sponsors, as Entra's audit activity reference names them.
   */
  public static final List<String> SYNC_ACTIVITIES =
      List.of(
          "Create connected organization",
          "Update connected organization",
          "Delete connected organization",
          "Assign user as external sponsor",
          "Assign user as internal sponsor",
          "Remove user as external sponsor",
          "Remove user as internal sponsor");

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
    return mapping.toOrganization(graph);
  }

  /**
   * What Graph would say of {@code org}: every Graph property, the sponsors, and Entente's
   * annotations, so that {@link #toOrganization} gives {@code org} back.
   *
   * @param org the organization
   * @return its Graph form
   */
  public GraphOrganization toGraph(ConnectedOrganization org) {
    return mapping.toGraph(org);
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
    return writer.organization(org);
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
    writer.page(orgs.iterator(), out);
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
    writer.page(orgs.iterator(), out);
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
    return writer.createBody(org);
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
    return writer.updateBody(before, after);
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
    return writer.sponsorReferenceBody(sponsor);
  }

  /**
   * The URL of the tenant's connected organizations, to list (follow {@code @odata.nextLink} from
   * there; add {@code ?$expand=internalSponsors,externalSponsors} for the sponsors) and to create.
   *
   * @return {@code <service root>/identityGovernance/entitlementManagement/connectedOrganizations}
   */
  public String organizationsUrl() {
    return writer.organizationsUrl();
  }
}
