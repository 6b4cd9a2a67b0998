-- Inbox search (SPEC §4 "Long lists"): message text by full-text search, accent-blind, with
-- Portuguese and English stemming; names, usernames and numbers by substring. Hand-written:
-- extensions, IMMUTABLE wrappers (unaccent() itself is only STABLE, so it cannot sit in an
-- index expression) and the expression indexes that the queries in lib/inbox/ match exactly.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;--> statement-breakpoint
-- "Fábio" and "FABIO" fold to the same text.
CREATE OR REPLACE FUNCTION fila_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.fila_unaccent(value)) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_message_tsv(body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('pg_catalog.portuguese'::regconfig, public.fila_unaccent(coalesce(body, '')))
            || to_tsvector('pg_catalog.english'::regconfig, public.fila_unaccent(coalesce(body, ''))) $$;--> statement-breakpoint
-- What a person types ("boletos vencidos", "cartão -crédito"), in both languages.
CREATE OR REPLACE FUNCTION fila_search_query(search text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT websearch_to_tsquery('pg_catalog.portuguese'::regconfig, public.fila_unaccent(search))
            || websearch_to_tsquery('pg_catalog.english'::regconfig, public.fila_unaccent(search)) $$;--> statement-breakpoint
CREATE INDEX "messages_text_search_idx" ON "messages" USING gin (fila_message_tsv("body")) WHERE "body" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin (fila_fold("profile_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_username_trgm_idx" ON "contacts" USING gin (fila_fold("username") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_wa_id_trgm_idx" ON "contacts" USING gin ("wa_id" gin_trgm_ops);
--> statement-breakpoint
-- ts_headline parses the original text: this configuration folds accents as it does, so
-- that "cartao" highlights "cartão" in a snippet.
CREATE TEXT SEARCH CONFIGURATION fila_portuguese (COPY = pg_catalog.portuguese);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION fila_portuguese ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.portuguese_stem;
