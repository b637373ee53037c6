/**
 * A durable {@code OrganizationStore} on PostgreSQL over JDBC: the host passes a {@link
 * javax.sql.DataSource}; the library owns no pool and no thread.
 */
@SuppressWarnings("requires-automatic")
module dev.entente.postgres {
  requires transitive dev.entente.spi;
  requires transitive java.sql;
  requires org.postgresql.jdbc;
  requires static org.jspecify;

  exports dev.entente.postgres;
}
