package dev.entente.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Spring Boot lines the starter supports, checked before any of its auto-configuration runs
 * (R-EMB-2): on another line the application fails to start, with a report naming the version found
 * and the versions supported — never a silent fallback to another store. Only classes that exist
 * unchanged on every Spring Boot line since 3.0 are used here, so the check itself runs on them.
 */
final class SupportedSpringBoot implements Condition {
  /** The lines supported, as the prefix of {@link SpringBootVersion#getVersion()}. */
  static final String SUPPORTED = "4.0.";

  /** In words, for the report. */
  static final String SUPPORTED_WORDS = "Spring Boot 4.0.x (built and tested with 4.0.7)";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    check(SpringBootVersion.getVersion());
    return true;
  }

  /** Refuses {@code version} when it is known and not a supported line. */
  static void check(@Nullable String version) {
    if (version != null && !version.startsWith(SUPPORTED)) {
      throw new UnsupportedSpringBootException(version);
    }
  }

  /** Spring Boot is of a line the starter does not support. */
  static final class UnsupportedSpringBootException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The version found. */
    final String version;

    UnsupportedSpringBootException(String version) {
      super(
          "Entente's Spring Boot starter supports "
              + SUPPORTED_WORDS
              + "; this application runs Spring Boot "
              + version);
      this.version = version;
    }
  }

  /** Reports {@link UnsupportedSpringBootException} as Spring Boot reports its own failures. */
  static final class Analyzer extends AbstractFailureAnalyzer<UnsupportedSpringBootException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, UnsupportedSpringBootException cause) {
      return new FailureAnalysis(
          "Entente's Spring Boot starter supports "
              + SUPPORTED_WORDS
              + ", and this application runs Spring Boot "
              + cause.version
              + ". Spring Boot 4 moved the DataSource and health auto-configuration the starter"
              + " builds on, so on another line it would not find the application's database and"
              + " would keep organizations in memory.",
          "Run the application on "
              + SUPPORTED_WORDS
              + ", or wire Entente yourself without the starter (Entente.builder(), README"
              + " \"Spring Boot\").",
          cause);
    }
  }
}
