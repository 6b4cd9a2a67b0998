// The bodies of the endpoints that give every action of the interface its place in the API
// (SPEC §10 "Complete"): each is the command's own schema without the ids the path carries,
// made strict (an unknown field is 400 naming it, lib/api/schemas.ts). The route hands the
// command what it read; the command validates again and authorizes, as for the server action.
import { z } from "zod";
import { cannedReplyInput } from "@/lib/canned-replies/schemas";
import { MAX_CAP } from "@/lib/groups/rules";
import { channelActiveSchema, channelTokenSchema, channelWabaSchema, idSchema, moveChannelSchema, newChannelSchema } from "@/lib/groups/schemas";
import { strictEntryMenuSchema } from "@/lib/routing/entry-menu";
import { updateContactInput } from "@/lib/contacts/schemas";
import { markReadInput } from "@/lib/inbox/unread";
import { markMentionsInput, noteInput } from "@/lib/notes/schemas";
import { resetPasswordSchema } from "@/lib/team/schemas";
import { newTokenSchema } from "./tokens";
import { parseInput } from "@/lib/errors";
import { readBodyBytes, readJsonObject } from "@/lib/http/read-json";

/** POST /conversations/{id}/notes: the note's text (the reply's rules) and the users picked to be told. */
export const noteBody = z.strictObject({ text: noteInput.shape.body, mentions: noteInput.shape.mentions });
/** POST /conversations/{id}/read: read up to this message of the conversation. */
export const markReadBody = markReadInput.omit({ conversationId: true }).strict();
/** POST /me/mentions/read: those of one conversation, or all when absent. */
export const markMentionsBody = markMentionsInput.strict();
/** PATCH /conversations/{id}/contact: only the fields present change; "" or null clears one. */
export const contactPatchBody = updateContactInput.omit({ conversationId: true }).strict();

/** POST /canned-replies: global when groupId is absent or null. */
export const cannedReplyBody = cannedReplyInput.strict();
/** PUT /canned-replies/{id}: the whole reply; groupId must be said (null: global), so a PUT never moves one by leaving it out. */
export const cannedReplyReplaceBody = cannedReplyInput.extend({ groupId: idSchema.nullable() }).strict();

/** POST /users/{id}/reset-password: the new password the manager chose (the Team page's form). */
export const resetPasswordBody = resetPasswordSchema.pick({ password: true }).strict();

/** POST /me/tokens and /users/{id}/tokens: its name, and the caller's own password again. */
export const newTokenBody = newTokenSchema.omit({ userId: true }).strict();

/** POST /groups/{id}/channels: a number for the group; its access token may come later. */
export const newChannelBody = newChannelSchema.omit({ groupId: true }).strict();
/** PUT /channels/{id}/token: a new access token (stored encrypted, never sent back). */
export const channelTokenBody = channelTokenSchema.omit({ channelId: true }).strict();
/** PATCH /channels/{id}: move it to a group, its WhatsApp Business Account, its entry menu (null: off), on or off; at least one. */
export const channelPatchBody = z
  .strictObject({
    groupId: moveChannelSchema.shape.groupId.optional(),
    wabaId: channelWabaSchema.shape.wabaId.optional(),
    menu: strictEntryMenuSchema.nullable().optional(),
    active: channelActiveSchema.shape.active.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "error.invalidValue");
/** PATCH /groups/{id}/members/{userId}: the member's own cap (null: the group's); said, never implied. */
export const memberCapBody = z.strictObject({
  maxOpen: z.number({ error: "groups.invalid.cap" }).int("groups.invalid.cap").min(1, "groups.invalid.cap").max(MAX_CAP, "groups.invalid.cap").nullable(),
});

/**
 * A strict body that may also be left out (its fields are all optional): no body at all is
 * `{}`; a body that is there must be a JSON object the schema accepts (400 naming each field).
 */
export async function readOptionalStrictBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.input<S>> {
  const hasBody = request.headers.get("content-type") !== null || (await readBodyBytes(request)).byteLength > 0;
  const body = hasBody ? await readJsonObject(request) : {};
  parseInput(schema, body);
  return body as z.input<S>;
}
