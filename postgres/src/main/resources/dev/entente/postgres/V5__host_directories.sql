-- Entente's schema, version 5: host directories (R-DIR-1, R-DIR-2, R-DIR-5). Every table gains the
-- column host_directory, which leads every primary key, unique constraint and foreign key: two
-- directories may each connect the same tenant (R-SRC-2 holds within a directory), and the schema
-- can be distributed by that column on a sharded PostgreSQL-compatible engine (Citus: see
-- docs/architecture.md). The one-row change counter becomes one row per directory, so writes in two
-- directories never wait on each other, and each directory numbers its changes from 1, gap-free.
--
-- A database written by a release without directories becomes the directory 'default', every row
-- and sequence kept (R-DIR-4). Adding a column with a constant default rewrites nothing; rebuilding
-- the keys reads each table once, under the migration's lock: stop the instances of the previous
-- release first (their statements name no directory, and fail on this schema rather than write).

ALTER TABLE ${schema}.identity_source DROP CONSTRAINT identity_source_organization_id_fkey;
ALTER TABLE ${schema}.sponsor DROP CONSTRAINT sponsor_organization_id_fkey;

ALTER TABLE ${schema}.organization ADD COLUMN host_directory text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE ${schema}.identity_source ADD COLUMN host_directory text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE ${schema}.sponsor ADD COLUMN host_directory text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE ${schema}.change_log ADD COLUMN host_directory text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE ${schema}.sync_ledger ADD COLUMN host_directory text COLLATE "C" NOT NULL DEFAULT 'default';

ALTER TABLE ${schema}.organization
  DROP CONSTRAINT organization_pkey,
  ADD CONSTRAINT organization_pkey PRIMARY KEY (host_directory, id);

ALTER TABLE ${schema}.identity_source
  DROP CONSTRAINT identity_source_key_unique,
  DROP CONSTRAINT identity_source_position_unique,
  ADD CONSTRAINT identity_source_key_unique UNIQUE (host_directory, source_key),
  ADD CONSTRAINT identity_source_position_unique UNIQUE (host_directory, organization_id, position),
  ADD CONSTRAINT identity_source_organization FOREIGN KEY (host_directory, organization_id)
    REFERENCES ${schema}.organization (host_directory, id) ON DELETE CASCADE;

ALTER TABLE ${schema}.sponsor
  DROP CONSTRAINT sponsor_pkey,
  ADD CONSTRAINT sponsor_pkey PRIMARY KEY (host_directory, organization_id, side, position),
  ADD CONSTRAINT sponsor_organization FOREIGN KEY (host_directory, organization_id)
    REFERENCES ${schema}.organization (host_directory, id) ON DELETE CASCADE;

DROP INDEX ${schema}.identity_source_tenant;
DROP INDEX ${schema}.identity_source_domain;
DROP INDEX ${schema}.identity_source_issuer;
DROP INDEX ${schema}.organization_name;
CREATE INDEX identity_source_tenant ON ${schema}.identity_source (host_directory, tenant_id) WHERE tenant_id IS NOT NULL;
CREATE INDEX identity_source_domain ON ${schema}.identity_source (host_directory, domain_name) WHERE domain_name IS NOT NULL;
CREATE INDEX identity_source_issuer ON ${schema}.identity_source (host_directory, issuer_uri) WHERE issuer_uri IS NOT NULL;
CREATE INDEX organization_name ON ${schema}.organization (host_directory, display_name_lower text_pattern_ops);

ALTER TABLE ${schema}.change_log
  DROP CONSTRAINT change_log_pkey,
  ADD CONSTRAINT change_log_pkey PRIMARY KEY (host_directory, sequence);

ALTER TABLE ${schema}.sync_ledger
  DROP CONSTRAINT sync_ledger_pkey,
  ADD CONSTRAINT sync_ledger_pkey PRIMARY KEY (host_directory, name);

-- One counter a directory: a row exists once the directory has been written to, and the rows are
-- the list of directories. The default directory keeps its sequence.
CREATE TABLE ${schema}.directory_counter (
  host_directory text COLLATE "C" PRIMARY KEY,
  value          bigint NOT NULL CHECK (value >= 1)
);
INSERT INTO ${schema}.directory_counter (host_directory, value)
  SELECT 'default', value FROM ${schema}.change_counter WHERE value > 0;
DROP TABLE ${schema}.change_counter;

ALTER TABLE ${schema}.organization ALTER COLUMN host_directory DROP DEFAULT;
ALTER TABLE ${schema}.identity_source ALTER COLUMN host_directory DROP DEFAULT;
ALTER TABLE ${schema}.sponsor ALTER COLUMN host_directory DROP DEFAULT;
ALTER TABLE ${schema}.change_log ALTER COLUMN host_directory DROP DEFAULT;
ALTER TABLE ${schema}.sync_ledger ALTER COLUMN host_directory DROP DEFAULT;
