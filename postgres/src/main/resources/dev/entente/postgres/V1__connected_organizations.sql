-- Entente's connected organizations, version 1.
-- ${schema} is replaced by the (validated, quoted) schema name, as Flyway's and Liquibase's
-- placeholders would be. Ids and keys compare in the "C" collation: code-point order, whatever the
-- database's default collation.

CREATE TABLE ${schema}.organization (
  id                 text COLLATE "C" PRIMARY KEY,
  version            bigint NOT NULL CHECK (version >= 1),
  display_name       text NOT NULL,
  display_name_lower text NOT NULL,          -- Java's lower case (Locale.ROOT), for search
  description        text,
  state              text NOT NULL CHECK (state IN ('CONFIGURED', 'PROPOSED')),
  created_at         timestamptz NOT NULL,
  created_by         text NOT NULL,
  modified_at        timestamptz NOT NULL,
  modified_by        text NOT NULL
);

-- One row per identity source. The key column ALONE is unique: that index is what keeps one tenant,
-- domain or provider with one organization across every instance of every host (R-SRC-2).
CREATE TABLE ${schema}.identity_source (
  source_key      text COLLATE "C" NOT NULL,
  organization_id text COLLATE "C" NOT NULL REFERENCES ${schema}.organization (id) ON DELETE CASCADE,
  position        integer NOT NULL,
  kind            text NOT NULL,
  tenant_id       uuid,
  cloud           text,
  domain_name     text COLLATE "C",
  issuer_uri      text COLLATE "C",
  provider        text,
  display_name    text NOT NULL,
  CONSTRAINT identity_source_key_unique UNIQUE (source_key),
  CONSTRAINT identity_source_position_unique UNIQUE (organization_id, position)
);

CREATE INDEX identity_source_tenant ON ${schema}.identity_source (tenant_id) WHERE tenant_id IS NOT NULL;
CREATE INDEX identity_source_domain ON ${schema}.identity_source (domain_name) WHERE domain_name IS NOT NULL;
CREATE INDEX identity_source_issuer ON ${schema}.identity_source (issuer_uri) WHERE issuer_uri IS NOT NULL;

-- Sponsors, by directory object id, internal and external in their order.
CREATE TABLE ${schema}.sponsor (
  organization_id text COLLATE "C" NOT NULL REFERENCES ${schema}.organization (id) ON DELETE CASCADE,
  side            text NOT NULL CHECK (side IN ('INTERNAL', 'EXTERNAL')),
  position        integer NOT NULL,
  directory_id    text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('USER', 'GROUP')),
  display_name    text,
  PRIMARY KEY (organization_id, side, position)
);

CREATE INDEX organization_name ON ${schema}.organization (display_name_lower text_pattern_ops);
