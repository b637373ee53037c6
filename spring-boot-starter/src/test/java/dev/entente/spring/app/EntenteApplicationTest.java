package dev.entente.spring.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.errors.PortFailureException;
import dev.entente.live.LiveDirectories;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.HostDirectory;
import dev.entente.spring.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real Spring Boot applications on a real PostgreSQL 17, driven over HTTP as an operator would
 * (R-EMB-1): organizations created through the service, requests decided by the auto-configured
 * matcher, health and metrics read from the actuator, instances sharing one database, and a clean
 * shutdown.
 */
@DisplayName("A Spring Boot application with the starter, on PostgreSQL, over HTTP (R-EMB-1)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class EntenteApplicationTest {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ConfigurableApplicationContext> running = new ArrayList<>();
  private final String db = TestDatabase.fresh();

  @AfterEach
  void stop() {
    running.forEach(ConfigurableApplicationContext::close);
  }

  /** An instance on the test's database, with {@code more} properties. */
  private ConfigurableApplicationContext start(String name, String... more) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "spring.main.banner-mode=off",
                "spring.application.name=" + name,
                "spring.datasource.url=" + TestDatabase.url(db),
                "spring.datasource.username=postgres",
                "spring.datasource.hikari.data-source-properties.ApplicationName=" + name,
                "management.endpoints.web.exposure.include=health,info,metrics",
                "management.endpoint.health.show-details=always",
                "management.info.env.enabled=false"));
    properties.addAll(List.of(more));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TestApplication.class)
            .properties(properties.toArray(String[]::new))
            .run();
    running.add(context);
    return context;
  }

  private HttpResponse<String> get(ConfigurableApplicationContext context, String path)
      throws IOException, InterruptedException {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ConnectedOrganization create(
      ConfigurableApplicationContext context, String domain) {
    return create(context.getBean(ConnectedOrganizations.class), domain);
  }

  private static ConnectedOrganization create(ConnectedOrganizations organizations, String domain) {
    return organizations.create(
        OrganizationDraft.named(domain)
            .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
            .build(),
        ADMIN);
  }

  private static boolean admits(ConfigurableApplicationContext context, String email) {
    return context
        .getBean(AccessRequestMatcher.class)
        .evaluate(Requestor.passcodeUser(EmailAddress.of(email), true), PARTNERS)
        .eligible();
  }

  private static boolean ententeThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("entente-"));
  }

  private long connections(String application) {
    return TestDatabase.first(
        TestDatabase.direct(db),
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
            + db
            + "' AND application_name = '"
            + application
            + "'");
  }

  @Test
  @DisplayName(
      "creates through the service, decides through the matcher, reports health, info and"
          + " metrics over HTTP, and shuts down leaving no thread and no connection")
  void oneInstanceEndToEnd() throws Exception {
    ConfigurableApplicationContext app = start("entente-one");
    create(app, "contoso.com");
    assertTrue(admits(app, "ana@contoso.com"));
    assertFalse(admits(app, "li@woodgrove.com"));
    assertFalse(admits(app, "li@woodgrove.com"));

    HttpResponse<String> health = get(app, "/actuator/health");
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(
        Pattern.compile(
                "\"entente\":\\{\"details\":\\{\"store\":\"postgres\"[^}]*\\},\"status\":\"UP\"")
            .matcher(health.body())
            .find(),
        health.body());
    HttpResponse<String> info = get(app, "/actuator/info");
    assertTrue(info.body().contains("\"entente\":{\"version\":\""), info.body());
    HttpResponse<String> eligible =
        get(app, "/actuator/metrics/entente.decisions?tag=outcome:eligible");
    assertEquals(200, eligible.statusCode(), eligible.body());
    assertTrue(eligible.body().contains("\"value\":1.0"), eligible.body());
    HttpResponse<String> refused =
        get(app, "/actuator/metrics/entente.decisions?tag=reason:NOT_IN_ANY_ORGANIZATION");
    assertTrue(refused.body().contains("\"value\":2.0"), refused.body());
    assertEquals(200, get(app, "/actuator/metrics/entente.replica.lag").statusCode());
    assertEquals(200, get(app, "/actuator/metrics/entente.replica.propagation").statusCode());

    HikariDataSource pool = (HikariDataSource) app.getBean(DataSource.class);
    LiveDirectories live = app.getBean(LiveDirectories.class);
    app.close();
    assertTrue(pool.isClosed(), "the pool is closed");
    TestDatabase.await("the replica's thread to stop", () -> live.stopped());
    TestDatabase.await("no Entente thread left", () -> !ententeThreadsAlive());
    TestDatabase.await("no connection left", () -> connections("entente-one") == 0);
  }

  @Test
  @DisplayName(
      "shutdown lets a write in flight finish and refuses those after it began; the write is"
          + " durable (R-EMB-1)")
  void shutdownLetsAWriteInFlightFinish() throws Exception {
    ConfigurableApplicationContext app =
        start("entente-graceful", "entente.postgres.write-timeout=10m");
    ConnectedOrganizations organizations = app.getBean(ConnectedOrganizations.class);
    DataSource direct = TestDatabase.direct(db);
    try (Connection locker = direct.getConnection();
        Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      s.execute("LOCK TABLE entente.organization IN EXCLUSIVE MODE"); // writes wait for it
      CompletableFuture<ConnectedOrganization> write =
          CompletableFuture.supplyAsync(() -> create(organizations, "contoso.com"));
      TestDatabase.await(
          "the write to wait for the lock",
          () ->
              TestDatabase.first(
                      direct,
                      "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                          + db
                          + "' AND wait_event_type = 'Lock'")
                  == 1);
      Thread closing = new Thread(app::close, "closing the application");
      closing.start();
      TestDatabase.await(
          "shutdown to wait for the write",
          () ->
              Arrays.stream(closing.getStackTrace())
                  .anyMatch(
                      f ->
                          f.getClassName().equals("dev.entente.spring.WriteGate")
                              && f.getMethodName().equals("close")));
      PortFailureException refused =
          assertThrows(PortFailureException.class, () -> create(organizations, "fabrikam.com"));
      assertTrue(refused.getMessage().contains("shutting down"), refused.getMessage());
      assertFalse(write.isDone(), "the write still waits, and shutdown waits for it");
      assertTrue(closing.isAlive());
      locker.commit(); // the lock goes: the write commits
      ConnectedOrganization written = write.get(10, TimeUnit.MINUTES);
      closing.join(TestDatabase.HANG_GUARD.toMillis());
      assertFalse(closing.isAlive(), "hang guard: shutdown ended");
      assertEquals(
          1,
          TestDatabase.first(
              direct,
              "SELECT count(*) FROM entente.organization WHERE id = '" + written.id() + "'"),
          "the write is durable");
    }
    assertEquals(
        0,
        TestDatabase.first(
            direct,
            "SELECT count(*) FROM entente.organization WHERE display_name = 'fabrikam.com'"),
        "the refused write wrote nothing");
  }

  @Test
  @DisplayName(
      "two instances on one database: a write through one is decided by the other once it"
          + " catches up, also after its listener was cut (R-EMB-1, R-IDX-2)")
  void twoInstancesOnOneDatabase() throws Exception {
    ConfigurableApplicationContext a = start("entente-a");
    ConfigurableApplicationContext b = start("entente-b", "entente.replica.poll-interval=1h");
    LiveDirectories replicaOfB = b.getBean(LiveDirectories.class);

    create(a, "contoso.com");
    long written = a.getBean(LiveDirectories.class).appliedSequence(HostDirectory.DEFAULT);
    assertTrue(
        replicaOfB.awaitSequence(HostDirectory.DEFAULT, written, TestDatabase.HANG_GUARD),
        "B catches up");
    assertTrue(admits(b, "ana@contoso.com"), "and B decides with A's write");

    // Cut B's listening connection on the server's side; its hourly poll is far away.
    TestDatabase.execute(
        TestDatabase.direct(db),
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + db
            + "' AND application_name = 'entente-b' AND query LIKE 'LISTEN%'");
    create(a, "fabrikam.com");
    long later = a.getBean(LiveDirectories.class).appliedSequence(HostDirectory.DEFAULT);
    assertTrue(
        replicaOfB.awaitSequence(HostDirectory.DEFAULT, later, TestDatabase.HANG_GUARD),
        "B listens again");
    assertTrue(admits(b, "pat@fabrikam.com"));
  }

  @Test
  @DisplayName(
      "an instance that hears no signal reports its lag over HTTP: OUT_OF_SERVICE past max-lag,"
          + " UP once caught up (R-EMB-1)")
  void healthShowsTheLag() throws Exception {
    ConfigurableApplicationContext a = start("entente-writer");
    ConfigurableApplicationContext deaf =
        start(
            "entente-deaf",
            "entente.replica.listen=false", // its listener cut: only an hourly poll
            "entente.replica.poll-interval=1h",
            "entente.health.max-lag=0");
    assertEquals(200, get(deaf, "/actuator/health").statusCode());
    create(a, "contoso.com");
    HttpResponse<String> behind = get(deaf, "/actuator/health");
    assertEquals(503, behind.statusCode(), behind.body());
    assertTrue(behind.body().contains("\"status\":\"OUT_OF_SERVICE\""), behind.body());
    assertTrue(behind.body().contains("\"lag\":1"), behind.body());
    assertFalse(admits(deaf, "ana@contoso.com"), "it has not applied the write");

    deaf.getBean(LiveDirectories.class).catchUp(HostDirectory.DEFAULT);
    assertEquals(200, get(deaf, "/actuator/health").statusCode());
    assertTrue(admits(deaf, "ana@contoso.com"));
  }
}
