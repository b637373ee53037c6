-- Entente's change log, version 2: one record per committed change, written in the change's own
-- transaction (R-LOG-1), numbered by a one-row counter that each writing transaction bumps last.
-- The row lock on the counter is held until the transaction ends, so sequence numbers become
-- visible in commit order: a reader asking for "everything after the last sequence I saw" never
-- skips a change that committed late (R-LOG-2). The cost: writers serialise on that row between
-- their bump and their commit.

CREATE TABLE ${schema}.change_counter (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  value     bigint NOT NULL
);
INSERT INTO ${schema}.change_counter (singleton, value) VALUES (true, 0);

CREATE TABLE ${schema}.change_log (
  sequence        bigint PRIMARY KEY,
  organization_id text COLLATE "C" NOT NULL,
  version         bigint NOT NULL,       -- the version written; for a delete, the version deleted
  kind            text NOT NULL,
  actor           text NOT NULL,
  at              timestamptz NOT NULL,
  changed_fields  text[] NOT NULL,
  sponsor_id      text
);
