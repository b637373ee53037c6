package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import dev.entente.ConnectedOrganizations;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The reverse of an import ({@link GraphReader#planImport}): the Graph requests that would make
 * Entra match the store, given an export of what Entra has now. Nothing is sent: {@code
 * entente-entra}'s {@code Entra.push} sends {@link #requests()} in order, or the host with its own
 * client: first the updates of the organizations Entra has, then the creates, each group in the
 * store's order (by id), each organization's requests together.
 *
 * <ul>
 *   <li>An organization in both, by id, is updated in the properties that differ ({@code PATCH});
 *       its sponsors are added and removed by {@code $ref} calls when the export carries them. So
 *       is the organization Entra keeps under another id that holds the first identity source of a
 *       store organization Entra does not have by id (identity sources are unique in a tenant: it
 *       is the one an earlier push created), so that a re-run after a partial failure converges.
 *   <li>An organization only in the store is created ({@code POST}, with its first identity source
 *       as Graph documents; a {@code PATCH} adds the others), then given its sponsors. Entra gives
 *       it a new id: the requests after the create hold {@value GraphRequest#NEW_ID}. Key the
 *       store's organization by that id afterwards ({@code PushReport.adoptIds}), as an import of
 *       it would.
 *   <li>Nothing is deleted in Entra; what is only there, what the store holds that Graph v1.0
 *       cannot say (a Microsoft-account or Google source), and a store organization whose other
 *       identity sources Entra's organizations hold are {@linkplain #notes() noted} instead.
 * </ul>
 */
public final class EntraPlan {
  /**
   * Entra's published limit of connected organizations in one tenant (R-ENT-4): a plan that would
   * create past it is refused before anything is sent.
   */
  public static final int TENANT_LIMIT = 2_500;

  private final List<GraphRequest> requests;
  private final List<String> notes;

  private EntraPlan(List<GraphRequest> requests, List<String> notes) {
    this.requests = List.copyOf(requests);
    this.notes = List.copyOf(notes);
  }

  /**
   * Plans the requests that make Entra, as {@code entraExport} shows it, match the store behind
   * {@code organizations}, for the cloud and service root of the {@link GraphJson} that made the
   * reader.
   *
   * @param entraExport what Entra has now; read to its end, not closed
   * @param organizations the management service of the store
   * @return the plan
   * @throws ValidationException on {@code organizations} when the plan would create past {@link
   *     #TENANT_LIMIT}, naming the limit and the count; nothing is planned then
   */
  public static EntraPlan of(GraphReader entraExport, ConnectedOrganizations organizations) {
    requireNonNull(entraExport, "entraExport");
    requireNonNull(organizations, "organizations");
    List<String> notes = new ArrayList<>();
    List<GraphOrganization> read = new ArrayList<>();
    List<ConnectedOrganization> mapped = new ArrayList<>();
    entraExport.forEachOrganization(
        (g, org) -> {
          read.add(g);
          mapped.add(org);
        },
        e -> notes.add(notCompared(e)));
    return plan(
        new GraphWriter(entraExport.mapping(), entraExport.serviceRoot()),
        read,
        mapped,
        read.size() + notes.size(),
        notes,
        organizations,
        null);
  }

  /**
   * Plans the requests that make Entra, holding {@code entra} (as read from Graph, such as by a
   * pull), match the store behind {@code organizations}, for the cloud and service root of {@code
   * graph}.
   *
   * @param graph the Graph JSON of the host's cloud and service root
   * @param entra what Entra has now
   * @param organizations the management service of the store
   * @return the plan
   * @throws ValidationException on {@code organizations} when the plan would create past {@link
   *     #TENANT_LIMIT}, naming the limit and the count; nothing is planned then
   */
  public static EntraPlan of(
      GraphJson graph, List<GraphOrganization> entra, ConnectedOrganizations organizations) {
    return of(graph, entra, organizations, null);
  }

  /**
   * Plans as {@link #of(GraphJson, List, ConnectedOrganizations)} does, knowing through {@code
   * lookup} which Entra tenant verified a domain: Graph stores an email-domain source whose domain
   * a tenant verified as that tenant's source, so the plan takes such a tenant in Entra for the
   * store's email domain, and neither patches it back on every push nor creates it again (R-ENT-4).
   * The lookup is asked only for the email domains of organizations whose sources differ, and of
   * creates while Entra holds a tenant no organization of the store claims; when it fails, the plan
   * notes it and compares as without it.
   *
   * @param graph the Graph JSON of the host's cloud and service root
   * @param entra what Entra has now
   * @param organizations the management service of the store
   * @param lookup what a domain belongs to, such as {@code Entra.directory(ttl)}; null for none
   * @return the plan
   * @throws ValidationException on {@code organizations} when the plan would create past {@link
   *     #TENANT_LIMIT}, naming the limit and the count; nothing is planned then
   */
  public static EntraPlan of(
      GraphJson graph,
      List<GraphOrganization> entra,
      ConnectedOrganizations organizations,
      @Nullable DirectoryLookup lookup) {
    requireNonNull(graph, "graph");
    requireNonNull(entra, "entra");
    requireNonNull(organizations, "organizations");
    List<String> notes = new ArrayList<>();
    List<GraphOrganization> read = new ArrayList<>();
    List<ConnectedOrganization> mapped = new ArrayList<>();
    for (GraphOrganization g : entra) {
      try {
        mapped.add(graph.toOrganization(g));
        read.add(g);
      } catch (GraphFormatException e) {
        notes.add(notCompared(e));
      }
    }
    return plan(
        new GraphWriter(graph.mapping(), graph.serviceRoot()),
        read,
        mapped,
        entra.size(),
        notes,
        organizations,
        lookup);
  }

  private static String notCompared(GraphFormatException e) {
    return "not compared: Entra's organization at " + e.pointer() + ": " + e.getMessage();
  }

  private static EntraPlan plan(
      GraphWriter writer,
      List<GraphOrganization> read,
      List<ConnectedOrganization> mapped,
      int inEntra,
      List<String> notes,
      ConnectedOrganizations organizations,
      @Nullable DirectoryLookup lookup) {
    Map<OrganizationId, GraphOrganization> entraGraph = new LinkedHashMap<>();
    Map<OrganizationId, ConnectedOrganization> entra = new LinkedHashMap<>();
    Map<IdentitySourceKey, ConnectedOrganization> entraKeys = new HashMap<>();
    for (int i = 0; i < read.size(); i++) {
      ConnectedOrganization org = mapped.get(i);
      entraGraph.put(org.id(), read.get(i));
      entra.put(org.id(), org);
      org.identitySources().forEach(s -> entraKeys.put(s.key(), org));
    }
    List<GraphRequest> updates = new ArrayList<>();
    List<GraphRequest> creates = new ArrayList<>();
    Map<OrganizationId, ConnectedOrganization> store = new LinkedHashMap<>();
    organizations.all().forEach(o -> store.put(o.id(), o));
    // Only a tenant in Entra that no organization of the store has by id can be the conversion of
    // one of the store's email domains: without one, a create or a counterpart asks no lookup.
    boolean unclaimedTenants =
        entra.values().stream()
            .anyMatch(
                o ->
                    !store.containsKey(o.id())
                        && o.identitySources().stream().anyMatch(EntraTenant.class::isInstance));
    Conversions conversions = new Conversions(lookup, notes, unclaimedTenants);
    Set<OrganizationId> matched = new HashSet<>();
    for (ConnectedOrganization org : store.values()) {
      try {
        ConnectedOrganization there = entra.get(org.id());
        if (there == null) {
          there = counterpart(org, entraKeys, store, conversions);
        }
        if (there != null) {
          matched.add(there.id());
          update(
              writer,
              there,
              entraGraph.get(there.id()),
              conversions.asIn(there, org),
              updates,
              notes);
        } else {
          create(writer, org, entraKeys, creates, notes, conversions);
        }
      } catch (ValidationException e) {
        notes.add("not written: " + org.id() + " " + org.displayName() + ": " + e.getMessage());
      }
    }
    for (ConnectedOrganization org : entra.values()) {
      if (!matched.contains(org.id())) {
        notes.add("only in Entra, left alone: " + org.id() + " " + org.displayName());
      }
    }
    long creating =
        creates.stream()
            .filter(
                r ->
                    r.method() == GraphRequest.Method.POST
                        && r.url().equals(writer.organizationsUrl()))
            .count();
    if (creating > 0 && inEntra + creating > TENANT_LIMIT) {
      throw new ValidationException(
          "organizations",
          (inEntra + creating) + " connected organizations",
          "would take the tenant past Entra's limit of "
              + TENANT_LIMIT
              + ": it holds "
              + inEntra
              + " and the plan creates "
              + creating,
          "at most "
              + TENANT_LIMIT
              + " connected organizations in a tenant (Entra's published service limit); push"
              + " fewer, or delete some in Entra first");
    }
    List<GraphRequest> requests = new ArrayList<>(updates);
    requests.addAll(creates);
    return new EntraPlan(requests, notes);
  }

  /**
   * The organization Entra keeps under another id for the store's {@code org}: the one that holds
   * the identity source a create of {@code org} would send (its first), when the store has no
   * organization of that id. Identity sources are unique in a tenant, so it is the one a create
   * made, such as a push that stopped before its report was kept: updating it, not creating again,
   * is what makes a re-run converge.
   */
  private static @Nullable ConnectedOrganization counterpart(
      ConnectedOrganization org,
      Map<IdentitySourceKey, ConnectedOrganization> entraKeys,
      Map<OrganizationId, ConnectedOrganization> store,
      Conversions conversions) {
    IdentitySource first = org.identitySources().get(0);
    ConnectedOrganization holder = entraKeys.get(first.key());
    if (holder == null) {
      holder = entraKeys.get(conversions.storedIfUnclaimed(first).key());
    }
    return holder == null || store.containsKey(holder.id()) ? null : holder;
  }

  private static void update(
      GraphWriter writer,
      ConnectedOrganization there,
      @Nullable GraphOrganization thereGraph,
      ConnectedOrganization org,
      List<GraphRequest> requests,
      List<String> notes) {
    String url = writer.organizationsUrl() + "/" + there.id();
    List<GraphRequest> mine = new ArrayList<>();
    writer
        .updateBody(there, org)
        .ifPresent(
            body ->
                mine.add(new GraphRequest(GraphRequest.Method.PATCH, url, body, org.id(), false)));
    if (thereGraph != null && thereGraph.internalSponsors().isPresent()) {
      sponsors(
          writer,
          url + "/internalSponsors",
          there.internalSponsors(),
          org.internalSponsors(),
          org.id(),
          mine);
    }
    if (thereGraph != null && thereGraph.externalSponsors().isPresent()) {
      sponsors(
          writer,
          url + "/externalSponsors",
          there.externalSponsors(),
          org.externalSponsors(),
          org.id(),
          mine);
    }
    if (thereGraph != null
        && (thereGraph.internalSponsors().isEmpty() || thereGraph.externalSponsors().isEmpty())) {
      notes.add(
          "sponsors not compared: "
              + org.id()
              + " "
              + org.displayName()
              + " (export Entra with $expand=internalSponsors,externalSponsors)");
    }
    requests.addAll(mine);
  }

  private static void create(
      GraphWriter writer,
      ConnectedOrganization org,
      Map<IdentitySourceKey, ConnectedOrganization> entraKeys,
      List<GraphRequest> requests,
      List<String> notes,
      Conversions conversions) {
    for (IdentitySource source : org.identitySources()) {
      ConnectedOrganization holder = entraKeys.get(source.key());
      if (holder == null) {
        holder = entraKeys.get(conversions.storedIfUnclaimed(source).key());
      }
      if (holder != null) {
        notes.add(
            "not created: "
                + org.id()
                + " "
                + org.displayName()
                + ": Entra's organization "
                + holder.id()
                + " "
                + holder.displayName()
                + " holds "
                + source.key()
                + " (import it to key the store's by Entra's id)");
        return;
      }
    }
    String base = writer.organizationsUrl();
    String created = base + "/" + GraphRequest.NEW_ID;
    List<GraphRequest> mine = new ArrayList<>();
    mine.add(
        new GraphRequest(GraphRequest.Method.POST, base, writer.createBody(org), org.id(), true));
    if (org.identitySources().size() > 1) {
      ConnectedOrganization asCreated =
          org.toBuilder().identitySources(org.identitySources().subList(0, 1)).build();
      writer
          .updateBody(asCreated, org)
          .ifPresent(
              body ->
                  mine.add(
                      new GraphRequest(GraphRequest.Method.PATCH, created, body, org.id(), false)));
    }
    sponsors(
        writer, created + "/internalSponsors", Set.of(), org.internalSponsors(), org.id(), mine);
    sponsors(
        writer, created + "/externalSponsors", Set.of(), org.externalSponsors(), org.id(), mine);
    requests.addAll(mine);
  }

  /** What Entra stores for a source: an email domain a tenant verified is that tenant's source. */
  private static final class Conversions {
    private final @Nullable DirectoryLookup lookup;
    private final List<String> notes;
    private final boolean unclaimedTenants;
    private final Map<IdentitySourceKey, IdentitySource> known = new HashMap<>();

    Conversions(@Nullable DirectoryLookup lookup, List<String> notes, boolean unclaimedTenants) {
      this.lookup = lookup;
      this.notes = notes;
      this.unclaimedTenants = unclaimedTenants;
    }

    /**
     * {@return the source Entra keeps for {@code source}, where that can matter to a create or a
     * counterpart: only while Entra has a tenant no organization of the store claims}
     */
    IdentitySource storedIfUnclaimed(IdentitySource source) {
      return unclaimedTenants ? stored(source) : source;
    }

    /** {@return the source Entra keeps when {@code source} is written} */
    IdentitySource stored(IdentitySource source) {
      if (lookup == null || !(source instanceof EmailDomain domain)) {
        return source;
      }
      return known.computeIfAbsent(
          source.key(),
          k -> {
            try {
              DomainResolution resolved = lookup.resolve(domain.domainName());
              return resolved instanceof DomainResolution.Tenant t
                  ? EntraTenant.of(t.tenantId(), t.cloud(), t.name())
                  : source;
            } catch (RuntimeException e) {
              notes.add(
                  "not known whether Entra keeps "
                      + domain.domainName()
                      + " as a tenant (the lookup failed: "
                      + e.getMessage()
                      + "); compared as an email domain");
              return source;
            }
          });
    }

    /**
     * {@code org} with the sources Entra's {@code there} keeps for its own, where they are Entra's
     * conversions of them: so that no update patches a conversion back.
     */
    ConnectedOrganization asIn(ConnectedOrganization there, ConnectedOrganization org) {
      if (lookup == null || there.identitySources().equals(org.identitySources())) {
        return org;
      }
      Set<IdentitySourceKey> thereKeys =
          there.identitySources().stream().map(IdentitySource::key).collect(Collectors.toSet());
      Set<IdentitySourceKey> wanted = new HashSet<>();
      for (IdentitySource s : org.identitySources()) {
        wanted.add(thereKeys.contains(s.key()) ? s.key() : stored(s).key());
      }
      return wanted.equals(thereKeys) && wanted.size() == there.identitySources().size()
          ? org.toBuilder().identitySources(there.identitySources()).build()
          : org;
    }
  }

  private static void sponsors(
      GraphWriter writer,
      String url,
      Set<Sponsor> before,
      Set<Sponsor> after,
      OrganizationId organization,
      List<GraphRequest> out) {
    Set<String> had = before.stream().map(Sponsor::id).collect(Collectors.toSet());
    Set<String> has = after.stream().map(Sponsor::id).collect(Collectors.toSet());
    for (Sponsor sponsor : after) {
      if (!had.contains(sponsor.id())) {
        out.add(
            new GraphRequest(
                GraphRequest.Method.POST,
                url + "/$ref",
                writer.sponsorReferenceBody(sponsor),
                organization,
                false));
      }
    }
    for (Sponsor sponsor : before) {
      if (!has.contains(sponsor.id())) {
        out.add(
            new GraphRequest(
                GraphRequest.Method.DELETE,
                url + "/" + sponsor.id() + "/$ref",
                null,
                organization,
                false));
      }
    }
  }

  /**
   * The requests to send, in order.
   *
   * @return the requests
   */
  public List<GraphRequest> requests() {
    return requests;
  }

  /**
   * What the plan leaves alone, and why.
   *
   * @return the notes
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * Whether Entra already matches the store in everything the plan can write.
   *
   * @return whether there is no request to send
   */
  public boolean changesNothing() {
    return requests.isEmpty();
  }

  /**
   * The plan as a printout: each request, then each note.
   *
   * @return the plan in words
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    requests.forEach(r -> out.append(r).append('\n'));
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.append(requests.size()).append(" requests\n").toString();
  }
}
