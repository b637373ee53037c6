/**
 * A durable {@code OrganizationStore} on PostgreSQL over JDBC — the host passes a {@link
 * javax.sql.DataSource}; the store owns no pool and no thread — and its change feed, which keeps a
 * live in-memory index ({@code LiveIndex} in {@code entente-core}) fresh, for several instances on
 * one database.
 */
@SuppressWarnings("requires-automatic")
module dev.entente.postgres {
  requires transitive dev.entente.spi;
  requires transitive java.sql;
  requires org.postgresql.jdbc;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.entente.postgres;
}
