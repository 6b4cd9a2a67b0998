-- fila_search_query: its current definition, last applied by 0014_inbox_search.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_search_query(search text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT websearch_to_tsquery('pg_catalog.portuguese'::regconfig, public.fila_unaccent(search))
            || websearch_to_tsquery('pg_catalog.english'::regconfig, public.fila_unaccent(search)) $$;
