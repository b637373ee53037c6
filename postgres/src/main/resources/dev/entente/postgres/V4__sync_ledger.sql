-- Entente's sync ledger, version 4: where an unattended sync (R-ENT-5) stands and which instance
-- runs it. One row per sync: a lease (holder, epoch, until: of several instances one holds it at a
-- time; the epoch grows each time it changes hands), and a cursor saved in the transaction of the
-- writes it lets through, only while the lease that read them is still the current one.

CREATE TABLE ${schema}.sync_ledger (
  name            text COLLATE "C" PRIMARY KEY,
  holder          text,
  epoch           bigint NOT NULL DEFAULT 0,
  lease_until     timestamptz,
  audit_read_at   timestamptz,
  reconciled_at   timestamptz,
  applied_entries text[] NOT NULL DEFAULT '{}'
);
