package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.ConnectedOrganizations;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.InvitationGate;
import dev.entente.entra.EntraException.Reason;
import dev.entente.errors.ValidationException;
import dev.entente.graph.EntraPlan;
import dev.entente.graph.GraphAuditEntry;
import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import dev.entente.graph.GraphReader;
import dev.entente.graph.GraphRequest;
import dev.entente.model.Cloud;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A connection to one Microsoft Entra tenant through Microsoft Graph v1.0 (docs/rules.md §9):
 * {@linkplain #pull() pull} its connected organizations with their sponsors, {@linkplain #push
 * push} an {@link EntraPlan} to it, and {@linkplain #directory discover} what a domain belongs to.
 * Thread-safe; one per tenant and application.
 *
 * <pre>{@code
 * AccessTokens tokens = MsalAccessTokens.withSecret(Cloud.GLOBAL, tenantId, clientId, secret);
 * Entra entra = Entra.builder(Cloud.GLOBAL, tokens).lowPriority(true).build();
 * EntraSnapshot tenant = entra.pull();
 * ImportPlan plan = tenant.planImport(entente.organizations());
 * plan.apply();
 * }</pre>
 *
 * <p>It is a good citizen of Graph (R-ENT-2): it follows {@code @odata.nextLink} whole (an empty
 * page is not the end), sends a token only below the service root, batches the sponsor lists 20
 * requests to a {@code $batch}, honours 429's {@code Retry-After} (seconds or HTTP date) and backs
 * off exponentially with jitter when there is none, retries 503, 504 and connection failures within
 * {@link Retries}, takes one fresh token after a 401, retries a 404 right after a create
 * (replication delay), and sends {@code x-ms-throttle-priority: low} when {@linkplain
 * Builder#lowPriority built for background work}. It never follows a redirect.
 */
public final class Entra {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Entra.class);

  /** Requests in one {@code $batch}, Graph's limit. */
  static final int BATCH = 20;

  /**
   * {@code $batch} requests in flight at once unless set. Graph documents no concurrency limit for
   * entitlement management; its identity-and-access limit is resource units per app and tenant
   * (3,500 per 10 seconds for the smallest tenant, one unit per GET): four batches of 20 at Graph's
   * usual 300 ms a batch stay near 2,700, and a throttled batch makes every one wait.
   */
  public static final int DEFAULT_BATCHES_IN_FLIGHT = 4;

  private final Cloud homeCloud;
  private final GraphJson graph;
  private final GraphHttp http;
  private final Map<Cloud, String> loginRoots;
  private final int batchesInFlight;
  private final Clock clock;
  private final HostDirectory hostDirectory;
  private final EntraPublicFacts publicFacts;

  /** What push plans ask which tenant verified a domain (R-ENT-4): answers kept for an hour. */
  private final EntraDirectory planning;

  private Entra(Builder b) {
    this.homeCloud = b.homeCloud;
    this.clock = b.clock;
    this.batchesInFlight = b.batchesInFlight;
    this.hostDirectory = b.hostDirectory;
    this.publicFacts = b.publicFacts != null ? b.publicFacts : new EntraPublicFacts();
    this.graph = b.graph;
    this.loginRoots = Map.copyOf(b.loginRoots);
    HttpClient client =
        b.client != null
            ? b.client
            : HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.http =
        new GraphHttp(client, graph, b.tokens, b.clock, b.sleeper, b.retries, b.lowPriority);
    this.planning =
        new EntraDirectory(homeCloud, graph, http, loginRoots, Duration.ofHours(1), publicFacts);
  }

  /**
   * A builder for a tenant in {@code homeCloud}, whose tokens come from {@code tokens}.
   *
   * @param homeCloud the cloud of the tenant: its Graph and login hosts
   * @param tokens where tokens come from
   * @return a builder
   */
  public static Builder builder(Cloud homeCloud, AccessTokens tokens) {
    return new Builder(requireNonNull(homeCloud, "homeCloud"), requireNonNull(tokens, "tokens"));
  }

  /** Builds an {@link Entra}; everything but the cloud and the tokens has a default. */
  public static final class Builder {
    private final Cloud homeCloud;
    private final AccessTokens tokens;
    private GraphJson graph;
    private final Map<Cloud, String> loginRoots = new EnumMap<>(Cloud.class);
    private boolean lowPriority;
    private Retries retries = Retries.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    private @Nullable HttpClient client;
    private int batchesInFlight = DEFAULT_BATCHES_IN_FLIGHT;
    private HostDirectory hostDirectory = HostDirectory.DEFAULT;
    private @Nullable EntraPublicFacts publicFacts;

    private Builder(Cloud homeCloud, AccessTokens tokens) {
      this.homeCloud = homeCloud;
      this.tokens = tokens;
      this.graph = GraphJson.forCloud(homeCloud);
      for (Cloud c : Cloud.values()) {
        loginRoots.put(c, "https://" + c.loginHost());
      }
    }

    /**
     * Sends Graph requests to another service root, such as a national deployment's or a {@code
     * FakeEntra}'s.
     *
     * @param serviceRoot an https URL without a trailing slash (http only to a loopback address)
     * @return this
     * @throws ValidationException on {@code serviceRoot} for anything else
     */
    public Builder graphRoot(String serviceRoot) {
      this.graph = graph.withServiceRoot(serviceRoot);
      return this;
    }

    /**
     * Asks {@code cloud}'s login host at another root for OpenID configurations, such as a {@code
     * FakeEntra}'s.
     *
     * @param cloud the cloud
     * @param root an https URL without a trailing slash (http only to a loopback address)
     * @return this
     * @throws ValidationException on {@code root} for anything else
     */
    public Builder loginRoot(Cloud cloud, String root) {
      requireNonNull(cloud, "cloud");
      checkedRoot("root", cloud, root);
      loginRoots.put(cloud, root);
      return this;
    }

    /**
     * Marks every Graph request {@code x-ms-throttle-priority: low}, for a background sync: Graph
     * then throttles it before the tenant's interactive work.
     *
     * @param low whether requests are low priority
     * @return this
     */
    public Builder lowPriority(boolean low) {
      this.lowPriority = low;
      return this;
    }

    /**
     * How hard to try; {@link Retries#defaults()} unless set.
     *
     * @param retries the retries
     * @return this
     */
    public Builder retries(Retries retries) {
      this.retries = requireNonNull(retries, "retries");
      return this;
    }

    /**
     * The clock that reads an HTTP-date {@code Retry-After}, and how to wait; a test on virtual
     * time passes its own.
     *
     * @param clock the clock
     * @param sleeper how to wait
     * @return this
     */
    public Builder time(Clock clock, Sleeper sleeper) {
      this.clock = requireNonNull(clock, "clock");
      this.sleeper = requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The HTTP client, such as one with the host's proxy; it must not follow redirects (a token
     * must not go where a redirect points). A client that never follows them unless set.
     *
     * @param client the client
     * @return this
     * @throws ValidationException on {@code client} when it follows redirects
     */
    public Builder httpClient(HttpClient client) {
      requireNonNull(client, "client");
      if (client.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new ValidationException(
            "client",
            "follows redirects " + client.followRedirects(),
            "would send a token where a redirect points",
            "an HttpClient built with followRedirects(HttpClient.Redirect.NEVER)");
      }
      this.client = client;
      return this;
    }

    /**
     * How many {@code $batch} requests a pull keeps in flight ({@value #DEFAULT_BATCHES_IN_FLIGHT}
     * unless set; 1 sends them one at a time). They go in rounds: when any answer of a round is
     * throttled, the next round waits what the longest {@code Retry-After} asks (R-ENT-2).
     *
     * @param batches from 1 to 16
     * @return this
     * @throws ValidationException on {@code batchesInFlight} outside 1 to 16
     */
    public Builder batchesInFlight(int batches) {
      if (batches < 1 || batches > 16) {
        throw new ValidationException(
            "batchesInFlight", batches, "is outside 1 to 16", "a number of requests from 1 to 16");
      }
      this.batchesInFlight = batches;
      return this;
    }

    /**
     * The host directory this connection belongs to (R-DIR-1), {@link HostDirectory#DEFAULT} unless
     * set: the directory whose tenant the tokens open. Pull, push and sync write into that
     * directory's organizations only; given another's, they refuse before anything is read.
     *
     * @param directory the host directory whose tenant this is
     * @return this
     */
    public Builder hostDirectory(HostDirectory directory) {
      this.hostDirectory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Shares what discovery learns of the public world — OpenID configurations and Graph's tenant
     * information — with every connection built with the same {@code facts}: one per deployment, so
     * that the connections of many host directories ask each domain once. Each connection keeps its
     * own host's federations. Unless set, a connection keeps its own.
     *
     * @param facts the shared answers
     * @return this
     */
    public Builder publicFacts(EntraPublicFacts facts) {
      this.publicFacts = requireNonNull(facts, "facts");
      return this;
    }

    /** {@return the connection} */
    public Entra build() {
      return new Entra(this);
    }
  }

  /**
   * {@code root} when it is the root of a login host: https without a trailing slash, or http to a
   * loopback address for a local test server; a {@link ValidationException} on {@code field}
   * otherwise.
   */
  static String checkedRoot(String field, Cloud cloud, String root) {
    requireNonNull(root, field);
    try {
      GraphJson.forCloud(cloud).withServiceRoot(root); // the same rule as a Graph service root
    } catch (ValidationException e) {
      throw new ValidationException(
          field,
          root,
          "is not the root of a login host",
          "an https URL without a trailing slash, such as https://"
              + cloud.loginHost()
              + " (http only to a loopback address, for a local test server)");
    }
    return root;
  }

  /** {@return the host directory this connection belongs to} */
  public HostDirectory hostDirectory() {
    return hostDirectory;
  }

  /**
   * Refuses {@code organizations} of another host directory than this connection's (R-DIR-1).
   *
   * @param organizations the management service a pull, push or sync would use
   * @throws ValidationException on field {@code organizations} when they are another directory's
   */
  void checkDirectory(ConnectedOrganizations organizations) {
    if (!organizations.directory().equals(hostDirectory)) {
      throw new ValidationException(
          "organizations",
          "directory " + organizations.directory(),
          "belong to another host directory than this connection to Entra, which is directory "
              + hostDirectory
              + "'s",
          "the organizations of directory "
              + hostDirectory
              + " (Entente.directory(id).organizations()), or a connection built with"
              + " hostDirectory(id) for theirs");
    }
  }

  /** {@return the cloud of the tenant} */
  public Cloud homeCloud() {
    return homeCloud;
  }

  /** {@return the clock the connection's waits are judged by} */
  Clock clock() {
    return clock;
  }

  /** {@return how many HTTP requests the connection has sent, retries included} */
  long requests() {
    return http.requests();
  }

  /** {@return the Graph JSON of the tenant's cloud and service root} */
  public GraphJson graphJson() {
    return graph;
  }

  // ----- pull -----

  /**
   * Lists every connected organization of the tenant with its internal and external sponsors (Graph
   * v1.0 has no delta for them: a pull is a full list, R-ENT-1). Nothing is written anywhere: plan
   * the import from the snapshot. An organization deleted while the pull runs is left out; one
   * whose JSON cannot be read is kept as a problem, for the plan to list as invalid.
   *
   * @return what the tenant holds
   * @throws EntraException when a request fails for good, or an answer cannot be read
   */
  public EntraSnapshot pull() {
    long before = http.requests();
    List<GraphOrganization> read = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    List<EntraSnapshot.Problem> problems = new ArrayList<>();
    String url = graph.organizationsUrl();
    int page = 0;
    while (url != null) {
      page++;
      GraphHttp.Response response = http.graph("GET", url, null, false);
      String at = "page " + page;
      try (GraphReader reader = graph.pageReader(new ByteArrayInputStream(response.body()))) {
        while (reader.hasNext()) {
          try {
            GraphOrganization org = reader.next();
            read.add(org);
            origins.add(
                org.id()
                    .map(id -> "connectedOrganizations/" + id)
                    .orElse(at + " " + org.pointer()));
          } catch (GraphFormatException e) {
            if (!e.recoverable()) {
              throw malformed("GET " + url, e);
            }
            problems.add(new EntraSnapshot.Problem(at + " " + e.pointer(), e));
          }
        }
        url = reader.nextLink().orElse(null);
      } catch (GraphFormatException e) {
        throw malformed("GET " + url, e);
      }
    }
    dropEarlierCopies(read, origins);
    List<Fetch> sponsorLists = new ArrayList<>();
    for (int i = 0; i < read.size(); i++) {
      String id = read.get(i).id().orElse(null);
      if (id != null && isPathSegment(id)) {
        // (an id no URL can name keeps no sponsors: the plan leaves the store's as they are)
        sponsorLists.add(Fetch.internalSponsors(i, organizationUrl(id)));
        sponsorLists.add(Fetch.externalSponsors(i, organizationUrl(id)));
      }
    }
    return fetch(new ArrayList<>(read), origins, problems, sponsorLists, before);
  }

  /**
   * Reads again, by id, the organizations {@code ids} names, each with both sponsor lists, in
   * {@code $batch}es as a pull reads sponsors (R-ENT-5): what an incremental sync does with the ids
   * the audit log names. An id the tenant does not hold (deleted, or never an organization) is
   * listed in {@link EntraSnapshot#missing()}.
   *
   * @param ids the organizations' Graph ids
   * @return what the tenant holds of them
   * @throws EntraException when a request fails for good, or an answer cannot be read
   */
  public EntraSnapshot reread(java.util.Collection<String> ids) {
    requireNonNull(ids, "ids");
    long before = http.requests();
    List<@Nullable GraphOrganization> slots = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    List<Fetch> reads = new ArrayList<>();
    Set<String> missing = new java.util.TreeSet<>();
    for (String id : new java.util.LinkedHashSet<>(ids)) {
      if (!isPathSegment(id)) {
        missing.add(id); // no organization's id: Graph's are GUIDs
        continue;
      }
      reads.add(Fetch.organization(slots.size(), organizationUrl(id)));
      slots.add(null);
      origins.add("connectedOrganizations/" + id);
    }
    EntraSnapshot read = fetch(slots, origins, new ArrayList<>(), reads, before);
    Set<String> found = new HashSet<>();
    read.organizations().forEach(org -> org.id().ifPresent(found::add));
    read.problems().forEach(p -> p.organizationId().ifPresent(found::add)); // held, unreadable
    for (String origin : origins) {
      String id = origin.substring("connectedOrganizations/".length());
      if (!found.contains(id)) {
        missing.add(id);
      }
    }
    return read.withMissing(missing);
  }

  /**
   * The directory audit log's connected-organization and sponsor entries ({@link
   * GraphJson#SYNC_ACTIVITIES}) performed at or after {@code since}, every page (R-ENT-5). Entries
   * appear in the log minutes after their activity, in any order: read with an overlap.
   *
   * @param since the earliest activity time to list
   * @return the entries, in the log's order
   * @throws EntraException when a request fails for good — {@link
   *     EntraException.Reason#UNAUTHORIZED} when the application may not read the audit log ({@code
   *     AuditLog.Read.All}) — or an answer cannot be read
   */
  public List<GraphAuditEntry> auditLog(java.time.Instant since) {
    requireNonNull(since, "since");
    List<GraphAuditEntry> entries = new ArrayList<>();
    String url = graph.auditLogUrl(since);
    while (url != null) {
      GraphHttp.Response response = http.graph("GET", url, null, false);
      try {
        GraphJson.Page<GraphAuditEntry> page =
            graph.readAuditPage(new ByteArrayInputStream(response.body()));
        entries.addAll(page.values());
        url = page.nextLink().orElse(null);
      } catch (GraphFormatException e) {
        throw malformed("GET " + url, e);
      }
    }
    return entries;
  }

  /**
   * The host tenant's cross-tenant access settings (docs/rules.md §12, R-XTA-1): {@code GET
   * /policies/crossTenantAccessPolicy} for {@code allowedCloudEndpoints}, {@code …/default} and
   * every page of {@code …/partners}. Each host directory has its own: give them to {@code
   * Entente.Builder.gates} for this connection's {@link #hostDirectory()}.
   *
   * <p>Needs the application permission {@code Policy.Read.All}, the least privileged that reads
   * these three (each page's permission table).
   *
   * @return the settings
   * @throws EntraException when a request fails for good — {@link
   *     EntraException.Reason#UNAUTHORIZED} without {@code Policy.Read.All} — or an answer cannot
   *     be read (a typed Graph error at its JSON pointer as the cause)
   */
  public CrossTenantAccess pullCrossTenantAccess() {
    String root = graph.serviceRoot() + "/policies/crossTenantAccessPolicy";
    CrossTenantAccess.Builder b = CrossTenantAccess.builder().homeCloud(graph.homeCloud());
    b.allowedClouds(read(root, graph::readAllowedClouds));
    read(
        root + "/default",
        json ->
            b.defaultInbound(graph.readCrossTenantDefault(json))
                .redemptionOrder(graph.readRedemptionOrder(json)));
    String url = root + "/partners";
    while (url != null) {
      GraphJson.Page<CrossTenantAccess.Partner> page = read(url, graph::readCrossTenantPartnerPage);
      page.values().forEach(b::partner);
      url = page.nextLink().orElse(null);
    }
    try {
      return b.build();
    } catch (ValidationException e) {
      throw GraphHttp.unreadable("GET " + root + "/partners", 200, e.getMessage(), e);
    }
  }

  /**
   * The host tenant's domain allow or deny list (R-MAT-3) from Graph beta's {@code GET
   * /policies/b2bManagementPolicies}: the organization default's definition. Beta, and in the
   * global cloud only, as Graph documents it; needs {@code Policy.Read.B2BManagementPolicy}.
   *
   * @return the domain list
   * @throws EntraException when a request fails for good, or an answer cannot be read
   */
  public CollaborationRestrictions pullDomainList() {
    String beta = http.betaDomainListUrl();
    return read(beta, graph::readB2BManagementPolicy);
  }

  /**
   * {@return the invitation gate of the host tenant: its domain list and cross-tenant access
   * settings, pulled now (R-MAT-3, R-XTA-1)}
   *
   * @throws EntraException as {@link #pullCrossTenantAccess} and {@link #pullDomainList} do
   */
  public InvitationGate pullInvitationGate() {
    return InvitationGate.of(pullDomainList(), pullCrossTenantAccess());
  }

  /** What {@code reader} reads of the answer to {@code GET url}. */
  private <T> T read(String url, java.util.function.Function<String, T> reader) {
    GraphHttp.Response response = http.graph("GET", url, null, false);
    try {
      return reader.apply(response.text());
    } catch (GraphFormatException e) {
      throw malformed("GET " + url, e);
    }
  }

  private static boolean isPathSegment(String id) {
    return id.matches("[A-Za-z0-9._~-]+");
  }

  private String organizationUrl(String id) {
    return graph.organizationsUrl().substring(graph.serviceRoot().length()) + "/" + id;
  }

  /**
   * Keeps one copy of an organization listed on two pages — Graph's paging can list one that
   * changed while it was paged twice — the one read last, as the newest (R-ENT-4). So the import
   * plan and the push plan from a snapshot see the same organization once.
   */
  static void dropEarlierCopies(List<GraphOrganization> read, List<String> origins) {
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < read.size(); i++) {
      int index = i;
      read.get(i).id().ifPresent(id -> last.put(id, index));
    }
    for (int i = read.size() - 1; i >= 0; i--) {
      String id = read.get(i).id().orElse(null);
      if (id != null && !Integer.valueOf(i).equals(last.get(id))) {
        LOG.debug("{} is listed again later; the later copy is kept", origins.get(i));
        read.remove(i);
        origins.remove(i);
      }
    }
  }

  private static EntraException malformed(String request, GraphFormatException e) {
    return GraphHttp.unreadable(request, 200, e.getMessage(), e);
  }

  /** What one request of a {@code $batch} fetches. */
  private enum Part {
    ORGANIZATION,
    INTERNAL_SPONSORS,
    EXTERNAL_SPONSORS
  }

  /**
   * One thing to fetch: the organization's index, which part of it, the URL below the root, its
   * retries after a throttled or unavailable answer of its own, after 404s, and after its batch's
   * envelope was throttled or unavailable (each counted against the budget on its own, as a request
   * sent alone would count them).
   */
  private record Fetch(int org, Part part, String url, int attempt, int notFound, int envelope) {
    static Fetch organization(int org, String organizationUrl) {
      return new Fetch(org, Part.ORGANIZATION, organizationUrl, 0, 0, 0);
    }

    static Fetch internalSponsors(int org, String organizationUrl) {
      return new Fetch(org, Part.INTERNAL_SPONSORS, organizationUrl + "/internalSponsors", 0, 0, 0);
    }

    static Fetch externalSponsors(int org, String organizationUrl) {
      return new Fetch(org, Part.EXTERNAL_SPONSORS, organizationUrl + "/externalSponsors", 0, 0, 0);
    }

    /** {@return the list's next page, a request of its own} */
    Fetch nextPage(String next) {
      return new Fetch(org, part, next, 0, 0, 0);
    }

    /** {@return this asked again after its own retryable answer} */
    Fetch retried() {
      return new Fetch(org, part, url, attempt + 1, notFound, envelope);
    }

    /** {@return this asked again after a 404 (replication delay)} */
    Fetch notFoundAgain() {
      return new Fetch(org, part, url, attempt, notFound + 1, envelope);
    }

    /** {@return this asked again after its batch's envelope was retryable} */
    Fetch envelopeRetried(int envelopeAttempt) {
      return new Fetch(org, part, url, attempt, notFound, envelopeAttempt);
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Fetches {@code fetches}, 20 to a {@code $batch}, a few batches at once: an organization read
   * (whose sponsor lists are then fetched too) or a sponsor list, each page of it; {@code read}
   * holds the organizations by index (null until read).
   */
  private EntraSnapshot fetch(
      List<@Nullable GraphOrganization> read,
      List<String> origins,
      List<EntraSnapshot.Problem> problems,
      List<Fetch> fetches,
      long before) {
    String root = graph.serviceRoot();
    Deque<Fetch> queue = new ArrayDeque<>(fetches);
    Map<Integer, List<Sponsor>> internal = new HashMap<>();
    Map<Integer, List<Sponsor>> external = new HashMap<>();
    for (Fetch f : fetches) {
      if (f.part() != Part.ORGANIZATION) {
        internal.putIfAbsent(f.org(), new ArrayList<>());
        external.putIfAbsent(f.org(), new ArrayList<>());
      }
    }
    Set<Integer> gone = new HashSet<>();
    Map<Integer, EntraSnapshot.Problem> unreadable = new HashMap<>();
    java.util.concurrent.ExecutorService senders =
        batchesInFlight == 1
            ? null
            : java.util.concurrent.Executors.newFixedThreadPool(
                batchesInFlight,
                r -> {
                  Thread t = new Thread(r, "entente-entra-batch");
                  t.setDaemon(true);
                  return t;
                });
    try {
      while (!queue.isEmpty()) {
        // One round: up to batchesInFlight batches of 20 lists, sent at once.
        List<List<Fetch>> round = new ArrayList<>();
        while (round.size() < batchesInFlight && !queue.isEmpty()) {
          List<Fetch> batch = new ArrayList<>(BATCH);
          while (batch.size() < BATCH && !queue.isEmpty()) {
            batch.add(queue.poll());
          }
          round.add(batch);
        }
        List<GraphHttp.Batch> answered = send(round, senders);
        Duration wait = Duration.ZERO;
        List<Fetch> again = new ArrayList<>();
        for (int b = 0; b < round.size(); b++) {
          List<Fetch> batch = round.get(b);
          GraphHttp.Response envelope = answered.get(b).retry();
          if (envelope != null) {
            // The whole batch waits with the round, and goes again.
            int attempt = batch.stream().mapToInt(Fetch::envelope).max().orElse(0) + 1;
            wait = longer(wait, http.retryWait("POST " + root + "/$batch", envelope, attempt));
            batch.forEach(list -> again.add(list.envelopeRetried(attempt)));
            continue;
          }
          List<Bodies.InnerResponse> answers = requireNonNull(answered.get(b).answers(), "answers");
          for (int a = 0; a < answers.size(); a++) {
            Bodies.InnerResponse answer = answers.get(a);
            Fetch list = batch.get(a);
            String request = "GET " + root + list.url() + " (in $batch)";
            int status = answer.status();
            GraphHttp.Response response = answer.asResponse();
            if (status == 200 && list.part() == Part.ORGANIZATION) {
              GraphOrganization org;
              try {
                org =
                    graph.readOrganization(
                        new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
              } catch (GraphFormatException e) {
                unreadable.putIfAbsent(
                    list.org(), new EntraSnapshot.Problem(origins.get(list.org()), e));
                continue;
              }
              read.set(list.org(), org);
              internal.put(list.org(), new ArrayList<>());
              external.put(list.org(), new ArrayList<>());
              String at = list.url();
              again.add(Fetch.internalSponsors(list.org(), at));
              again.add(Fetch.externalSponsors(list.org(), at));
            } else if (status == 200) {
              GraphJson.Page<Sponsor> page;
              try {
                page = graph.readSponsorPage(new ByteArrayInputStream(answer.body()));
              } catch (GraphFormatException e) {
                unreadable.putIfAbsent(
                    list.org(),
                    new EntraSnapshot.Problem(origins.get(list.org()) + " sponsors", e));
                continue;
              }
              requireNonNull(
                      (list.part() == Part.INTERNAL_SPONSORS ? internal : external).get(list.org()))
                  .addAll(page.values());
              page.nextLink()
                  .ifPresent(next -> again.add(list.nextPage(next.substring(root.length()))));
            } else if (status == 404) {
              if (list.part() == Part.ORGANIZATION
                  || list.notFound() >= http.retries().replicationRetries()) {
                // An organization the audit log named minutes ago is gone, not unreplicated.
                gone.add(list.org()); // deleted since the list was read
              } else {
                // Or created so recently that this replica has not seen it yet: ask again.
                again.add(list.notFoundAgain());
                wait = longer(wait, http.backoff(list.notFound() + 1));
              }
            } else if (GraphHttp.retryable(status)) {
              wait = longer(wait, http.retryWait(request, response, list.attempt() + 1));
              again.add(list.retried());
            } else {
              throw GraphHttp.refused(request, response);
            }
          }
        }
        for (int i = again.size() - 1; i >= 0; i--) {
          queue.addFirst(again.get(i));
        }
        // One back-off for the whole round, before any request of the next.
        http.pause("POST " + root + "/$batch", wait);
      }
    } finally {
      if (senders != null) {
        senders.shutdownNow();
      }
    }
    List<GraphOrganization> organizationsRead = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<EntraSnapshot.Problem> allProblems = new ArrayList<>(problems);
    for (int i = 0; i < read.size(); i++) {
      EntraSnapshot.Problem problem = unreadable.get(i);
      if (problem != null && !gone.contains(i)) {
        allProblems.add(problem);
        continue;
      }
      GraphOrganization org = read.get(i);
      if (org == null || gone.contains(i)) {
        continue;
      }
      List<Sponsor> in = internal.get(i);
      List<Sponsor> ex = external.get(i);
      if (in != null && ex != null) {
        org =
            GraphOrganization.builder().from(org).internalSponsors(in).externalSponsors(ex).build();
      }
      organizationsRead.add(org);
      kept.add(origins.get(i));
    }
    return new EntraSnapshot(
        graph, organizationsRead, kept, allProblems, http.requests() - before, planning, this);
  }

  /**
   * Sends each batch of {@code round} as one {@code $batch}, at once on {@code senders} (or here,
   * one at a time, without them), and returns their answers in the order of the round. The first
   * failure ends the round: the others are waited for, and it is thrown.
   */
  private List<GraphHttp.Batch> send(
      List<List<Fetch>> round, java.util.concurrent.@Nullable ExecutorService senders) {
    List<List<GraphHttp.Inner>> requests = new ArrayList<>();
    for (List<Fetch> batch : round) {
      List<GraphHttp.Inner> inner = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        inner.add(new GraphHttp.Inner(Integer.toString(i), "GET", batch.get(i).url()));
      }
      requests.add(inner);
    }
    if (senders == null || requests.size() == 1) {
      List<GraphHttp.Batch> answers = new ArrayList<>();
      for (List<GraphHttp.Inner> inner : requests) {
        answers.add(http.batch(inner));
      }
      return answers;
    }
    List<java.util.concurrent.Future<GraphHttp.Batch>> pending = new ArrayList<>();
    for (List<GraphHttp.Inner> inner : requests) {
      pending.add(senders.submit(() -> http.batch(inner)));
    }
    List<GraphHttp.Batch> answers = new ArrayList<>();
    RuntimeException failed = null;
    for (java.util.concurrent.Future<GraphHttp.Batch> f : pending) {
      try {
        answers.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        if (failed == null) {
          failed =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.forEach(p -> p.cancel(true));
        throw new EntraException(
            EntraException.Reason.INTERRUPTED,
            "POST " + graph.serviceRoot() + "/$batch",
            0,
            null,
            "interrupted while waiting",
            e);
      }
    }
    if (failed != null) {
      throw failed;
    }
    return answers;
  }

  // ----- push -----

  /**
   * Carries out {@code plan} against the tenant, request by request, in order (R-ENT-1): the id
   * Graph gives a created organization goes into the requests that follow it; a request that fails
   * is reported with why, and the rest of that organization's requests are skipped; the other
   * organizations go on. A failure no request can get past (no token, or Graph refusing the
   * application) skips everything after it. Nothing is written to the local store. Pull and plan
   * again to finish after a failure: the new plan holds only what is left (R-ENT-1).
   *
   * @param plan the plan, made for this tenant's service root
   * @return what was done
   * @throws ValidationException on {@code plan} when a request of it is not below this connection's
   *     service root
   */
  public PushReport push(EntraPlan plan) {
    requireNonNull(plan, "plan");
    for (GraphRequest r : plan.requests()) {
      if (!http.onServiceRoot(r.url().replace(GraphRequest.NEW_ID, "id"))) {
        throw new ValidationException(
            "plan",
            r.method() + " " + r.url(),
            "is not below this connection's service root " + graph.serviceRoot(),
            "a plan made with this connection's graphJson()");
      }
    }
    List<PushReport.Outcome> outcomes = new ArrayList<>();
    Map<OrganizationId, String> created = new HashMap<>();
    Set<OrganizationId> failed = new HashSet<>();
    EntraException stopped = null;
    for (GraphRequest planned : plan.requests()) {
      OrganizationId org = planned.organization();
      if (stopped != null || failed.contains(org)) {
        outcomes.add(PushReport.Outcome.skipped(planned, stopped));
        continue;
      }
      GraphRequest request = planned;
      if (planned.needsGraphId()) {
        String id = created.get(org);
        if (id == null) {
          outcomes.add(PushReport.Outcome.skipped(planned, null));
          continue;
        }
        request = planned.withGraphId(id);
      }
      try {
        GraphHttp.Response response =
            http.graph(
                request.method().name(),
                request.url(),
                request.body().orElse(null),
                planned.needsGraphId());
        if (request.createsOrganization()) {
          String id = graph.readOrganization(response.text()).id().orElse(null);
          if (id == null) {
            throw new EntraException(
                Reason.MALFORMED,
                request.method() + " " + request.url(),
                response.status(),
                null,
                "the created organization's answer has no id",
                null);
          }
          created.put(org, id);
        }
        outcomes.add(PushReport.Outcome.done(request, response.status()));
      } catch (GraphFormatException e) {
        failed.add(org);
        outcomes.add(
            PushReport.Outcome.failed(
                request, malformed(request.method() + " " + request.url(), e)));
      } catch (EntraException e) {
        failed.add(org);
        outcomes.add(PushReport.Outcome.failed(request, e));
        if (e.reason() == Reason.TOKEN
            || e.reason() == Reason.UNAUTHORIZED
            || e.reason() == Reason.INTERRUPTED) {
          stopped = e;
        }
      }
    }
    return new PushReport(outcomes, created, stopped);
  }

  // ----- discovery -----

  /**
   * Discovery on the real services (R-ENT-3), as a {@link dev.entente.spi.DirectoryLookup}: a
   * domain resolves to a federation the host configured, else an Entra tenant, else nothing known;
   * answers are kept for {@code ttl}, negative ones too.
   *
   * @param ttl how long an answer is kept
   * @return the lookup
   */
  public EntraDirectory directory(Duration ttl) {
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new ValidationException("ttl", ttl, "is negative", "a duration of zero or more");
    }
    return new EntraDirectory(homeCloud, graph, http, loginRoots, ttl, publicFacts);
  }
}
