-- Entente's schema, version 3: each organization row also carries its identity sources and its
-- sponsors, in order, as flat text arrays, written in the same statement as the rows of
-- identity_source and sponsor. A read by id is then one index lookup of one row; the two tables
-- stay what enforces key uniqueness (R-SRC-2) and what searches use.
--   source_parts:  per source, 7 elements: kind, tenant_id, cloud, domain_name, issuer_uri,
--                  provider, display_name (NULL where the kind has no such field)
--   sponsor_parts: per sponsor, 4 elements: side, directory_id, kind, display_name

ALTER TABLE ${schema}.organization
  ADD COLUMN source_parts  text[] NOT NULL DEFAULT '{}',
  ADD COLUMN sponsor_parts text[] NOT NULL DEFAULT '{}';

UPDATE ${schema}.organization o SET
  source_parts = ARRAY(
    SELECT u.x
    FROM ${schema}.identity_source s,
         unnest(ARRAY[s.kind, s.tenant_id::text, s.cloud, s.domain_name, s.issuer_uri, s.provider,
                      s.display_name]) WITH ORDINALITY u(x, n)
    WHERE s.organization_id = o.id
    ORDER BY s.position, u.n),
  sponsor_parts = ARRAY(
    SELECT u.x
    FROM ${schema}.sponsor p,
         unnest(ARRAY[p.side, p.directory_id, p.kind, p.display_name]) WITH ORDINALITY u(x, n)
    WHERE p.organization_id = o.id
    ORDER BY p.side, p.position, u.n);
