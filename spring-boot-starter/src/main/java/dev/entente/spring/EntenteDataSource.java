package dev.entente.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@code DataSource} Entente's PostgreSQL store uses instead of the application's primary
 * one (R-EMB-2), as {@code @FlywayDataSource} does for Flyway: its own pool, its own credentials or
 * its own database. The replica's listening connection is then one of this pool's, not the
 * application's.
 *
 * <pre>{@code
 * @Bean
 * @EntenteDataSource
 * HikariDataSource ententeDataSource() { ... }
 * }</pre>
 *
 * <p>Entente's writes join the application's transactions only where the transaction manager runs
 * on this data source; inside a transaction on another one, a write is refused (R-LOG-4) rather
 * than committed on its own.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface EntenteDataSource {}
