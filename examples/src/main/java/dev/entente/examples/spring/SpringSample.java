package dev.entente.examples.spring;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application with Entente from {@code entente-spring-boot-starter}: the PostgreSQL
 * store and its live replica on the application's DataSource, health and metrics on the actuator,
 * and {@link AccessController} deciding requests over HTTP. Its configuration is {@code
 * application.properties}.
 *
 * <p>Run it: {@code mvn -pl examples -am install -DskipTests} once, then {@code mvn -pl examples
 * exec:java -Dexamples.main=dev.entente.examples.spring.SpringSample}; without {@code
 * spring.datasource.url} it starts a PostgreSQL server of its own. Then {@code curl -X POST
 * 'localhost:8080/organizations?domain=contoso.com'}, {@code curl
 * 'localhost:8080/access?email=ana@contoso.com'} and {@code curl localhost:8080/actuator/health}.
 */
@SpringBootApplication
public class SpringSample {
  /** Made by Spring. */
  public SpringSample() {}

  /**
   * Starts the application: on the given database, or on a PostgreSQL server of its own.
   *
   * @param args Spring Boot's arguments, such as {@code --spring.datasource.url=jdbc:postgresql:…}
   * @throws IOException when the server of its own cannot start
   */
  public static void main(String[] args) throws IOException {
    if (System.getProperty("spring.datasource.url") != null
        || java.util.Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.datasource.url"))) {
      SpringApplication.run(SpringSample.class, args);
      return;
    }
    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
    ConfigurableApplicationContext app = start(server.getJdbcUrl("postgres", "postgres"), args);
    app.addApplicationListener(
        (org.springframework.context.event.ContextClosedEvent closed) -> {
          try {
            server.close();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /**
   * The application on the database at {@code url}.
   *
   * @param url the JDBC URL
   * @param args more of Spring Boot's arguments
   * @return the running application
   */
  public static ConfigurableApplicationContext start(String url, String... args) {
    SpringApplication app = new SpringApplication(SpringSample.class);
    app.setDefaultProperties(
        java.util.Map.of("spring.datasource.url", url, "spring.datasource.username", "postgres"));
    return app.run(args);
  }
}
