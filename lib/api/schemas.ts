// The bodies and query strings of the public API (docs/behaviour.md#public-api) that differ in shape from
// the lib/ commands' inputs ({ userId } for { agentId }, { text } for { body }). Each
// field is the command's own schema, so the rule is written once; the OpenAPI document
// (lib/api/openapi.ts) is generated from these and the commands' schemas.
import { z } from "zod";
import { statusSchema } from "@/lib/distribution/set-agent-status";
import { removeMemberSchema } from "@/lib/groups/schemas";
import { groupSettingsSchema } from "@/lib/groups/settings-fields";
import { agentId } from "@/lib/inbox/command-schemas";
import { roleSchema } from "@/lib/team/schemas";
import { prioritySchema } from "@/lib/service-levels/set-priority";
import { replyBodySchema } from "@/lib/whatsapp/send-reply";

export const replyBody = z.object({ text: replyBodySchema });
export const assignBody = z.object({ userId: agentId });
/** `null` returns the conversation to its group's queue. */
export const transferBody = z.object({ userId: agentId.nullable() });
/** PATCH /conversations/{id}: what may change of a conversation itself (docs/behaviour.md#service-levels). */
export const conversationPatchBody = z.strictObject({ priority: prioritySchema });
/** PATCH /users/{id}: a field it does not know (a misspelt "rol") is refused, naming it. */
export const userPatchBody = z.strictObject({ role: roleSchema });
export const statusBody = z.object({ status: statusSchema });
export const groupSettingsBody = groupSettingsSchema.omit({ groupId: true });
export const removeMemberQuery = removeMemberSchema.pick({ conversations: true });

export type ReplyBody = z.input<typeof replyBody>;
