package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.AccessDecision;
import dev.entente.access.EmailAddress;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationInUseException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleDecisionException;
import dev.entente.errors.StaleVersionException;
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
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("ConnectedOrganizations, the management service (R-MGT-1..6, R-POL-3)")
class ConnectedOrganizationsTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Actor ADMIN = Actor.administrator("admin@host.example");
  static final TenantId CONTOSO = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  static final StaticDirectoryLookup LOOKUP =
      StaticDirectoryLookup.builder()
          .tenant(
              CONTOSO,
              Cloud.GLOBAL,
              "Contoso",
              Set.of(DomainName.of("contoso.com"), DomainName.of("contoso.onmicrosoft.com")))
          .federation(
              DomainName.of("fabrikam.com"),
              IssuerUri.of("https://sts.fabrikam.com/adfs"),
              "Fabrikam AD FS")
          .build();

  final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
  final FailingStore store = new FailingStore(newStore());
  final Entente entente =
      Entente.builder()
          .store(store)
          .directoryLookup(LOOKUP)
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .auditSink(events::add)
          .build();
  final ConnectedOrganizations orgs = entente.organizations();

  /**
   * A new, empty store for each test: the in-memory store here; a subclass runs every scenario of
   * this class on another store (the PostgreSQL store, in {@code entente-examples}).
   *
   * @return a new, empty store
   */
  protected OrganizationStore newStore() {
    return new InMemoryOrganizationStore();
  }

  /** How many organizations the store holds. */
  int stored() {
    return store.real.list(PageRequest.first(PageRequest.MAX_SIZE)).items().size();
  }

  static OrganizationDraft woodgrove() {
    return OrganizationDraft.named("Woodgrove")
        .addIdentitySources(EmailDomain.of(DomainName.of("woodgrove.com")))
        .build();
  }

  /** A real store, with a switch that makes calls of one method fail as a host's store might. */
  static final class FailingStore implements OrganizationStore {
    final OrganizationStore real;
    volatile String failing = "";

    FailingStore(OrganizationStore real) {
      this.real = real;
    }

    private void maybeFail(String method) {
      if (failing.equals(method)) {
        throw new IllegalStateException("connection reset during " + method);
      }
    }

    @Override
    public Optional<ConnectedOrganization> get(OrganizationId id) {
      maybeFail("get");
      return real.get(id);
    }

    @Override
    public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
      maybeFail("findByKey");
      return real.findByKey(key);
    }

    @Override
    public Page<ConnectedOrganization> list(PageRequest page) {
      maybeFail("list");
      return real.list(page);
    }

    @Override
    public Page<ConnectedOrganization> search(OrganizationQuery q, PageRequest page) {
      maybeFail("search");
      return real.search(q, page);
    }

    @Override
    public ConnectedOrganization create(ConnectedOrganization org, AuditEvent change) {
      maybeFail("create");
      return real.create(org, change);
    }

    @Override
    public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
      maybeFail("update");
      return real.update(next, change);
    }

    @Override
    public void delete(OrganizationId id, Version expected, AuditEvent change) {
      maybeFail("delete");
      real.delete(id, expected, change);
    }
  }

  @Nested
  @DisplayName("create and preview (R-MGT-1, R-MGT-3, R-ORG-2)")
  class Create {
    @Test
    void aCreatedOrganizationIsConfiguredAtVersionOneWithItsCreator() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      assertEquals(OrganizationState.CONFIGURED, org.state());
      assertEquals(Version.initial(), org.version());
      assertEquals(NOW, org.createdAt());
      assertEquals(ADMIN, org.createdBy());
      assertEquals(Optional.of(org), orgs.get(org.id()));
      assertEquals(AuditEvent.Kind.CREATED, events.get(0).kind());
    }

    @Test
    void theCallerMayCreateAProposedOrganization() {
      assertEquals(
          OrganizationState.PROPOSED,
          orgs.create(
                  OrganizationDraft.named("Maybe")
                      .state(OrganizationState.PROPOSED)
                      .addIdentitySources(SocialProvider.of(AccountProvider.GOOGLE))
                      .build(),
                  ADMIN)
              .state());
    }

    @Test
    void aDraftWithBadInputIsRefusedBeforeAnythingIsWritten() {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () ->
                  OrganizationDraft.named(" ")
                      .addIdentitySources(EmailDomain.of(DomainName.of("woodgrove.com")))
                      .build());
      assertEquals("displayName", e.field());
      assertEquals(
          "identitySources",
          assertThrows(ValidationException.class, () -> OrganizationDraft.named("None").build())
              .field());
      assertTrue(store.real.list(PageRequest.first()).items().isEmpty());
    }

    @Test
    void aSourceAnotherOrganizationHoldsIsRefusedNamingItAndNothingIsWritten() {
      ConnectedOrganization first = orgs.create(woodgrove(), ADMIN);
      IdentitySourceConflictException e =
          assertThrows(
              IdentitySourceConflictException.class, () -> orgs.create(woodgrove(), ADMIN));
      assertEquals(first.id(), e.holder());
      assertEquals(1, stored());
      assertEquals(1, events.size());
    }

    @Test
    void aTenantsDomainPreviewsAsTheTenantNotTheDomain() {
      DomainPreview preview = orgs.preview(DomainName.of("contoso.com"));
      assertTrue(preview.source() instanceof EntraTenant);
      assertEquals("Contoso", preview.source().displayName());
      assertEquals(IdentitySourceKey.tenant(Cloud.GLOBAL, CONTOSO), preview.source().key());
      assertTrue(preview.heldBy().isEmpty());
      ConnectedOrganization created =
          orgs.create(
              OrganizationDraft.named("Contoso").addIdentitySources(preview.source()).build(),
              ADMIN);
      assertEquals(
          Optional.of(created), orgs.preview(DomainName.of("contoso.onmicrosoft.com")).heldBy());
    }

    @Test
    void aFederatedDomainPreviewsAsTheFederationAndAnUnknownOneAsAnEmailDomain() {
      assertTrue(orgs.preview(DomainName.of("fabrikam.com")).source() instanceof Federation);
      IdentitySource unknown = orgs.preview(DomainName.of("northwind.example")).source();
      assertEquals(EmailDomain.of(DomainName.of("northwind.example")), unknown);
      assertTrue(
          orgs.preview(DomainName.of("northwind.example")).describe().contains("EMAIL_DOMAIN"));
    }
  }

  @Nested
  @DisplayName("versioned updates and sponsors (R-MGT-4, R-SPN-1, R-MGT-6)")
  class Update {
    @Test
    void anUpdateChangesTheFieldsRaisesTheVersionAndNamesTheChangedFields() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      Actor app = Actor.application("provisioning-app");
      ConnectedOrganization updated =
          orgs.update(
              org.id(),
              org.version(),
              OrganizationChanges.builder()
                  .displayName("Woodgrove Bank")
                  .description("Since 2019")
                  .build(),
              app);
      assertEquals("Woodgrove Bank", updated.displayName());
      assertEquals(Version.of(2), updated.version());
      assertEquals(app, updated.modifiedBy());
      assertEquals(ADMIN, updated.createdBy());
      AuditEvent event = events.get(1);
      assertEquals(AuditEvent.Kind.UPDATED, event.kind());
      assertEquals(Set.of("displayName", "description"), event.changedFields());
      assertEquals(Optional.of(org), event.before());
    }

    @Test
    void aStateChangeIsItsOwnKindOfEvent() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      orgs.update(
          org.id(), org.version(), OrganizationChanges.state(OrganizationState.PROPOSED), ADMIN);
      assertEquals(AuditEvent.Kind.STATE_CHANGED, events.get(1).kind());
    }

    @Test
    void aStaleVersionIsRefusedAndNothingIsWritten() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      orgs.update(
          org.id(),
          org.version(),
          OrganizationChanges.builder().displayName("First").build(),
          ADMIN);
      StaleVersionException e =
          assertThrows(
              StaleVersionException.class,
              () ->
                  orgs.update(
                      org.id(),
                      org.version(),
                      OrganizationChanges.builder().displayName("Second").build(),
                      ADMIN));
      assertEquals(Version.of(2), e.actual());
      assertEquals("First", orgs.get(org.id()).orElseThrow().displayName());
    }

    @Test
    void anUpdateWithBadInputIsRefusedAndChangesNothing() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      assertThrows(
          ValidationException.class,
          () ->
              orgs.update(
                  org.id(),
                  org.version(),
                  OrganizationChanges.builder().displayName("\u202Eevil").build(),
                  ADMIN));
      assertThrows(
          ValidationException.class,
          () ->
              orgs.update(
                  org.id(),
                  org.version(),
                  OrganizationChanges.builder().identitySources(List.of()).build(),
                  ADMIN));
      assertEquals(Optional.of(org), orgs.get(org.id()));
      assertThrows(
          OrganizationNotFoundException.class,
          () ->
              orgs.update(
                  OrganizationId.of("missing"),
                  Version.initial(),
                  OrganizationChanges.state(OrganizationState.PROPOSED),
                  ADMIN));
    }

    @Test
    void changesThatChangeNothingWriteNothing() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      assertEquals(
          org,
          orgs.update(
              org.id(),
              org.version(),
              OrganizationChanges.builder().displayName("Woodgrove").build(),
              ADMIN));
      assertEquals(1, events.size());
    }

    @Test
    void addingASponsorTwiceAndRemovingAnAbsentOneAreNoOps() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      Sponsor dana = Sponsor.user("dana");
      ConnectedOrganization v2 = orgs.addInternalSponsor(org.id(), org.version(), dana, ADMIN);
      assertEquals(v2, orgs.addInternalSponsor(v2.id(), v2.version(), dana, ADMIN));
      assertEquals(v2, orgs.removeExternalSponsor(v2.id(), v2.version(), dana, ADMIN));
      ConnectedOrganization v3 =
          orgs.addExternalSponsor(v2.id(), v2.version(), Sponsor.user("erik"), ADMIN);
      ConnectedOrganization v4 =
          orgs.removeInternalSponsor(v3.id(), v3.version(), Sponsor.user("dana"), ADMIN);
      assertTrue(v4.internalSponsors().isEmpty());
      assertEquals(Set.of(Sponsor.user("erik")), v4.externalSponsors());
      assertEquals(
          List.of(
              AuditEvent.Kind.CREATED,
              AuditEvent.Kind.SPONSOR_ADDED,
              AuditEvent.Kind.SPONSOR_ADDED,
              AuditEvent.Kind.SPONSOR_REMOVED),
          events.stream().map(AuditEvent::kind).toList());
    }
  }

  /** An Entente over this test's store and event list, its deletes checked by {@code guard}. */
  Entente guardedBy(dev.entente.spi.DeleteGuard guard) {
    return Entente.builder().store(store).auditSink(events::add).deleteGuard(guard).build();
  }

  @Nested
  @DisplayName("delete (R-MGT-4, R-MGT-5)")
  class Delete {
    @Test
    void aGuardedDeleteIsRefusedNamingTheReferences() {
      Entente guarded = guardedBy(org -> List.of("policy partners-2026"));
      ConnectedOrganization org = guarded.organizations().create(woodgrove(), ADMIN);
      OrganizationInUseException e =
          assertThrows(
              OrganizationInUseException.class,
              () -> guarded.organizations().delete(org.id(), org.version(), ADMIN));
      assertEquals(List.of("policy partners-2026"), e.references());
      assertTrue(store.real.get(org.id()).isPresent());
    }

    @Test
    void aDeleteAtTheCurrentVersionRemovesAndFreesTheSources() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      assertThrows(StaleVersionException.class, () -> orgs.delete(org.id(), Version.of(2), ADMIN));
      orgs.delete(org.id(), org.version(), ADMIN);
      assertTrue(orgs.get(org.id()).isEmpty());
      assertEquals(AuditEvent.Kind.DELETED, events.get(events.size() - 1).kind());
      orgs.create(woodgrove(), ADMIN);
    }
  }

  @Nested
  @DisplayName("approval and the matcher (R-POL-3)")
  class Approval {
    final Policy anyone = Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());

    @Test
    void theMatcherSeesAWriteAtOnce() {
      Requestor li = Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true);
      assertTrue(entente.matcher().match(li).membership().isEmpty());
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      assertEquals(org, entente.matcher().match(li).membership().orElseThrow().organization());
    }

    @Test
    void approvingCreatesTheProposedOrganizationByTheSystem() {
      AccessDecision decision =
          entente
              .matcher()
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true), anyone);
      ApprovalOutcome outcome = orgs.approve(decision);
      assertTrue(outcome.created());
      ConnectedOrganization org = outcome.organization().orElseThrow();
      assertEquals(OrganizationState.PROPOSED, org.state());
      assertEquals(Actor.system(), org.createdBy());
      assertEquals(AuditEvent.Kind.AUTO_PROPOSED, events.get(0).kind());
      assertEquals(
          org,
          entente
              .matcher()
              .match(Requestor.passcodeUser(EmailAddress.of("kim@northwind.example"), true))
              .membership()
              .orElseThrow()
              .organization());
    }

    @Test
    void aTenantsProposedOrganizationIsNamedByTheDirectoryLookup() {
      AccessDecision decision =
          entente.matcher().evaluate(Requestor.entraUser(CONTOSO, Cloud.GLOBAL), anyone);
      ConnectedOrganization org = orgs.approve(decision).organization().orElseThrow();
      assertEquals("Contoso", org.displayName());
      assertEquals("Contoso", org.identitySources().get(0).displayName());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
    void racingApprovalsCreateTheOrganizationExactlyOnce() throws Exception {
      for (int round = 0; round < 20; round++) {
        AccessDecision decision =
            entente
                .matcher()
                .evaluate(
                    Requestor.passcodeUser(EmailAddress.of("jo@race" + round + ".example"), true),
                    anyone);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<ApprovalOutcome>> outcomes = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            outcomes.add(
                pool.submit(
                    () -> {
                      start.await();
                      return orgs.approve(decision);
                    }));
          }
          start.countDown();
          int created = 0;
          Set<ConnectedOrganization> seen = new java.util.HashSet<>();
          for (Future<ApprovalOutcome> f : outcomes) {
            ApprovalOutcome outcome = f.get(10, TimeUnit.MINUTES) /* a hang guard */;
            created += outcome.created() ? 1 : 0;
            seen.add(outcome.organization().orElseThrow());
          }
          assertEquals(1, created);
          assertEquals(1, seen.size(), "every approval returns the one organization");
        } finally {
          pool.shutdownNow();
        }
      }
      assertEquals(20, stored());
    }

    @Test
    @DisplayName(
        "an approval that loses the race to another instance gets the store's holder of the key,"
            + " though its own index has not applied that write yet (R-IDX-3, R-POL-3)")
    void anApprovalLosingARaceToAnotherInstanceGetsTheStoresHolder() {
      InMemoryOrganizationStore shared = new InMemoryOrganizationStore();
      // this instance's index lags: it has applied nothing the other instance wrote
      Entente here = Entente.builder().store(shared).index(OrganizationSnapshot.empty()).build();
      Entente other = Entente.builder().store(shared).build();
      AccessDecision jo =
          here.matcher()
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true), anyone);
      ConnectedOrganization winner =
          other
              .organizations()
              .approve(
                  other
                      .matcher()
                      .evaluate(
                          Requestor.passcodeUser(EmailAddress.of("kim@northwind.example"), true),
                          anyone))
              .organization()
              .orElseThrow();

      ApprovalOutcome outcome = here.organizations().approve(jo);

      assertEquals(Optional.of(winner), outcome.organization(), "the organization the store holds");
      assertFalse(outcome.created(), "created once, by the other instance");
    }

    @Test
    @DisplayName(
        "an approval whose key the store's holder took for a federation, which does not admit a"
            + " passcode user, is refused as stale even with a lagging index (R-IDX-3, R-DEC-2)")
    void anApprovalWhoseKeyAHolderThatDoesNotAdmitTookIsStale() {
      InMemoryOrganizationStore shared = new InMemoryOrganizationStore();
      Entente here = Entente.builder().store(shared).index(OrganizationSnapshot.empty()).build();
      AccessDecision jo =
          here.matcher()
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true), anyone);
      shared.create(
          ConnectedOrganization.builder()
              .id(OrganizationId.of("northwind-federation"))
              .displayName("Northwind")
              .addIdentitySources(
                  Federation.of(
                      DomainName.of("northwind.example"),
                      IssuerUri.of("https://sts.northwind.example/adfs"),
                      "Northwind AD FS"))
              .createdAt(NOW)
              .createdBy(ADMIN)
              .build());

      assertThrows(StaleDecisionException.class, () -> here.organizations().approve(jo));
    }

    @Test
    void approvingARefusedDecisionIsRefused() {
      AccessDecision refused =
          entente
              .matcher()
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), false), anyone);
      assertEquals(
          "decision", assertThrows(ValidationException.class, () -> orgs.approve(refused)).field());
    }

    @Test
    void approvingAMemberReturnsTheirOrganizationWithoutCreating() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      ApprovalOutcome outcome =
          orgs.approve(
              entente
                  .matcher()
                  .evaluate(
                      Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true), anyone));
      assertFalse(outcome.created());
      assertEquals(Optional.of(org), outcome.organization());
    }
  }

  @Nested
  @DisplayName("failures of the host's ports leave nothing half-written")
  class Failures {
    @Test
    void aStoreFailureSurfacesWithItsCauseAndChangesNothing() {
      ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
      store.failing = "update";
      PortFailureException e =
          assertThrows(
              PortFailureException.class,
              () ->
                  orgs.update(
                      org.id(),
                      org.version(),
                      OrganizationChanges.builder().displayName("Half").build(),
                      ADMIN));
      assertEquals("OrganizationStore.update", e.port());
      assertTrue(e.getCause() instanceof IllegalStateException);
      store.failing = "";
      assertEquals(Optional.of(org), orgs.get(org.id()));
      assertEquals(1, events.size(), "no event for a failed change");
    }

    @Test
    void aFailureWhileCreatingAProposedOrganizationWritesNothing() {
      store.failing = "create";
      AccessDecision decision =
          entente
              .matcher()
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true),
                  Policy.withoutApproval("anyone", RequestorScope.allExternalUsers()));
      assertThrows(PortFailureException.class, () -> orgs.approve(decision));
      assertEquals(0, stored());
    }

    @Test
    void aLookupFailureSurfacesWithItsCause() {
      Entente broken =
          Entente.builder()
              .directoryLookup(
                  new dev.entente.spi.DirectoryLookup() {
                    @Override
                    public dev.entente.spi.DomainResolution resolve(DomainName domain) {
                      throw new IllegalStateException("graph timeout");
                    }

                    @Override
                    public Optional<String> tenantName(Cloud cloud, TenantId tenantId) {
                      throw new IllegalStateException("graph timeout");
                    }
                  })
              .build();
      PortFailureException e =
          assertThrows(
              PortFailureException.class,
              () -> broken.organizations().preview(DomainName.of("contoso.com")));
      assertEquals("graph timeout", e.getCause().getMessage());
    }

    @Test
    void aFailingAuditSinkDoesNotUndoTheChange() {
      Entente noisy =
          Entente.builder()
              .auditSink(
                  event -> {
                    throw new IllegalStateException("audit down");
                  })
              .build();
      ConnectedOrganization org = noisy.organizations().create(woodgrove(), ADMIN);
      assertEquals(Optional.of(org), noisy.organizations().get(org.id()));
    }

    @Test
    void aFailingDeleteGuardDeletesNothing() {
      Entente guarded =
          guardedBy(
              org -> {
                throw new IllegalStateException("policy service down");
              });
      ConnectedOrganization org = guarded.organizations().create(woodgrove(), ADMIN);
      PortFailureException e =
          assertThrows(
              PortFailureException.class,
              () -> guarded.organizations().delete(org.id(), org.version(), ADMIN));
      assertEquals("DeleteGuard.referencesTo", e.port());
      assertEquals(Optional.of(org), store.real.get(org.id()));
    }

    @Test
    @DisplayName(
        "a delete guard answering a list that holds null is that guard's failure, and nothing is"
            + " deleted (R-MGT-5)")
    void aDeleteGuardListHoldingNullIsThatGuardsFailure() {
      Entente guarded = guardedBy(org -> java.util.Arrays.asList("package Sales", null));
      ConnectedOrganization org = guarded.organizations().create(woodgrove(), ADMIN);
      PortFailureException e =
          assertThrows(
              PortFailureException.class,
              () -> guarded.organizations().delete(org.id(), org.version(), ADMIN));
      assertEquals("DeleteGuard.referencesTo", e.port());
      assertTrue(e.getMessage().contains("null at index 1"), e.getMessage());
      assertEquals(Optional.of(org), store.real.get(org.id()));
      assertEquals(1, events.size(), "no event for the refused delete");
    }

    @Test
    @DisplayName(
        "a tenant name from the directory that is no display name is the lookup's fault: the"
            + " approval still creates the organization, named by its tenant id (R-POL-3)")
    void aDirectoryTenantNameWithInvisibleCharactersIsNotTheCallersFault() {
      Entente named =
          Entente.builder()
              .store(store)
              .auditSink(events::add)
              .directoryLookup(
                  new dev.entente.spi.DirectoryLookup() {
                    @Override
                    public dev.entente.spi.DomainResolution resolve(DomainName domain) {
                      return new dev.entente.spi.DomainResolution.Unknown(domain);
                    }

                    @Override
                    public Optional<String> tenantName(Cloud cloud, TenantId tenantId) {
                      return Optional.of("Evil\u200BCorp");
                    }
                  })
              .build();
      AccessDecision decision =
          named
              .matcher()
              .evaluate(
                  Requestor.entraUser(CONTOSO, Cloud.GLOBAL),
                  Policy.withoutApproval("anyone", RequestorScope.allExternalUsers()));
      ConnectedOrganization created =
          named.organizations().approve(decision).organization().orElseThrow();
      assertEquals(CONTOSO.toString(), created.displayName());
      assertEquals(CONTOSO.toString(), created.identitySources().get(0).displayName());
      assertEquals(Optional.of(created), store.real.get(created.id()));
    }

    @Test
    void badPagingInputIsRefusedWithTheField() {
      assertEquals(
          "pageSize", assertThrows(ValidationException.class, () -> PageRequest.first(0)).field());
      assertEquals(
          "pageSize",
          assertThrows(ValidationException.class, () -> PageRequest.first(PageRequest.MAX_SIZE + 1))
              .field());
      assertEquals(
          "cursor",
          assertThrows(
                  ValidationException.class,
                  () -> dev.entente.spi.PageCursor.parse("not a cursor!"))
              .field());
      assertEquals(
          "cursor",
          assertThrows(ValidationException.class, () -> dev.entente.spi.PageCursor.parse("Zm9v"))
              .field());
      assertEquals(
          "nameContains",
          assertThrows(
                  ValidationException.class, () -> OrganizationQuery.builder().nameContains(" "))
              .field());
    }

    @Test
    void aMatcherOverAFailingHostStoreReportsThePort() {
      store.failing = "findByKey";
      assertThrows(
          PortFailureException.class,
          () ->
              entente
                  .matcher()
                  .match(Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true)));
    }
  }

  @Nested
  @DisplayName("list and search (R-MGT-1, R-MGT-2)")
  class Reading {
    @Test
    void searchFindsByDomainTenantAndName() {
      ConnectedOrganization wood = orgs.create(woodgrove(), ADMIN);
      ConnectedOrganization contoso =
          orgs.create(
              OrganizationDraft.named("Contoso Ltd")
                  .addIdentitySources(EntraTenant.of(CONTOSO, Cloud.GLOBAL, "Contoso"))
                  .build(),
              ADMIN);
      assertEquals(
          List.of(wood),
          orgs.search(
                  OrganizationQuery.builder().domain(DomainName.of("WOODGROVE.com")).build(),
                  PageRequest.first())
              .items());
      assertEquals(
          List.of(contoso),
          orgs.search(OrganizationQuery.builder().tenantId(CONTOSO).build(), PageRequest.first())
              .items());
      assertEquals(
          List.of(contoso),
          orgs.search(
                  OrganizationQuery.builder().nameContains("TOSO l").build(), PageRequest.first())
              .items());
      assertEquals(2, orgs.list(PageRequest.first()).items().size());
    }
  }

  @Test
  @DisplayName(
      "a draft may bring the id and creation time it has elsewhere; a taken id is refused (R-GPH-3)")
  void aDraftMayBringItsIdAndCreationTime() {
    OrganizationId graphId = OrganizationId.of("0f3c2a4e-6b7d-4e1f-9a2b-3c4d5e6f7a81");
    Instant inEntra = Instant.parse("2019-06-03T09:12:44.123456789Z");
    ConnectedOrganization created =
        orgs.create(
            OrganizationDraft.named("Imported")
                .id(graphId)
                .createdAt(inEntra)
                .addIdentitySources(EmailDomain.of(DomainName.of("imported.example")))
                .build(),
            ADMIN);
    assertEquals(graphId, created.id());
    assertEquals(Instant.parse("2019-06-03T09:12:44.123456Z"), created.createdAt());
    assertEquals(NOW, created.modifiedAt());
    assertEquals(created, orgs.get(graphId).orElseThrow());
    int before = events.size();
    assertThrows(
        dev.entente.errors.DuplicateOrganizationException.class,
        () ->
            orgs.create(
                OrganizationDraft.named("Again")
                    .id(graphId)
                    .addIdentitySources(EmailDomain.of(DomainName.of("again.example")))
                    .build(),
                ADMIN));
    assertEquals(before, events.size());
    assertEquals(1, stored());
  }

  @Test
  @DisplayName(
      "a creation time after the create is refused, naming createdAt, and nothing is written")
  void aCreationTimeInTheFutureIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                orgs.create(
                    OrganizationDraft.named("Later")
                        .createdAt(NOW.plusSeconds(1))
                        .addIdentitySources(EmailDomain.of(DomainName.of("later.example")))
                        .build(),
                    ADMIN));
    assertEquals("createdAt", e.field());
    assertEquals(0, stored());
    assertTrue(events.isEmpty());
  }

  @Test
  @DisplayName(
      "changes may replace both sponsor lists in one version with one audit record (R-SPN-1)")
  void changesMayReplaceSponsorListsInOneVersion() {
    ConnectedOrganization org = orgs.create(woodgrove(), ADMIN);
    Sponsor user = Sponsor.user("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21");
    Sponsor group = Sponsor.group("7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e");
    ConnectedOrganization next =
        orgs.update(
            org.id(),
            org.version(),
            OrganizationChanges.builder()
                .internalSponsors(Set.of(user))
                .externalSponsors(Set.of(group))
                .build(),
            ADMIN);
    assertEquals(Set.of(user), next.internalSponsors());
    assertEquals(Set.of(group), next.externalSponsors());
    assertEquals(org.version().next(), next.version());
    AuditEvent last = events.get(events.size() - 1);
    assertEquals(Set.of("internalSponsors", "externalSponsors"), last.changedFields());
    assertEquals(
        next,
        orgs.update(
            next.id(),
            next.version(),
            OrganizationChanges.builder()
                .internalSponsors(Set.of(Sponsor.user(user.id().toUpperCase())))
                .build(),
            ADMIN));
  }
}
