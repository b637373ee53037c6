package dev.entente.consumer.spring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A user's application on Spring Boot 3.5, a line the starter does not support: it fails to start
 * with Spring Boot's failure report naming the version found and the versions supported, rather
 * than starting on another store.
 */
class Boot3ConsumerTest {
  /** The user's application. */
  @SpringBootApplication
  static class App {}

  @Test
  void theStarterRefusesSpringBoot35AtStartUpNamingBothVersions() {
    String version = SpringBootVersion.getVersion();
    assertTrue(version.startsWith("3.5."), version);
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertThrows(
          RuntimeException.class,
          () ->
              new SpringApplicationBuilder(App.class)
                  .properties("spring.main.banner-mode=off")
                  .run()
                  .close());
    } finally {
      System.setOut(out);
    }
    String report = printed.toString(StandardCharsets.UTF_8);
    out.println(report);
    assertTrue(report.contains("APPLICATION FAILED TO START"), report);
    assertTrue(report.contains("this application runs Spring Boot " + version), report);
    assertTrue(report.contains("Spring Boot 4.0.x"), report);
  }
}
