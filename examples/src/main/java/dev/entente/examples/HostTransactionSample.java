package dev.entente.examples;

import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.postgres.JdbcTransactions;
import dev.entente.postgres.PostgresOrganizationStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A plain-JDBC host's own row and Entente's organization in one transaction (R-LOG-4): both commit,
 * or neither; Entente's audit event comes after the commit. The PostgreSQL guide, "The host's
 * transaction".
 */
public final class HostTransactionSample {
  private HostTransactionSample() {}

  /**
   * Records a partner request and registers the partner, in one transaction on {@code dataSource}
   * (whose schema {@code entente} is migrated and which has a table {@code partner_request}).
   *
   * @param dataSource the host's pool
   * @param domain the partner's domain
   * @return the organization, committed with the host's row
   * @throws SQLException when the host's statement fails; nothing of either is kept
   */
  public static ConnectedOrganization onboard(DataSource dataSource, String domain)
      throws SQLException {
    // sample begins
    JdbcTransactions transactions = JdbcTransactions.create();
    PostgresOrganizationStore store =
        PostgresOrganizationStore.of(dataSource).joining(transactions);
    Entente entente = Entente.builder().store(store).build();

    ConnectedOrganization partner =
        transactions.inTransaction(
            dataSource,
            connection -> {
              try (PreparedStatement s =
                  connection.prepareStatement("INSERT INTO partner_request VALUES (?)")) {
                s.setString(1, domain); // the host's own statement
                s.executeUpdate();
              }
              return entente // on the same connection, in the same transaction
                  .organizations()
                  .create(
                      OrganizationDraft.named(domain)
                          .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
                          .build(),
                      Actor.administrator("admin@host.example"));
            });
    // sample ends
    return partner;
  }
}
