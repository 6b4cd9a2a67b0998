-- fila_message_tsv: its current definition, last applied by 0014_inbox_search.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_message_tsv(body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('pg_catalog.portuguese'::regconfig, public.fila_unaccent(coalesce(body, '')))
            || to_tsvector('pg_catalog.english'::regconfig, public.fila_unaccent(coalesce(body, ''))) $$;
