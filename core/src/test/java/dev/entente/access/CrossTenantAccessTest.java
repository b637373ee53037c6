package dev.entente.access;

import static dev.entente.access.Fixtures.ALL;
import static dev.entente.access.Fixtures.ALL_CONFIGURED_NO_APPROVAL;
import static dev.entente.access.Fixtures.ALL_EXTERNAL_NO_APPROVAL;
import static dev.entente.access.Fixtures.CONTOSO_TENANT;
import static dev.entente.access.Fixtures.OTHER_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entente.access.CrossTenantAccess.AccessType;
import dev.entente.access.CrossTenantAccess.B2BSetting;
import dev.entente.access.CrossTenantAccess.Partner;
import dev.entente.access.CrossTenantAccess.Refusal;
import dev.entente.access.CrossTenantAccess.Rule;
import dev.entente.access.CrossTenantAccess.Target;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The invitation gate's cross-tenant access settings (R-XTA-1, R-XTA-2, R-XTA-3)")
class CrossTenantAccessTest {
  static final String G1 = "6f1e8b3a-0c1d-4e2f-9a3b-4c5d6e7f8a90";
  static final String A1 = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  static final String OTHER_APP = "11111111-2222-4333-8444-555555555555";
  static final String OVERVIEW =
      "microsoft-graph-docs-contrib api-reference/v1.0/resources/crosstenantaccesspolicy-overview.md,"
          + " Interpreting the API response";

  static Requestor inG1() {
    return Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
        .withHomeObjectId("aaaaaaaa-0000-4000-8000-000000000001")
        .withHomeGroups(List.of(G1));
  }

  static Requestor notInG1() {
    return Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
        .withHomeObjectId("aaaaaaaa-0000-4000-8000-000000000002")
        .withHomeGroups(List.of());
  }

  static boolean admits(B2BSetting setting, Requestor requestor, String application) {
    CrossTenantAccess gate = CrossTenantAccess.builder().defaultInbound(setting).build();
    AccessDecision d =
        AccessRequestMatcher.of(ALL)
            .withGate(InvitationGate.of(CollaborationRestrictions.none(), gate))
            .forApplication(application)
            .evaluate(requestor, ALL_EXTERNAL_NO_APPROVAL);
    return d.eligible();
  }

  static Target g1() {
    return Target.group(G1);
  }

  static Target a1() {
    return Target.application(A1);
  }

  /**
   * Each worked example of the overview: the setting, then whether it admits (user in g1, app a1),
   * (in g1, other app), (not in g1, a1), (not in g1, other app), as the interpretation column says.
   */
  static Stream<Arguments> workedExamples() {
    return Stream.of(
        Arguments.of(
            "Block all users and block all applications",
            B2BSetting.blockAll(),
            new boolean[] {false, false, false, false}),
        Arguments.of(
            "Allow all users and allow all applications",
            B2BSetting.allowAll(),
            new boolean[] {true, true, true, true}),
        Arguments.of(
            "Allow users in group 'g1' to access any app: all other users not in g1 are blocked",
            B2BSetting.of(Rule.allowed(g1()), Rule.allowed(Target.allApplications())),
            new boolean[] {true, true, false, false}),
        Arguments.of(
            "Allow access to only application 'a1': all users only to a1",
            B2BSetting.of(Rule.allowed(Target.allUsers()), Rule.allowed(a1())),
            new boolean[] {true, false, true, false}),
        Arguments.of(
            "Allow users in group 'g1' and block access to application 'a1': g1 to any app except a1",
            B2BSetting.of(Rule.allowed(g1()), Rule.blocked(a1())),
            new boolean[] {false, true, false, false}),
        Arguments.of(
            "Block users in group 'g1' from accessing any application: others reach all applications",
            B2BSetting.of(Rule.blocked(g1()), Rule.blocked(Target.allApplications())),
            new boolean[] {false, false, true, true}),
        Arguments.of(
            "Block users in group 'g1' and allow access to application 'a1' only: g1 nothing,"
                + " others only a1",
            B2BSetting.of(Rule.blocked(g1()), Rule.allowed(a1())),
            new boolean[] {false, false, true, false}),
        Arguments.of(
            "Allow users in group 'g1' to access to only application 'a1': everyone blocked from"
                + " any other application",
            B2BSetting.of(Rule.allowed(g1()), Rule.allowed(a1())),
            new boolean[] {true, false, false, false}),
        Arguments.of(
            "Block users in group 'g1' from accessing application 'a1': g1 blocked from a1 only,"
                + " everyone reaches any other application",
            B2BSetting.of(Rule.blocked(g1()), Rule.blocked(a1())),
            new boolean[] {false, true, true, true}));
  }

  @ParameterizedTest(name = "{0} (" + OVERVIEW + ")")
  @MethodSource("workedExamples")
  void eachWorkedExampleOfGraphsOverviewDecidesAsDocumented(
      String example, B2BSetting setting, boolean[] expected) {
    boolean[] actual = {
      admits(setting, inG1(), A1),
      admits(setting, inG1(), OTHER_APP),
      admits(setting, notInG1(), A1),
      admits(setting, notInG1(), OTHER_APP)
    };
    for (int i = 0; i < 4; i++) {
      assertEquals(
          expected[i],
          actual[i],
          example
              + ": "
              + (i < 2 ? "a user in g1" : "a user not in g1")
              + " asking for "
              + (i % 2 == 0 ? "a1" : "another application"));
    }
  }

  @Test
  void blockingAllUsersWhileAnyApplicationStaysOpenIsRefusedAsEntraRefusesIt() {
    // entra-docs external-id/cross-tenant-access-overview.md, Important considerations, example 1
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> B2BSetting.of(Rule.blocked(Target.allUsers()), Rule.allowed(a1())));
    assertEquals("applications", e.field());
    assertThrows(
        ValidationException.class,
        () -> B2BSetting.of(Rule.blocked(Target.allUsers()), Rule.blocked(a1())));
    assertThrows(
        ValidationException.class,
        () -> new B2BSetting(Optional.of(Rule.blocked(Target.allUsers())), Optional.empty()));
  }

  @Test
  void aTargetOfTheWrongKindIsRefusedNamingItsField() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> B2BSetting.of(Rule.allowed(Target.allUsers(), a1()), Rule.allowed(a1())));
    assertEquals("targets", e.field()); // AllUsers stands alone
    e =
        assertThrows(
            ValidationException.class,
            () -> B2BSetting.of(Rule.allowed(g1(), a1()), Rule.allowed(a1())));
    assertEquals("usersAndGroups.targets[1].targetType", e.field());
    e =
        assertThrows(
            ValidationException.class,
            () -> B2BSetting.of(Rule.allowed(g1()), Rule.allowed(Target.user("u"))));
    assertEquals("applications.targets[0].targetType", e.field());
    e =
        assertThrows(
            ValidationException.class,
            () -> new Target("AllUsers", CrossTenantAccess.TargetType.GROUP));
    assertEquals("targetType", e.field());
    e = assertThrows(ValidationException.class, () -> Target.user("allusers"));
    assertEquals("target", e.field());
    e = assertThrows(ValidationException.class, () -> Rule.of(AccessType.ALLOWED, List.of()));
    assertEquals("targets", e.field());
  }

  @Test
  void aPartnersOwnSettingDecidesForItsTenantAndTheDefaultForEveryOther() {
    CrossTenantAccess gate =
        CrossTenantAccess.builder()
            .defaultInbound(B2BSetting.blockAll())
            .partner(Partner.of(OTHER_TENANT, B2BSetting.allowAll()))
            .build();
    AccessRequestMatcher m = matcher(gate);
    assertTrue(
        m.evaluate(Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL), ALL_EXTERNAL_NO_APPROVAL)
            .eligible());
    AccessDecision refused =
        m.evaluate(Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL), ALL_CONFIGURED_NO_APPROVAL);
    assertFalse(refused.eligible());
    assertEquals(ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT, refused.reason());
    Refusal r = refused.crossTenantRefusal().orElseThrow();
    assertEquals(Refusal.Layer.DEFAULT, r.layer());
    assertEquals("default/b2bCollaborationInbound", r.setting());
    assertTrue(refused.explanation().contains(CONTOSO_TENANT.toString()), refused.explanation());
    assertTrue(refused.explanation().contains("partner configuration"), refused.explanation());
  }

  @Test
  void aPartnerWithoutASettingOfItsOwnInheritsTheWholeDefaultSetting() {
    CrossTenantAccess gate =
        CrossTenantAccess.builder()
            .defaultInbound(
                B2BSetting.of(Rule.allowed(g1()), Rule.allowed(Target.allApplications())))
            .partner(Partner.inheriting(OTHER_TENANT))
            .build();
    assertEquals(gate.defaultInbound(), gate.effectiveInbound(OTHER_TENANT));
    AccessDecision d = matcher(gate).evaluate(notInG1(), ALL_EXTERNAL_NO_APPROVAL);
    assertEquals(ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT, d.reason());
    assertTrue(
        d.crossTenantRefusal().orElseThrow().setting().contains("inherited by partners/"),
        d.crossTenantRefusal().toString());
    assertTrue(matcher(gate).evaluate(inG1(), ALL_EXTERNAL_NO_APPROVAL).eligible());
  }

  @Test
  void aPartnersOwnSettingRefusesNamingThePartnerAndTheSettingToChange() {
    CrossTenantAccess gate =
        CrossTenantAccess.builder()
            .partner(
                Partner.of(
                    OTHER_TENANT,
                    B2BSetting.of(Rule.blocked(g1()), Rule.blocked(Target.allApplications()))))
            .build();
    AccessDecision d = matcher(gate).evaluate(inG1(), ALL_EXTERNAL_NO_APPROVAL);
    assertEquals(ReasonCode.BLOCKED_BY_PARTNER_CONFIGURATION, d.reason());
    assertEquals(
        "partners/" + OTHER_TENANT + "/b2bCollaborationInbound",
        d.crossTenantRefusal().orElseThrow().setting());
    assertTrue(d.explanation().contains(G1), d.explanation());
  }

  @Test
  void aTenantOfAnotherCloudNeedsItsCloudAllowedAndAPartnerConfiguration() {
    Requestor gov = Requestor.entraUser(OTHER_TENANT, Cloud.US_GOVERNMENT);
    CrossTenantAccess none = CrossTenantAccess.serviceDefault();
    AccessDecision d = matcher(none).evaluate(gov, ALL_EXTERNAL_NO_APPROVAL);
    assertEquals(ReasonCode.BLOCKED_BY_CLOUD_SETTINGS, d.reason());
    assertTrue(d.explanation().contains("microsoftonline.us"), d.explanation());

    CrossTenantAccess cloudOnly =
        none.toBuilder().allowedClouds(Set.of(Cloud.US_GOVERNMENT)).build();
    d = matcher(cloudOnly).evaluate(gov, ALL_EXTERNAL_NO_APPROVAL);
    assertEquals(ReasonCode.BLOCKED_BY_CLOUD_SETTINGS, d.reason());
    assertTrue(d.explanation().contains("no partner configuration"), d.explanation());

    CrossTenantAccess both =
        cloudOnly.toBuilder().partner(Partner.inheriting(OTHER_TENANT)).build();
    assertTrue(matcher(both).evaluate(gov, ALL_EXTERNAL_NO_APPROVAL).eligible());

    CrossTenantAccess partnerOnly =
        none.toBuilder().partner(Partner.inheriting(OTHER_TENANT)).build();
    assertEquals(
        ReasonCode.BLOCKED_BY_CLOUD_SETTINGS,
        matcher(partnerOnly).evaluate(gov, ALL_EXTERNAL_NO_APPROVAL).reason());
  }

  @Test
  void governmentAndChinaNeverCollaborateWhateverIsAllowed() {
    CrossTenantAccess gate =
        CrossTenantAccess.builder()
            .homeCloud(Cloud.US_GOVERNMENT)
            .allowedClouds(Set.of(Cloud.GLOBAL, Cloud.CHINA))
            .partner(Partner.inheriting(OTHER_TENANT))
            .build();
    AccessDecision d =
        matcher(gate)
            .evaluate(Requestor.entraUser(OTHER_TENANT, Cloud.CHINA), ALL_EXTERNAL_NO_APPROVAL);
    assertEquals(ReasonCode.BLOCKED_BY_CLOUD_SETTINGS, d.reason());
    assertTrue(
        matcher(gate)
            .evaluate(Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL), ALL_EXTERNAL_NO_APPROVAL)
            .eligible());
  }

  @Test
  void aFactTheHostDidNotGiveNeverAdmitsAndTheRefusalSaysWhichWasMissing() {
    CrossTenantAccess gate =
        CrossTenantAccess.builder()
            .defaultInbound(B2BSetting.of(Rule.allowed(g1()), Rule.allowed(a1())))
            .build();
    Requestor untold = Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL);
    AccessDecision d = matcher(gate).evaluate(untold, ALL_EXTERNAL_NO_APPROVAL);
    assertFalse(d.eligible());
    String why = d.crossTenantRefusal().orElseThrow().why();
    assertTrue(why.contains("groups") && why.contains("application requested"), why);
    // told the groups and the application: admitted
    assertTrue(
        matcher(gate).forApplication(A1).evaluate(inG1(), ALL_EXTERNAL_NO_APPROVAL).eligible());
    // a blocked pair decides without the fact that cannot change the answer
    CrossTenantAccess blockedPair =
        CrossTenantAccess.builder()
            .defaultInbound(B2BSetting.of(Rule.blocked(g1()), Rule.blocked(a1())))
            .build();
    assertTrue(
        matcher(blockedPair)
            .forApplication(OTHER_APP)
            .evaluate(untold, ALL_EXTERNAL_NO_APPROVAL)
            .eligible());
  }

  @Test
  void requestorsNotOfAnEntraTenantAreLeftToTheDomainList() {
    CrossTenantAccess gate =
        CrossTenantAccess.builder().defaultInbound(B2BSetting.blockAll()).build();
    Requestor passcode = Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true);
    assertTrue(gate.refusal(passcode, Optional.empty()).isEmpty());
    AccessDecision d = matcher(gate).evaluate(passcode, ALL_EXTERNAL_NO_APPROVAL);
    assertTrue(d.eligible(), d.explanation());
  }

  @Test
  void theDomainListIsCheckedBeforeTheCrossTenantSettingsAndBothMustLetIn() {
    // entra-docs external-id/allow-deny-list.md: both are checked at the time of invitation
    AccessRequestMatcher m =
        AccessRequestMatcher.of(ALL)
            .withGate(
                InvitationGate.of(
                    CollaborationRestrictions.deny(List.of("contoso.com")),
                    CrossTenantAccess.builder().defaultInbound(B2BSetting.blockAll()).build()));
    Requestor r =
        Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
            .withVerifiedEmail(EmailAddress.of("a@contoso.com"));
    assertEquals(ReasonCode.BLOCKED_BY_DENY_LIST, m.evaluate(r, ALL_EXTERNAL_NO_APPROVAL).reason());
    Requestor clean =
        Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
            .withVerifiedEmail(EmailAddress.of("a@tailspin.com"));
    assertEquals(
        ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT,
        m.evaluate(clean, ALL_EXTERNAL_NO_APPROVAL).reason());
  }

  @Test
  void aGateSupplierIsAskedAtEachDecision() {
    CrossTenantAccess open = CrossTenantAccess.serviceDefault();
    CrossTenantAccess shut =
        CrossTenantAccess.builder().defaultInbound(B2BSetting.blockAll()).build();
    CrossTenantAccess[] now = {open};
    AccessRequestMatcher m =
        AccessRequestMatcher.of(ALL)
            .withGate(() -> InvitationGate.of(CollaborationRestrictions.none(), now[0]));
    Requestor r = Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL);
    assertTrue(m.evaluate(r, ALL_EXTERNAL_NO_APPROVAL).eligible());
    now[0] = shut;
    assertFalse(m.evaluate(r, ALL_EXTERNAL_NO_APPROVAL).eligible());
  }

  @Test
  void homeFactsBelongToEntraRequestorsOnlyAndAreChecked() {
    Requestor passcode = Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true);
    assertEquals(
        "homeObjectId",
        assertThrows(ValidationException.class, () -> passcode.withHomeObjectId("x")).field());
    assertEquals(
        "homeGroups[1]",
        assertThrows(
                ValidationException.class,
                () ->
                    Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
                        .withHomeGroups(List.of("g", " ")))
            .field());
    assertEquals(
        "applicationId",
        assertThrows(
                ValidationException.class, () -> AccessRequestMatcher.of(ALL).forApplication(""))
            .field());
  }

  static AccessRequestMatcher matcher(CrossTenantAccess gate) {
    return AccessRequestMatcher.of(ALL)
        .withGate(InvitationGate.of(CollaborationRestrictions.none(), gate));
  }

  // ---- properties over generated settings ----

  static final List<String> USERS = List.of("u1", "u2", "u3");
  static final List<String> GROUPS = List.of("g1", "g2", "g3");
  static final List<String> APPS = List.of("a1", "a2", "a3");
  static final List<TenantId> TENANTS =
      List.of(
          OTHER_TENANT,
          CONTOSO_TENANT,
          TenantId.of("3c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
          TenantId.of("4d2f3e5a-6b7c-4d8e-9fa0-1b2c3d4e5f6a"));

  static Rule rule(SplittableRandom r, boolean users) {
    AccessType type = r.nextBoolean() ? AccessType.ALLOWED : AccessType.BLOCKED;
    if (r.nextInt(3) == 0) {
      return Rule.of(type, List.of(users ? Target.allUsers() : Target.allApplications()));
    }
    List<Target> targets = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      targets.add(
          users
              ? (r.nextBoolean()
                  ? Target.user(USERS.get(r.nextInt(3)))
                  : Target.group(GROUPS.get(r.nextInt(3))))
              : Target.application(APPS.get(r.nextInt(3))));
    }
    return Rule.of(type, targets);
  }

  static B2BSetting setting(SplittableRandom r) {
    while (true) {
      try {
        return B2BSetting.of(rule(r, true), rule(r, false));
      } catch (ValidationException conflict) {
        // blocked AllUsers beside open applications: Entra refuses it; draw again
      }
    }
  }

  static CrossTenantAccess settings(SplittableRandom r) {
    CrossTenantAccess.Builder b = CrossTenantAccess.builder().defaultInbound(setting(r));
    for (TenantId t : TENANTS) {
      switch (r.nextInt(3)) {
        case 0 -> b.partner(Partner.of(t, setting(r)));
        case 1 -> b.partner(Partner.inheriting(t));
        default -> {}
      }
    }
    if (r.nextBoolean()) {
      b.allowedClouds(Set.of(Cloud.US_GOVERNMENT));
    }
    return b.build();
  }

  static Requestor requestor(SplittableRandom r) {
    Cloud cloud = r.nextInt(4) == 0 ? Cloud.US_GOVERNMENT : Cloud.GLOBAL;
    Requestor q = Requestor.entraUser(TENANTS.get(r.nextInt(TENANTS.size())), cloud);
    if (r.nextInt(4) != 0) {
      q = q.withHomeObjectId(USERS.get(r.nextInt(3)));
    }
    if (r.nextInt(4) != 0) {
      List<String> groups = new ArrayList<>();
      for (String g : GROUPS) {
        if (r.nextBoolean()) {
          groups.add(g);
        }
      }
      q = q.withHomeGroups(groups);
    }
    return q;
  }

  /** The documented semantics, written out once more, naively: admitted only when known to be. */
  static boolean oracleAdmits(B2BSetting s, Requestor q, Optional<String> app) {
    Rule u = s.usersAndGroups().orElseThrow();
    Rule a = s.applications().orElseThrow();
    // try every completion of the facts not told: admitted only if every completion admits
    List<Optional<String>> ids =
        q.homeObjectId().isPresent()
            ? List.of(q.homeObjectId())
            : List.of(
                Optional.of("u1"), Optional.of("u2"), Optional.of("u3"), Optional.of("nobody"));
    List<Set<String>> groupSets =
        q.homeGroups().isPresent()
            ? List.of(q.homeGroups().get())
            : List.of(Set.of(), Set.of("g1"), Set.of("g2"), Set.of("g3"), Set.of("g1", "g2", "g3"));
    List<String> apps =
        app.isPresent() ? List.of(app.get()) : List.of("a1", "a2", "a3", "elsewhere");
    for (Optional<String> id : ids) {
      for (Set<String> gs : groupSets) {
        for (String ap : apps) {
          boolean inU =
              u.targets().stream()
                  .anyMatch(
                      t ->
                          t.isAll()
                              || (t.targetType() == CrossTenantAccess.TargetType.USER
                                  && id.map(t.target()::equals).orElse(false))
                              || (t.targetType() == CrossTenantAccess.TargetType.GROUP
                                  && gs.contains(t.target())));
          boolean inA = a.targets().stream().anyMatch(t -> t.isAll() || t.target().equals(ap));
          boolean ok;
          if (u.accessType() == AccessType.BLOCKED && a.accessType() == AccessType.BLOCKED) {
            ok = !(inU && inA);
          } else {
            ok =
                (u.accessType() == AccessType.ALLOWED ? inU : !inU)
                    && (a.accessType() == AccessType.ALLOWED ? inA : !inA);
          }
          if (!ok) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void forAllSettingsThePartnersOwnSettingAppliesWhereItHasOneElseTheDefaultsWhole() {
    qt().withExamples(2_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom r = new SplittableRandom(seed);
              CrossTenantAccess gate = settings(r);
              for (TenantId t : TENANTS) {
                Partner p = gate.partners().get(t);
                B2BSetting expected =
                    p != null && p.b2bCollaborationInbound().isPresent()
                        ? p.b2bCollaborationInbound().get()
                        : gate.defaultInbound();
                assertEquals(expected, gate.effectiveInbound(t));
              }
            });
  }

  @Test
  void forAllSettingsAndRequestorsADecisionNeverAdmitsWhatTheEffectiveSettingsBlock() {
    qt().withExamples(3_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom r = new SplittableRandom(seed);
              CrossTenantAccess gate = settings(r);
              Requestor q = requestor(r);
              Optional<String> app =
                  r.nextInt(4) == 0 ? Optional.empty() : Optional.of(APPS.get(r.nextInt(3)));
              AccessRequestMatcher m = matcher(gate);
              if (app.isPresent()) {
                m = m.forApplication(app.get());
              }
              boolean eligible = m.evaluate(q, ALL_EXTERNAL_NO_APPROVAL).eligible();
              SignIn.Entra entra = (SignIn.Entra) q.signIn();
              boolean cloudOk =
                  entra.cloud() == Cloud.GLOBAL
                      || (gate.allowedClouds().contains(entra.cloud())
                          && gate.partners().containsKey(entra.tenantId()));
              boolean expected =
                  cloudOk && oracleAdmits(gate.effectiveInbound(entra.tenantId()), q, app);
              assertEquals(expected, eligible, gate + " / " + q + " / " + app);
              assertEquals(
                  !expected, gate.refusal(q, app).isPresent(), "refusal() agrees with decisions");
            });
  }

  @Test
  void forAllSettingsOneThatRefusesEveryoneAdmitsNobodyAndOneThatDoesNotAdmitsSomeone() {
    qt().withExamples(2_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom r = new SplittableRandom(seed);
              B2BSetting s = setting(r);
              boolean anyone = false;
              for (String id : List.of("u1", "u2", "u3", "nobody")) {
                for (Set<String> groups :
                    List.of(Set.<String>of(), Set.of("g1"), Set.of("g2"), Set.of("g3"))) {
                  for (String app : List.of("a1", "a2", "a3", "elsewhere")) {
                    Requestor q =
                        Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
                            .withHomeObjectId(id)
                            .withHomeGroups(groups);
                    anyone |= s.refusal(q, app) == null;
                  }
                }
              }
              assertEquals(!s.refusesEveryone(), anyone, s.toString());
            });
  }

  static Stream<Arguments> redemption() {
    RedemptionOrder federationFirst =
        new RedemptionOrder(
            List.of(
                RedemptionOrder.Primary.EXTERNAL_FEDERATION,
                RedemptionOrder.Primary.AZURE_ACTIVE_DIRECTORY,
                RedemptionOrder.Primary.SOCIAL_IDENTITY_PROVIDERS),
            RedemptionOrder.Fallback.DEFAULT_CONFIGURED_IDP);
    RedemptionOrder passcodeFallback =
        new RedemptionOrder(
            RedemptionOrder.defaultOrder().primary(),
            RedemptionOrder.Fallback.EMAIL_ONE_TIME_PASSCODE);
    RedemptionOrder d = RedemptionOrder.defaultOrder();
    String flow =
        "entra-docs external-id/redemption-experience.md, invitation redemption flow, step ";
    return Stream.of(
        Arguments.of(
            OVERVIEW + ", last row: an external federation before Entra ID",
            federationFirst,
            new RedemptionOrder.Invitee(true, true, false, false, true),
            RedemptionOrder.Redeemed.FEDERATION),
        Arguments.of(
            flow + "1: an Entra account first",
            d,
            new RedemptionOrder.Invitee(true, true, false, true, true),
            RedemptionOrder.Redeemed.ENTRA_ACCOUNT),
        Arguments.of(
            flow + "2: the domain's SAML/WS-Fed provider",
            d,
            new RedemptionOrder.Invitee(false, true, false, true, true),
            RedemptionOrder.Redeemed.FEDERATION),
        Arguments.of(
            flow + "3: Google federation for gmail.com",
            d,
            new RedemptionOrder.Invitee(false, false, true, true, true),
            RedemptionOrder.Redeemed.SOCIAL_PROVIDER),
        Arguments.of(
            flow + "4: an existing Microsoft account",
            d,
            new RedemptionOrder.Invitee(false, false, false, true, true),
            RedemptionOrder.Redeemed.MICROSOFT_ACCOUNT),
        Arguments.of(
            flow + "6: no home directory, one-time passcode enabled",
            d,
            new RedemptionOrder.Invitee(false, false, false, false, true),
            RedemptionOrder.Redeemed.EMAIL_ONE_TIME_PASSCODE),
        Arguments.of(
            flow + "7: no home directory, one-time passcode disabled: a new Microsoft account",
            d,
            new RedemptionOrder.Invitee(false, false, false, false, false),
            RedemptionOrder.Redeemed.MICROSOFT_ACCOUNT),
        Arguments.of(
            "entra-docs external-id/cross-tenant-access-overview.md, preventing Microsoft accounts:"
                + " new guests use one-time passcodes",
            passcodeFallback,
            new RedemptionOrder.Invitee(false, false, false, true, true),
            RedemptionOrder.Redeemed.EMAIL_ONE_TIME_PASSCODE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("redemption")
  void eachDocumentedRedemptionOrderSendsTheGuestWhereMicrosoftSays(
      String source,
      RedemptionOrder order,
      RedemptionOrder.Invitee invitee,
      RedemptionOrder.Redeemed expected) {
    assertEquals(expected, order.redeem(invitee), source);
  }

  @Test
  void aPrimaryProviderNamedTwiceIsRefused() {
    assertEquals(
        "primaryIdentityProviderPrecedenceOrder",
        assertThrows(
                ValidationException.class,
                () ->
                    new RedemptionOrder(
                        List.of(
                            RedemptionOrder.Primary.EXTERNAL_FEDERATION,
                            RedemptionOrder.Primary.EXTERNAL_FEDERATION),
                        RedemptionOrder.Fallback.MICROSOFT_ACCOUNT))
            .field());
  }
}
