/**
 * Connected organizations on PostgreSQL: {@link dev.entente.postgres.PostgresOrganizationStore}
 * over a host's {@link javax.sql.DataSource}; {@link dev.entente.postgres.PostgresSchema}, which
 * creates or upgrades the tables from the versioned scripts shipped in this jar; and {@link
 * dev.entente.postgres.PostgresChangeFeed}, the change feed a live index follows.
 */
@NullMarked
package dev.entente.postgres;

import org.jspecify.annotations.NullMarked;
