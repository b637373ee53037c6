package dev.entente.spring.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.live.LiveDirectories;
import dev.entente.model.HostDirectory;
import dev.entente.spring.TestDatabase;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring user's onboarding application, two instances on one real PostgreSQL, driven over HTTP:
 * Entente's writes take part in the application's {@code @Transactional} work (R-LOG-4), and the
 * starter behaves as Spring users expect — pools, problem details, readiness, settings (R-EMB-2).
 */
@DisplayName(
    "A Spring application's transactions, pools and errors with Entente (R-LOG-4, R-EMB-2)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class OnboardingApplicationTest {
  private static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ConfigurableApplicationContext> running = new ArrayList<>();
  private final String db = TestDatabase.fresh();
  private final DataSource direct = TestDatabase.direct(db);

  @AfterEach
  void stop() {
    running.forEach(ConfigurableApplicationContext::close);
  }

  private ConfigurableApplicationContext start(String... more) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + TestDatabase.url(db),
                "spring.datasource.username=postgres",
                "management.endpoints.web.exposure.include=health",
                "management.endpoint.health.show-details=always",
                "management.endpoint.health.show-components=always"));
    properties.addAll(List.of(more));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(OnboardingApplication.class)
            .properties(properties.toArray(String[]::new))
            .run();
    running.add(context);
    return context;
  }

  private HttpResponse<String> send(
      ConfigurableApplicationContext context, String method, String path)
      throws IOException, InterruptedException {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean admits(ConfigurableApplicationContext context, String domain) {
    return context
        .getBean(AccessRequestMatcher.class)
        .evaluate(Requestor.passcodeUser(EmailAddress.of("dan@" + domain), true), PARTNERS)
        .eligible();
  }

  private long count(String sql) {
    return TestDatabase.first(direct, sql);
  }

  @Test
  @DisplayName(
      "R-LOG-4: a rolled-back onboarding leaves no organization, no change record, no event and no"
          + " replica change on either instance; a committed one is decided by both, and its"
          + " @TransactionalEventListener fires once, after the commit")
  void onboardingCommitsOrRollsBackWithEntente() throws Exception {
    ConfigurableApplicationContext a = start();
    ConfigurableApplicationContext b = start();
    OnboardingApplication.Received heardA = a.getBean(OnboardingApplication.Received.class);
    OnboardingApplication.Received heardB = b.getBean(OnboardingApplication.Received.class);
    LiveDirectories replicaA = a.getBean(LiveDirectories.class);
    LiveDirectories replicaB = b.getBean(LiveDirectories.class);

    HttpResponse<String> refused = send(a, "POST", "/partners?domain=refused.example&over=true");
    assertEquals(422, refused.statusCode(), refused.body());
    assertEquals(0, count("SELECT count(*) FROM partner_request"), "the application's row");
    assertEquals(0, count("SELECT count(*) FROM entente.organization"), "Entente's organization");
    assertEquals(0, count("SELECT count(*) FROM entente.change_log"), "its change record");
    assertEquals(List.of(), heardA.afterCommit, "no transactional event");
    assertEquals(List.of(), heardA.plain, "no event at all");
    assertEquals(
        0, replicaA.appliedSequence(HostDirectory.DEFAULT), "nothing installed on instance A");
    assertTrue(replicaB.awaitLatest(HostDirectory.DEFAULT, TestDatabase.HANG_GUARD));
    assertEquals(0, replicaB.appliedSequence(HostDirectory.DEFAULT), "nor on instance B");
    assertFalse(admits(a, "refused.example"), "the refused partner is not admitted by A");
    assertFalse(admits(b, "refused.example"), "nor by B");

    HttpResponse<String> onboarded = send(a, "POST", "/partners?domain=partner.example");
    assertEquals(200, onboarded.statusCode(), onboarded.body());
    assertTrue(admits(a, "partner.example"), "A decides with it as soon as it answered");
    assertEquals(1, heardA.afterCommit.size(), "the transactional listener fired once");
    assertEquals(1, heardA.plain.size(), "the plain one once");
    assertEquals(List.of(true), heardA.committedWhenReceived, "after the commit");
    assertEquals(1, count("SELECT count(*) FROM entente.change_log"));
    assertTrue(replicaB.awaitLatest(HostDirectory.DEFAULT, TestDatabase.HANG_GUARD));
    assertTrue(admits(b, "partner.example"), "B decides with it");
    assertEquals(List.of(), heardB.plain, "B publishes no event of A's write");
  }

  @Test
  @DisplayName(
      "R-LOG-4: a nested transaction rolled back to its savepoint drops its write's effects, and a"
          + " REQUIRES_NEW transaction inside a rolled-back one keeps its own")
  void nestedAndRequiresNew() throws Exception {
    ConfigurableApplicationContext a = start();
    OnboardingApplication.Propagations propagations =
        a.getBean(OnboardingApplication.Propagations.class);
    OnboardingApplication.Received heard = a.getBean(OnboardingApplication.Received.class);

    propagations.nestedRollsBack("kept.example", "undone.example");
    assertEquals(1, count("SELECT count(*) FROM entente.organization"), "only the outer's");
    assertEquals(1, count("SELECT count(*) FROM entente.change_log"));
    assertEquals(1, heard.plain.size(), "one event: the nested write's was dropped");
    assertEquals(1, heard.afterCommit.size());
    assertTrue(admits(a, "kept.example"));
    assertFalse(admits(a, "undone.example"), "the undone write is not decided with");

    assertThrows(
        OnboardingApplication.QuotaExceeded.class,
        () -> propagations.outerRollsBackInnerCommits("outer.example", "inner.example"));
    assertEquals(2, count("SELECT count(*) FROM entente.organization"), "the inner one's stays");
    assertEquals(2, heard.plain.size(), "its event came, once");
    assertEquals(List.of(true, true), heard.committedWhenReceived, "after its own commit");
    assertTrue(admits(a, "inner.example"));
    assertFalse(admits(a, "outer.example"), "the rolled-back outer write is not decided with");
    LiveDirectories replica = a.getBean(LiveDirectories.class);
    assertTrue(replica.awaitLatest(HostDirectory.DEFAULT, TestDatabase.HANG_GUARD));
    assertFalse(admits(a, "undone.example"));
    assertEquals(
        2, replica.loadedOrganizations(), "the replica holds exactly the committed organizations");
  }

  @Test
  @DisplayName(
      "R-EMB-2: with a pool of two — one held by the replica's signal — an onboarding inside a"
          + " transaction takes no second connection")
  void aPoolOfTwo() throws Exception {
    ConfigurableApplicationContext a =
        start(
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.connection-timeout=" + TestDatabase.HANG_GUARD.toMillis());
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> onboarded = send(a, "POST", "/partners?domain=p" + i + ".example");
      assertEquals(200, onboarded.statusCode(), onboarded.body());
    }
    assertEquals(3, count("SELECT count(*) FROM entente.organization"));
  }

  @Test
  @DisplayName(
      "R-EMB-2: 40 concurrent onboardings (on virtual threads where the JDK has them) with Spring"
          + " Boot's default pool all succeed")
  void fortyConcurrentOnboardings() throws Exception {
    ConfigurableApplicationContext a = start();
    OnboardingApplication.Onboarding onboarding = a.getBean(OnboardingApplication.Onboarding.class);
    List<Future<?>> all = new ArrayList<>();
    ExecutorService executor = threads();
    try {
      for (int i = 0; i < 40; i++) {
        String domain = "concurrent" + i + ".example";
        all.add(executor.submit(() -> onboarding.onboard(domain, false)));
      }
      for (Future<?> f : all) {
        f.get(TestDatabase.HANG_GUARD.toMinutes(), TimeUnit.MINUTES); // a hang guard
      }
    } finally {
      executor.shutdownNow();
    }
    assertEquals(40, count("SELECT count(*) FROM entente.organization"));
    assertEquals(40, count("SELECT count(*) FROM partner_request"));
    for (int i = 0; i < 40; i++) {
      assertTrue(admits(a, "concurrent" + i + ".example"));
    }
  }

  /** Virtual threads on a JDK that has them (21 and later), else 40 platform threads. */
  private static ExecutorService threads() throws Exception {
    try {
      Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) virtual.invoke(null);
    } catch (NoSuchMethodException jdk17) {
      return Executors.newFixedThreadPool(40);
    }
  }

  @Test
  @DisplayName(
      "R-EMB-2: Entente's exceptions answer as problem details: a taken identity source 409, an"
          + " invalid domain 400, an unknown organization 404")
  void problemDetails() throws Exception {
    ConfigurableApplicationContext a = start();
    assertEquals(200, send(a, "POST", "/partners?domain=taken.example").statusCode());
    HttpResponse<String> taken = send(a, "POST", "/partners?domain=taken.example&x=1");
    assertEquals(409, taken.statusCode(), taken.body());
    assertTrue(taken.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
    assertTrue(taken.body().contains("\"code\":\"IdentitySourceConflict\""), taken.body());
    HttpResponse<String> invalid = send(a, "POST", "/partners?domain=co.uk");
    assertEquals(400, invalid.statusCode(), invalid.body());
    assertTrue(invalid.body().contains("\"field\""), invalid.body());
    HttpResponse<String> missing = send(a, "GET", "/partners/no-such-organization");
    assertEquals(404, missing.statusCode(), missing.body());
  }

  @Test
  @DisplayName("R-EMB-2: entente.web.problem-details=false leaves the application's own answers")
  void problemDetailsOptOut() throws Exception {
    ConfigurableApplicationContext a = start("entente.web.problem-details=false");
    assertEquals(200, send(a, "POST", "/partners?domain=taken.example").statusCode());
    assertEquals(500, send(a, "POST", "/partners?domain=taken.example").statusCode());
  }

  @Test
  @DisplayName(
      "R-EMB-2: the entente health joins readiness: a stopped replica takes the instance out of"
          + " rotation while liveness stays UP; entente.health.readiness=false opts out")
  void readiness() throws Exception {
    ConfigurableApplicationContext a = start();
    HttpResponse<String> ready = send(a, "GET", "/actuator/health/readiness");
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"entente\""), ready.body());
    a.getBean(LiveDirectories.class).close();
    TestDatabase.await("the replica to stop", a.getBean(LiveDirectories.class)::stopped);
    HttpResponse<String> out = send(a, "GET", "/actuator/health/readiness");
    assertEquals(503, out.statusCode(), out.body());
    assertEquals(200, send(a, "GET", "/actuator/health/liveness").statusCode());

    ConfigurableApplicationContext optedOut = start("entente.health.readiness=false");
    HttpResponse<String> without = send(optedOut, "GET", "/actuator/health/readiness");
    assertEquals(200, without.statusCode());
    assertFalse(without.body().contains("\"entente\""), without.body());
  }

  @Test
  @DisplayName(
      "R-EMB-2: a bad setting fails the start naming the property and value as written and the"
          + " file and line where it was set")
  void aBadSettingNamesWhereItWasSet() {
    Throwable failure =
        assertThrows(
            Throwable.class,
            () -> start("spring.config.location=classpath:bad-entente.properties"));
    BindException bind = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException b) {
        bind = b;
      }
    }
    assertNotNull(bind, failure.toString());
    assertNotNull(bind.getProperty());
    assertEquals("entente.replica.poll-interval", bind.getProperty().getName().toString());
    assertEquals("5ms", String.valueOf(bind.getProperty().getValue()));
    String origin = String.valueOf(bind.getProperty().getOrigin());
    assertTrue(origin.contains("bad-entente.properties") && origin.contains("3:"), origin);
  }
}
