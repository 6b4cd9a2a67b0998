-- The name an agent gives a contact is searched like the WhatsApp profile name: without
-- its trigram index, the search's OR over the contact's names fell back to a sequential
-- scan of every contact (200 ms at 200,000 contacts).
CREATE INDEX IF NOT EXISTS "contacts_display_name_trgm_idx" ON "contacts" USING gin (fila_fold("display_name") gin_trgm_ops);
