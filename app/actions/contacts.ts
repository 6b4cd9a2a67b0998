"use server";

// The contact side panel's edit (lib/contacts/contact-panel.ts validates, authorizes and audits).
import { getDb } from "@/db/client";
import { updateContactAs } from "@/lib/contacts/contact-panel";
import type { UpdateContactInput } from "@/lib/contacts/schemas";
import { publish } from "@/lib/realtime/publish";
import { serverAction } from "./server-action";

export const updateContact = serverAction("updateContact", async (input: UpdateContactInput, user) => {
  const { contact, contactId, groupIds } = await updateContactAs(getDb(), user, input);
  publish({ type: "contact.changed", contactId, groupIds });
  return { contact };
});
