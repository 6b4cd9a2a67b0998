"use server";

// The contact side panel's edit (lib/contacts/contact-panel.ts validates, authorizes and audits).
import { getDb } from "@/db/client";
import type { UpdateContactInput } from "@/lib/contacts/schemas";
import { updateContactAnnounced } from "@/lib/realtime/announced-commands";
import { serverAction } from "./server-action";

export const updateContact = serverAction("updateContact", (input: UpdateContactInput, user) => updateContactAnnounced(getDb(), user, input));
