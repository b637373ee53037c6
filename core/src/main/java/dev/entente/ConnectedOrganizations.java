package dev.entente;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.Membership;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.ProposedOrganization;
import dev.entente.access.Requestor;
import dev.entente.advice.Advisories;
import dev.entente.advice.Advisory;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationInUseException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleDecisionException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management service for connected organizations (docs/rules.md §2): create (directly or after
 * a domain preview), read, list, search, versioned update, sponsors, guarded delete, the approval
 * that creates a proposed organization, and the advisories.
 *
 * <p>Every write names the version it was based on and is refused when that is stale (R-MGT-4). Bad
 * input is refused with a {@link ValidationException} before the store is touched; every operation
 * makes at most one write, so a refusal or a failure of the host's store leaves it as it was. A
 * failure of a host port surfaces as a {@link PortFailureException} with the original as its cause.
 * Every successful change emits one {@link AuditEvent} (R-MGT-6): at once, or, when the store
 * joined the host's transaction ({@link OrganizationStore#transactions()}), after the host's commit
 * and never on its rollback (R-LOG-4).
 *
 * <p>Thread-safe; get one from {@link Entente#organizations()}.
 */
public final class ConnectedOrganizations {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectedOrganizations.class);

  private final OrganizationStore store;
  private final DirectoryLookup lookup;
  private final Clock clock;
  private final AuditSink audit;
  private final DeleteGuard guard;
  private final EntenteListener listener;

  /** Matching over the store as it is now, without restrictions: what approval checks (R-DEC-2). */
  private final AccessRequestMatcher current;

  ConnectedOrganizations(
      OrganizationStore store,
      DirectoryLookup lookup,
      Clock clock,
      AuditSink audit,
      DeleteGuard guard,
      AccessRequestMatcher current,
      EntenteListener listener) {
    this.current = current;
    this.listener = listener;
    this.store = store;
    this.lookup = lookup;
    this.clock = clock;
    this.audit = audit;
    this.guard = guard;
  }

  /**
   * Creates an organization from a draft, as version 1 (R-MGT-1, R-ORG-2): with a new id unless the
   * draft brings the one it has elsewhere.
   *
   * @param draft the draft
   * @param by who makes the change
   * @return the connected organization
   * @throws IdentitySourceConflictException when another organization holds one of its sources
   *     (R-SRC-2)
   * @throws dev.entente.errors.DuplicateOrganizationException when the draft's id is taken
   */
  public ConnectedOrganization create(OrganizationDraft draft, Actor by) {
    return observed(
        "create",
        () -> {
          requireNonNull(draft, "draft");
          requireNonNull(by, "by");
          ConnectedOrganization org = draft.toOrganization(OrganizationId.random(), now(), by);
          AuditEvent event = AuditEvent.created(org).in(directory());
          ConnectedOrganization stored =
              Ports.call("OrganizationStore.create", () -> store.create(org, event));
          committed(event);
          return stored;
        });
  }

  /**
   * What adding {@code domain} would add (R-MGT-3): the tenant that verified it, the federation
   * configured for it, or an email-domain source; and who holds that already. Nothing is written:
   * confirm the names and kinds, then {@link #create} with {@link DomainPreview#source()}.
   *
   * @param domain the domain
   * @return what adding {@code domain} would add (R-MGT-3): the tenant that verified it, the
   *     federation configured for it, or an email-domain source; and who holds that already
   */
  public DomainPreview preview(DomainName domain) {
    requireNonNull(domain, "domain");
    DomainResolution resolution =
        Ports.call("DirectoryLookup.resolve", () -> lookup.resolve(domain));
    IdentitySource source;
    if (resolution instanceof DomainResolution.Tenant tenant) {
      source = EntraTenant.of(tenant.tenantId(), tenant.cloud(), tenant.name());
    } else if (resolution instanceof DomainResolution.Federated federated) {
      source = Federation.of(federated.domain(), federated.issuer(), federated.name());
    } else {
      source = EmailDomain.of(domain);
    }
    Optional<ConnectedOrganization> heldBy =
        Ports.call("OrganizationStore.findByKey", () -> store.findByKey(source.key()));
    return new DomainPreview(domain, resolution, source, heldBy);
  }

  /**
   * {@return the host directory these organizations belong to (R-DIR-1)}: every read and write of
   * this service is in it, and a connection to Entra checks it before it writes here.
   */
  public HostDirectory directory() {
    return Ports.call("OrganizationStore.directory", store::directory);
  }

  /**
   * {@return the organization with this id}
   *
   * @param id the id
   */
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    requireNonNull(id, "id");
    return Ports.call("OrganizationStore.get", () -> store.get(id));
  }

  /**
   * {@return a page of all organizations, in a stable order (R-MGT-1)}
   *
   * @param page the page
   */
  public Page<ConnectedOrganization> list(PageRequest page) {
    requireNonNull(page, "page");
    return Ports.call("OrganizationStore.list", () -> store.list(page));
  }

  /**
   * Every organization, in the stable order of {@link #list}, read a page at a time as the stream
   * is consumed: an export of a whole store holds one page, not the store. A store's failure while
   * reading surfaces as a {@link PortFailureException} from the stream's terminal operation.
   *
   * @return every organization, lazily
   */
  public Stream<ConnectedOrganization> all() {
    Iterator<ConnectedOrganization> pages =
        new Iterator<>() {
          private @Nullable Page<ConnectedOrganization> page;
          private int next;

          @Override
          public boolean hasNext() {
            Page<ConnectedOrganization> current = page;
            if (current == null) {
              current = list(PageRequest.first(PageRequest.MAX_SIZE));
            }
            while (next == current.items().size() && current.next().isPresent()) {
              current = list(PageRequest.after(current.next().get(), PageRequest.MAX_SIZE));
              next = 0;
            }
            page = current;
            return next < current.items().size();
          }

          @Override
          public ConnectedOrganization next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return requireNonNull(page).items().get(next++);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * {@return a page of the organizations matching {@code query} (R-MGT-2)}
   *
   * @param query the query
   * @param page the page
   */
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    requireNonNull(query, "query");
    requireNonNull(page, "page");
    return Ports.call("OrganizationStore.search", () -> store.search(query, page));
  }

  /**
   * Applies {@code changes} to the organization at version {@code basedOn} (R-MGT-1, R-MGT-4).
   * Changes that change nothing write nothing and return the organization as it is.
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param changes the changes
   * @param by who makes the change
   * @return the connected organization
   * @throws StaleVersionException when {@code basedOn} is not the current version
   * @throws OrganizationNotFoundException when no organization has the id
   */
  public ConnectedOrganization update(
      OrganizationId id, Version basedOn, OrganizationChanges changes, Actor by) {
    requireNonNull(changes, "changes");
    return write("update", id, basedOn, by, null, changes::applyTo);
  }

  /**
   * Adds an internal sponsor (R-SPN-1); adding one already there writes nothing.
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param sponsor the sponsor
   * @param by who makes the change
   * @return the connected organization
   */
  public ConnectedOrganization addInternalSponsor(
      OrganizationId id, Version basedOn, Sponsor sponsor, Actor by) {
    requireNonNull(sponsor, "sponsor");
    return write(
        "addInternalSponsor",
        id,
        basedOn,
        by,
        sponsor,
        current -> current.toBuilder().addInternalSponsors(sponsor));
  }

  /**
   * Removes an internal sponsor, by directory id (R-SPN-1); removing one not there writes nothing.
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param sponsor the sponsor
   * @param by who makes the change
   * @return the connected organization
   */
  public ConnectedOrganization removeInternalSponsor(
      OrganizationId id, Version basedOn, Sponsor sponsor, Actor by) {
    requireNonNull(sponsor, "sponsor");
    return write(
        "removeInternalSponsor",
        id,
        basedOn,
        by,
        sponsor,
        current ->
            current.toBuilder().internalSponsors(without(current.internalSponsors(), sponsor)));
  }

  /**
   * Adds an external sponsor (R-SPN-1); adding one already there writes nothing.
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param sponsor the sponsor
   * @param by who makes the change
   * @return the connected organization
   */
  public ConnectedOrganization addExternalSponsor(
      OrganizationId id, Version basedOn, Sponsor sponsor, Actor by) {
    requireNonNull(sponsor, "sponsor");
    return write(
        "addExternalSponsor",
        id,
        basedOn,
        by,
        sponsor,
        current -> current.toBuilder().addExternalSponsors(sponsor));
  }

  /**
   * Removes an external sponsor, by directory id (R-SPN-1); removing one not there writes nothing.
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param sponsor the sponsor
   * @param by who makes the change
   * @return the connected organization
   */
  public ConnectedOrganization removeExternalSponsor(
      OrganizationId id, Version basedOn, Sponsor sponsor, Actor by) {
    requireNonNull(sponsor, "sponsor");
    return write(
        "removeExternalSponsor",
        id,
        basedOn,
        by,
        sponsor,
        current ->
            current.toBuilder().externalSponsors(without(current.externalSponsors(), sponsor)));
  }

  /**
   * Records that an administrator reviewed the organization: a new version with nothing else
   * changed, which takes it off the review list of R-LINT-2.
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param by who makes the change
   * @return the connected organization
   */
  public ConnectedOrganization markReviewed(OrganizationId id, Version basedOn, Actor by) {
    return observed(
        "markReviewed",
        () -> {
          requireNonNull(by, "by");
          ConnectedOrganization current = current(id, basedOn);
          ConnectedOrganization next = nextVersion(current.toBuilder(), current, by);
          AuditEvent event = AuditEvent.updated(current, next, Set.of("reviewed")).in(directory());
          ConnectedOrganization stored =
              Ports.call("OrganizationStore.update", () -> store.update(next, event));
          committed(event);
          return stored;
        });
  }

  /**
   * Deletes the organization at version {@code basedOn}, unless the host's guard names references
   * to it (R-MGT-4, R-MGT-5).
   *
   * @param id the id
   * @param basedOn the version the caller read and based the change on
   * @param by who makes the change
   * @throws OrganizationInUseException when the guard refuses, naming the references
   */
  public void delete(OrganizationId id, Version basedOn, Actor by) {
    observed(
        "delete",
        () -> {
          requireNonNull(by, "by");
          ConnectedOrganization current = current(id, basedOn);
          Instant at = now();
          List<String> references =
              Ports.callList("DeleteGuard.referencesTo", () -> guard.referencesTo(current));
          if (!references.isEmpty()) {
            throw new OrganizationInUseException(id, references);
          }
          AuditEvent event = AuditEvent.deleted(current, by, at).in(directory());
          Ports.run("OrganizationStore.delete", () -> store.delete(id, basedOn, event));
          committed(event);
          return Boolean.TRUE;
        });
  }

  /**
   * Carries out the connected-organization side of approving a request (R-POL-3): when the decision
   * proposes an organization, creates it as {@code PROPOSED}, by the system, exactly once however
   * many approvals race — a racing approval that finds it created returns it with {@code created}
   * false. A tenant's proposed organization is named by the directory lookup when it knows the
   * tenant and its name is a valid display name; a name the lookup gives that is not (invisible
   * characters, too long) is the port's fault, not the caller's: the organization then keeps the
   * name it would have without a lookup, and a warning is logged.
   *
   * <p>The decision is checked against the organizations as they are now, so approval never hands a
   * requestor an organization they are not a member of (R-MAT-1, R-DEC-2): a requestor who is a
   * member of an organization now gets it, whatever the decision said; one whose proposed key
   * another organization took meanwhile gets that organization if it admits them, and a {@link
   * StaleDecisionException} otherwise.
   *
   * @param decision an eligible decision of this Entente's matcher
   * @return the organization the requestor belongs to now, and whether this approval created it
   * @throws ValidationException on field {@code decision} for a decision that is not eligible
   * @throws StaleDecisionException when the organizations changed since the decision so that no
   *     organization would admit the requestor; nothing was created
   */
  public ApprovalOutcome approve(AccessDecision decision) {
    return observed(
        "approve",
        () -> {
          requireNonNull(decision, "decision");
          if (!decision.eligible()) {
            throw new ValidationException(
                "decision", decision, "is not eligible", "an eligible decision");
          }
          Requestor requestor = decision.requestor();
          Optional<Membership> now = current.match(requestor).membership();
          if (now.isPresent()) {
            // A member, as decided or since: whatever the decision said, this is their
            // organization.
            return new ApprovalOutcome(Optional.of(now.get().organization()), false);
          }
          Optional<ProposedOrganization> proposal = decision.proposal();
          if (proposal.isEmpty()) {
            Optional<Membership> then = decision.membership();
            if (then.isPresent()) {
              throw new StaleDecisionException(
                  "the organization \""
                      + then.get().organization().displayName()
                      + "\" ("
                      + then.get().organization().id()
                      + ") that the decision matched no longer admits the requestor");
            }
            return new ApprovalOutcome(Optional.empty(), false);
          }
          IdentitySource source = proposal.get().source();
          String name = proposal.get().displayName();
          if (source instanceof EntraTenant tenant) {
            Optional<String> tenantName =
                Ports.call(
                    "DirectoryLookup.tenantName",
                    () -> lookup.tenantName(tenant.cloud(), tenant.tenantId()));
            if (tenantName.isPresent()) {
              try {
                source = tenant.toBuilder().displayName(tenantName.get()).build();
                name = source.displayName();
              } catch (ValidationException refused) {
                // The directory's name is no display name (invisible characters, too long): the
                // port's
                // fault, not the approver's. The organization keeps its tenant-id name.
                LOG.warn(
                    "DirectoryLookup.tenantName named tenant {} with a display name Entente refuses ({});"
                        + " the proposed organization keeps the name {}",
                    tenant.tenantId(),
                    refused.getMessage(),
                    name);
              }
            }
          }
          ConnectedOrganization org =
              new ProposedOrganization(name, source).toOrganization(OrganizationId.random(), now());
          try {
            AuditEvent event = AuditEvent.proposed(org).in(directory());
            ConnectedOrganization stored =
                Ports.call("OrganizationStore.create", () -> store.create(org, event));
            committed(event);
            return new ApprovalOutcome(Optional.of(stored), true);
          } catch (IdentitySourceConflictException taken) {
            // A racing approval, or an administrator, took the key first: the requestor gets that
            // organization only if it admits them.
            Optional<Membership> after = current.match(requestor).membership();
            if (after.isPresent()) {
              return new ApprovalOutcome(Optional.of(after.get().organization()), false);
            }
            // The index may not have applied the other's write yet (another instance's, R-IDX-3):
            // the
            // store says who holds the key now.
            Optional<ConnectedOrganization> holder =
                Ports.call("OrganizationStore.findByKey", () -> store.findByKey(taken.key()));
            Optional<Membership> byStore =
                holder.flatMap(
                    h ->
                        AccessRequestMatcher.of(OrganizationSnapshot.of(List.of(h)))
                            .match(requestor)
                            .membership());
            if (byStore.isPresent()) {
              return new ApprovalOutcome(Optional.of(byStore.get().organization()), false);
            }
            throw new StaleDecisionException(
                "the organization \""
                    + taken.holderDisplayName()
                    + "\" ("
                    + taken.holder()
                    + ") now holds "
                    + taken.key()
                    + " and does not admit how the requestor signed in");
          }
        });
  }

  /**
   * {@return every advisory of docs/rules.md §5 over all organizations, given the host's policies
   * (R-LINT-1..3)}
   *
   * @param policies the policies
   */
  public List<Advisory> advisories(List<Policy> policies) {
    requireNonNull(policies, "policies");
    List<ConnectedOrganization> all = new ArrayList<>();
    Page<ConnectedOrganization> page = list(PageRequest.first(PageRequest.MAX_SIZE));
    all.addAll(page.items());
    while (page.next().isPresent()) {
      page = list(PageRequest.after(page.next().get(), PageRequest.MAX_SIZE));
      all.addAll(page.items());
    }
    return Advisories.review(all, policies);
  }

  /** A versioned update of {@code id}, as {@code operation} of the service (R-MGT-4). */
  private ConnectedOrganization write(
      String operation,
      OrganizationId id,
      Version basedOn,
      Actor by,
      @Nullable Sponsor sponsor,
      Function<ConnectedOrganization, ConnectedOrganization.Builder> change) {
    return observed(
        operation,
        () -> {
          requireNonNull(by, "by");
          ConnectedOrganization current = current(id, basedOn);
          ConnectedOrganization next = nextVersion(change.apply(current), current, by);
          Set<String> fields = OrganizationChanges.between(current, next).fields();
          if (fields.isEmpty()) {
            return current;
          }
          AuditEvent event =
              (sponsor == null
                      ? AuditEvent.updated(current, next, fields)
                      : sizeOf(next) > sizeOf(current)
                          ? AuditEvent.sponsorAdded(current, next, sponsor)
                          : AuditEvent.sponsorRemoved(current, next, sponsor))
                  .in(directory());
          ConnectedOrganization stored =
              Ports.call("OrganizationStore.update", () -> store.update(next, event));
          committed(event);
          return stored;
        });
  }

  /**
   * Runs {@code write}, the body of the service's {@code operation}; when it fails, tells the
   * listener before the caller gets the failure.
   */
  private <T> T observed(String operation, Supplier<T> write) {
    try {
      return write.get();
    } catch (RuntimeException failure) {
      if (listener != EntenteListener.NONE) {
        try {
          listener.writeFailed(operation, failure);
        } catch (RuntimeException e) {
          LOG.warn("EntenteListener.writeFailed threw; the write's own failure stands", e);
        }
      }
      throw failure;
    }
  }

  private ConnectedOrganization current(OrganizationId id, Version basedOn) {
    requireNonNull(id, "id");
    requireNonNull(basedOn, "basedOn");
    ConnectedOrganization current =
        get(id).orElseThrow(() -> new OrganizationNotFoundException(id));
    if (!current.version().equals(basedOn)) {
      throw new StaleVersionException(id, basedOn, current.version());
    }
    return current;
  }

  /** {@code changed}, stamped as the version after {@code current}, modified now by {@code by}. */
  private ConnectedOrganization nextVersion(
      ConnectedOrganization.Builder changed, ConnectedOrganization current, Actor by) {
    Instant now = now();
    return changed
        .modifiedAt(now.isBefore(current.modifiedAt()) ? current.modifiedAt() : now)
        .modifiedBy(by)
        .version(current.version().next())
        .build();
  }

  private static int sizeOf(ConnectedOrganization org) {
    return org.internalSponsors().size() + org.externalSponsors().size();
  }

  private static ImmutableSet<Sponsor> without(Set<Sponsor> sponsors, Sponsor sponsor) {
    return sponsors.stream()
        .filter(s -> !s.id().equals(sponsor.id()))
        .collect(ImmutableSet.toImmutableSet());
  }

  /**
   * The clock's time, to the microsecond — the precision SQL databases keep, so that what a store
   * reads back equals what was written: a port, read before any write so that its failure writes
   * nothing.
   */
  private Instant now() {
    return Ports.call("Clock.instant", clock::instant).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * After a write: hands its event to the audit sink now, or, when the write joined the host's
   * transaction, once the host has committed it, and never when it rolls back (R-LOG-4).
   */
  private void committed(AuditEvent event) {
    store.transactions().whenCommitted(() -> emit(event));
  }

  /**
   * Hands a committed change's event to the audit sink. The change stands whatever the sink does:
   * its failure — a runtime exception, a checked one thrown sneakily, even an error such as {@code
   * NoClassDefFoundError} — is logged, and the caller gets the committed result; only a {@link
   * VirtualMachineError} (out of memory …) passes.
   */
  private void emit(AuditEvent event) {
    try {
      audit.record(event);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      LOG.error("The audit sink failed to record {}; the change stands", event.summary(), e);
    }
  }
}
