// The bodies and query strings of the public API (docs/behaviour.md#public-api) that differ in shape from
// the lib/ commands' inputs ({ userId } for { agentId }, { text } for { body }). Each
// field is the command's own schema, so the rule is written once; the OpenAPI document
// (lib/api/openapi.ts) is generated from these and the commands' schemas.
// Every body is strict (SPEC §10 "Strict"): a field the operation does not know is refused
// with 400 naming it, never ignored — `{ "text", "private": true }` must not send a note
// to the customer. The server actions keep the commands' own schemas.
import { z } from "zod";
import { userRole, userStatus } from "@/db/schema";
import { parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { statusSchema } from "@/lib/distribution/set-agent-status";
import { createGroupSchema, removeMemberSchema } from "@/lib/groups/schemas";
import { groupSettingsSchema } from "@/lib/groups/settings-fields";
import { agentId, groupId } from "@/lib/inbox/command-schemas";
import { roleSchema, userActiveSchema } from "@/lib/team/schemas";
import { prioritySchema } from "@/lib/service-levels/set-priority";
import { newUserSchema } from "@/lib/team/schemas";
import { newWebhookSchema } from "@/lib/webhooks/schemas";
import { replyBodySchema } from "@/lib/whatsapp/send-reply";
import { templateSendSchema } from "@/lib/whatsapp/templates";

/** A row id where the query string names one, as parseId takes it: 1 to 2147483647 in decimal digits. */
export const idInQuery = (description: string) =>
  z
    .string()
    .regex(/^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/, "error.invalidValue")
    .describe(description);

export const replyBody = z.strictObject({ text: replyBodySchema });
export const assignBody = z.strictObject({ userId: agentId });
/** `null` returns the conversation to its group's queue; `groupId`, another group's member or queue; `note`, a private note. */
export const transferBody = z.strictObject({ userId: agentId.nullable(), groupId: groupId.optional(), note: replyBodySchema.optional() });
/** PATCH /conversations/{id}: what may change of a conversation itself (docs/behaviour.md#service-levels). */
export const conversationPatchBody = z.strictObject({ priority: prioritySchema });
export const statusBody = z.strictObject({ status: statusSchema });
export const groupSettingsBody = groupSettingsSchema.omit({ groupId: true }).strict();
export const templateBody = templateSendSchema.omit({ conversationId: true }).strict();
export const newUserBody = newUserSchema.strict();
export const newWebhookBody = newWebhookSchema.strict();
export const newGroupBody = createGroupSchema.strict();
/**
 * PATCH /users/{id}: the role, active (deactivate or reactivate), or both (the role first);
 * a field it does not know (a misspelt "rol") is refused, naming it; at least one is needed.
 */
export const userPatchBody = z
  .strictObject({ role: roleSchema.optional(), active: userActiveSchema.shape.active.optional() })
  .refine((body) => body.role !== undefined || body.active !== undefined, "error.invalidValue");
export const removeMemberQuery = removeMemberSchema.pick({ conversations: true });

export type ReplyBody = z.input<typeof replyBody>;

/** GET /me: who you are (the signed-in user or the token's). */
export const meAnswer = z
  .object({
    id: z.int().min(1),
    name: z.string(),
    email: z.string(),
    role: z.enum(userRole.enumValues),
    status: z.enum(userStatus.enumValues),
  })
  .meta({ id: "Me" });

/**
 * The JSON object of a request whose body `schema` (strict) accepts, else 400 naming each
 * bad or unknown field. The object is returned as sent: the command validates it again
 * with its own schema (and authorizes) as it does for the app's server actions.
 */
export async function readStrictBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.input<S>> {
  const body = await readJsonObject(request);
  parseInput(schema, body);
  return body as z.input<S>;
}

/** PUT /me/status: your status as it now is. */
export const statusAnswer = z.object({ status: z.enum(userStatus.enumValues) });

/** POST /conversations/{id}/templates and /media (201): the stored message, sent on WhatsApp. */
export const sentAnswer = z.object({ ok: z.literal(true), messageId: z.int().min(1) }).meta({ id: "MessageSent" });

/** GET /openapi.json: an OpenAPI 3.1 document (this one). */
export const documentAnswer = z.looseObject({
  openapi: z.string().regex(/^3\.1\./),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.unknown()),
});
