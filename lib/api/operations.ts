// Every operation under /api/v1, described by the zod schemas that validate its input:
// the OpenAPI document (openapi.ts) is generated from this list, and a test checks it
// against the route files, so a route cannot exist undocumented (nor the reverse).
import { z } from "zod";
import { boardAnswer } from "@/lib/board/answer-schema";
import { cannedRepliesAnswer, cannedReplyChoicesAnswer } from "@/lib/canned-replies/canned-replies";
import { contactHistoryAnswer } from "@/lib/contacts/contact-history";
import { contactPanelAnswer } from "@/lib/contacts/contact-panel";
import { historyQuery } from "@/lib/contacts/schemas";
import { activityAnswer, conversationDetailAnswer, groupMembersAnswer, inboxListAnswer, replyAnswer, threadAnswer, transferTargetsAnswer, unreadAnswer } from "@/lib/inbox/answer-schemas";
import { listQuery } from "@/lib/inbox/list-query";
import { groupCreatedAnswer, groupDetailsAnswer, groupHistoryAnswer, groupListAnswer, groupSettingsChangeAnswer, memberAddedAnswer, memberRemovedAnswer } from "@/lib/groups/answer-schemas";
import { hitRateAnswer } from "@/lib/service-levels/hit-rate";
import { teamAnswer } from "@/lib/team/list-team";
import { passwordResetAnswer, userActedOnAnswer, userCreatedAnswer, userPatchAnswer } from "@/lib/team/schemas";
import { webhookDeletedAnswer, webhookTestAnswer } from "@/lib/webhooks/answer-schemas";
import { deliveryPageAnswer, deliveryReplayedAnswer } from "@/lib/webhooks/delivery-log";
import { webhookCreatedAnswer, webhookListAnswer } from "@/lib/webhooks/endpoints";
import { secretRotatedAnswer } from "@/lib/webhooks/rotate-secret";
import { deliveriesQuery, editWebhookBody } from "@/lib/webhooks/schemas";
import { captionSchema } from "@/lib/media/send-media";
import { mentionCandidatesAnswer, mentionsAnswer } from "@/lib/notes/mentions";
import { mentionsQuery } from "@/lib/notes/schemas";
import { csvParamsSchema, reportParamsSchema } from "@/lib/reports/params";
import { summaryParamsSchema } from "@/lib/reports/compare";
import { reportHeadlineAnswer, reportSummaryAnswer } from "@/lib/reports/answer-schema";
import { templateListAnswer } from "@/lib/whatsapp/template-text";
import { whatIfSchema } from "@/lib/what-if/run-what-if";
import { mentionsReadAnswer, noteAnswer } from "@/lib/notes/answer-schemas";
import { cannedReplyAnswer, cannedReplyDeletedAnswer } from "@/lib/canned-replies/canned-replies";
import { channelAnswer, channelChangeAnswer, memberCapAnswer } from "@/lib/groups/channel-answer";
import {
  cannedReplyBody,
  cannedReplyReplaceBody,
  channelPatchBody,
  channelTokenBody,
  contactPatchBody,
  markMentionsBody,
  markReadBody,
  memberCapBody,
  newChannelBody,
  newTokenBody,
  noteBody,
  resetPasswordBody,
} from "./action-bodies";
import { tokenCreatedAnswer, tokenListAnswer, tokenRevokedAnswer } from "./tokens";
import { assignBody, conversationPatchBody, documentAnswer, groupSettingsBody, idInQuery, newGroupBody, newUserBody, newWebhookBody, meAnswer, removeMemberQuery, replyBody, sentAnswer, statusAnswer, statusBody, templateBody, transferBody, userPatchBody } from "./schemas";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** "get /conversations/{id}": an operation by its method and path. */
export type OperationKey = `${HttpMethod} /${string}`;

/**
 * The errors an operation may give beyond those its declaration implies (lib/api/error-statuses.ts
 * derives 400, 401, 403, 404, 413, 422 and 429 from access, path, query, body and
 * idempotency): 409 for a conflict with the state, 502 when WhatsApp refuses, 403 where a
 * query may ask for more than the caller may see.
 */
export type ExtraError = 403 | 409 | 502;

/** A link of OpenAPI: an operation the answer leads to, and where its parameters come from. */
export type OperationLink = { operation: OperationKey; parameters: Record<string, string>; description: string };

export type Operation = {
  method: HttpMethod;
  /** OpenAPI style: /conversations/{id}. */
  path: string;
  summary: string;
  tag: string;
  access: "public" | "signed-in" | "manager";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is a file in its own Content-Type (not JSON). */
  upload?: true;
  /** POSTs that create honour Idempotency-Key. */
  idempotent?: boolean;
  /** A creation: answers 201 (the route is marked `created` too; lib/api/openapi.test.ts holds them equal). */
  created?: boolean;
  /** The answer when it is not JSON. */
  produces?: string;
  /** The answer's zod schema (declared once beside its command; the contract test validates real answers against the document made from it). */
  answer?: z.ZodType;
  /** An answer written as JSON Schema, by its name under components.schemas (the what-if's). */
  answerRef?: string;
  errors?: ExtraError[];
  links?: Record<string, OperationLink>;
};

const conversations = "Conversations";
const me = "Me";
const groups = "Groups";
const users = "Users";
const reports = "Reports";
const webhooks = "Webhooks";
const manager = "Manager screens";

// Links: where an answer leads (OpenAPI runtime expressions).
const conversationLink = (id: string): OperationLink => ({ operation: "get /conversations/{id}", parameters: { id }, description: "The conversation as it now is" });
const toConversation = (id: string): Record<string, OperationLink> => ({
  conversation: conversationLink(id),
  thread: { operation: "get /conversations/{id}/messages", parameters: { id }, description: "Its messages" },
});
const conversationActions = (id: string): Record<string, OperationLink> => ({
  ...toConversation(id),
  take: { operation: "post /conversations/{id}/take", parameters: { id }, description: "Take it (while queued)" },
  reply: { operation: "post /conversations/{id}/messages", parameters: { id }, description: "Reply" },
  transfer: { operation: "post /conversations/{id}/transfer", parameters: { id }, description: "Transfer it" },
  close: { operation: "post /conversations/{id}/close", parameters: { id }, description: "Close it" },
});
const inThisConversation = toConversation("$request.path.id");
const toGroup = (id: string): Record<string, OperationLink> => ({
  group: { operation: "get /groups/{id}", parameters: { id }, description: "The group's settings, members and channels" },
  changeSettings: { operation: "patch /groups/{id}", parameters: { id }, description: "Change its settings" },
});
const toWebhook = (id: string): Record<string, OperationLink> => ({
  deliveries: { operation: "get /webhooks/{id}/deliveries", parameters: { id }, description: "Its deliveries" },
  test: { operation: "post /webhooks/{id}/test", parameters: { id }, description: "Send it a test event" },
  delete: { operation: "delete /webhooks/{id}", parameters: { id }, description: "Delete it" },
});
const toUser = (id: string): Record<string, OperationLink> => ({
  changeRole: { operation: "patch /users/{id}", parameters: { id }, description: "Change the user's role" },
});
/** The conversations that change state: the take, assign, transfer, close, reopen, priority. */
const CONFLICT: ExtraError[] = [409];
/** Sent on WhatsApp: refused (409 outside the window, …) or failed there (502). */
const SENT: ExtraError[] = [409, 502];

export const operations: Operation[] = [
  { method: "get", path: "/openapi.json", summary: "This document", tag: "Meta", access: "public", answer: documentAnswer },
  { method: "get", path: "/conversations", summary: "One page of an inbox tab (mine, queue, all), with filters and the tab counts", tag: conversations, access: "signed-in", query: listQuery, answer: inboxListAnswer, errors: [403], links: { first: conversationLink("$response.body#/items/0/id") } },
  { method: "get", path: "/conversations/{id}", summary: "A conversation: contact, group, assignee, status, timestamps, what you may do", tag: conversations, access: "signed-in", answer: conversationDetailAnswer, links: conversationActions("$response.body#/id") },
  { method: "patch", path: "/conversations/{id}", summary: "Set the priority (urgent, high, normal, low): the assignee, a member of the group while queued, or a manager", tag: conversations, access: "signed-in", body: conversationPatchBody, answer: conversationDetailAnswer, errors: CONFLICT, links: toConversation("$response.body#/id") },
  { method: "get", path: "/conversations/{id}/messages", summary: "The thread, oldest first (?before=<message id> pages back)", tag: conversations, access: "signed-in", query: z.object({ before: idInQuery("A message id: the page of older messages before it").optional() }), answer: threadAnswer },
  { method: "post", path: "/conversations/{id}/messages", summary: "Reply (the assignee or a manager), sent on WhatsApp", tag: conversations, access: "signed-in", body: replyBody, idempotent: true, created: true, answer: replyAnswer, errors: SENT, links: inThisConversation },
  { method: "get", path: "/conversations/{id}/activity", summary: "Assignment events (and, for managers, the latest automatic decision)", tag: conversations, access: "signed-in", answer: activityAnswer },
  { method: "get", path: "/conversations/{id}/members", summary: "Members of the conversation's group with status and load", tag: conversations, access: "signed-in", answer: groupMembersAnswer },
  { method: "get", path: "/conversations/{id}/transfer-targets", summary: "The other groups it may be transferred to, with their members' status and load (the assignee or a manager)", tag: conversations, access: "signed-in", answer: transferTargetsAnswer },
  { method: "post", path: "/conversations/{id}/take", summary: "Take a queued conversation (assign it to yourself)", tag: conversations, access: "signed-in", answer: conversationDetailAnswer, errors: CONFLICT, links: toConversation("$response.body#/id") },
  { method: "post", path: "/conversations/{id}/assign", summary: "Assign to a member of the group (managers)", tag: conversations, access: "manager", body: assignBody, answer: conversationDetailAnswer, errors: CONFLICT, links: toConversation("$response.body#/id") },
  { method: "post", path: "/conversations/{id}/transfer", summary: "Transfer to a member of the group, or back to the queue with userId null; with groupId, to another group's member or queue; note: a private note in the thread", tag: conversations, access: "signed-in", body: transferBody, answer: conversationDetailAnswer, errors: CONFLICT, links: toConversation("$response.body#/id") },
  { method: "post", path: "/conversations/{id}/close", summary: "Close (the assignee or a manager)", tag: conversations, access: "signed-in", answer: conversationDetailAnswer, errors: CONFLICT, links: { ...toConversation("$response.body#/id"), reopen: { operation: "post /conversations/{id}/reopen", parameters: { id: "$response.body#/id" }, description: "Reopen it" } } },
  { method: "post", path: "/conversations/{id}/reopen", summary: "Reopen a closed conversation: it becomes yours (a member of its group, or a manager); 409 already_open while the contact has a newer open one", tag: conversations, access: "signed-in", answer: conversationDetailAnswer, errors: CONFLICT, links: toConversation("$response.body#/id") },
  {
    method: "post",
    path: "/conversations/{id}/media",
    summary: "Send a photo, document or audio file: the file is the body (its Content-Type), named in X-Fila-Filename; ?caption=",
    tag: conversations,
    access: "signed-in",
    query: z.object({ caption: captionSchema }),
    upload: true,
    created: true,
    answer: sentAnswer,
    errors: SENT,
    links: inThisConversation,
  },
  { method: "get", path: "/conversations/{id}/templates", summary: "The approved message templates of the conversation's number (?refresh=1 asks Meta again)", tag: conversations, access: "signed-in", query: z.object({ refresh: z.enum(["1"]).optional() }), answer: templateListAnswer, errors: SENT },
  { method: "post", path: "/conversations/{id}/templates", summary: "Send a template with its body parameters (allowed after the 24-hour window)", tag: conversations, access: "signed-in", body: templateBody, created: true, answer: sentAnswer, errors: SENT, links: inThisConversation },
  { method: "get", path: "/conversations/{id}/contact", summary: "The contact of the conversation: names, number, first contact, conversation count, note", tag: conversations, access: "signed-in", answer: contactPanelAnswer },
  { method: "get", path: "/conversations/{id}/history", summary: "The contact's earlier conversations, newest first, with who handled each (?before= pages)", tag: conversations, access: "signed-in", query: historyQuery, answer: contactHistoryAnswer, links: { first: { operation: "get /conversations/{id}/history/{earlierId}", parameters: { id: "$request.path.id", earlierId: "$response.body#/items/0/id" }, description: "The thread of the first of them" } } },
  { method: "get", path: "/conversations/{id}/history/{earlierId}", summary: "The thread of one of the contact's earlier conversations that the caller may see (404 for any other id)", tag: conversations, access: "signed-in", answer: threadAnswer },
  { method: "get", path: "/conversations/{id}/canned-replies", summary: "The canned replies usable here, filled with the contact's and your name", tag: conversations, access: "signed-in", answer: cannedReplyChoicesAnswer },
  { method: "get", path: "/conversations/{id}/mention-candidates", summary: "Who may be @mentioned in a note, and whether they may see the conversation", tag: conversations, access: "signed-in", answer: mentionCandidatesAnswer },
  { method: "get", path: "/canned-replies", summary: "The canned replies you may use (global and of your groups)", tag: conversations, access: "signed-in", answer: cannedRepliesAnswer },
  { method: "get", path: "/media/{id}", summary: "A message's file (photo, voice note, video, document); Range requests; ?download=1 to save it", tag: conversations, access: "signed-in", produces: "application/octet-stream", answer: z.string().meta({ format: "binary" }).describe("The file's bytes, in its own Content-Type") },
  { method: "get", path: "/me", summary: "Who you are", tag: me, access: "signed-in", answer: meAnswer },
  { method: "get", path: "/me/unread", summary: "Your unread customer messages, per inbox tab", tag: me, access: "signed-in", answer: unreadAnswer },
  { method: "get", path: "/me/mentions", summary: "Notes that mention you, newest first (?before= pages)", tag: me, access: "signed-in", query: mentionsQuery, answer: mentionsAnswer, links: { conversation: conversationLink("$response.body#/items/0/conversationId") } },
  { method: "put", path: "/me/status", summary: "Set your status (online, paused, offline)", tag: me, access: "signed-in", body: statusBody, answer: statusAnswer },
  { method: "get", path: "/groups", summary: "Channel groups with their strategy and counts", tag: groups, access: "manager", answer: groupListAnswer, links: toGroup("$response.body#/0/id") },
  { method: "get", path: "/groups/{id}", summary: "A group's settings, members and channels", tag: groups, access: "manager", answer: groupDetailsAnswer, links: { changeSettings: toGroup("$response.body#/group/id").changeSettings! } },
  { method: "patch", path: "/groups/{id}", summary: "Change a group's settings (only those present change)", tag: groups, access: "manager", body: groupSettingsBody, answer: groupSettingsChangeAnswer, errors: CONFLICT, links: { group: toGroup("$response.body#/group/id").group! } },
  { method: "post", path: "/groups/{id}/what-if", summary: "Replay the group's past traffic under proposed settings, unsaved, beside those in force (nothing changes)", tag: groups, access: "manager", body: whatIfSchema, answerRef: "WhatIfAnswer", links: { apply: toGroup("$request.path.id").changeSettings! } },
  { method: "put", path: "/groups/{id}/members/{userId}", summary: "Add a member", tag: groups, access: "manager", answer: memberAddedAnswer, errors: CONFLICT, links: { group: toGroup("$request.path.id").group! } },
  { method: "delete", path: "/groups/{id}/members/{userId}", summary: "Remove a member (their open conversations of the group are requeued unless conversations=keep)", tag: groups, access: "manager", query: removeMemberQuery, answer: memberRemovedAnswer, links: { group: toGroup("$request.path.id").group! } },
  { method: "get", path: "/users", summary: "The team", tag: users, access: "manager", answer: teamAnswer, links: toUser("$response.body#/0/id") },
  { method: "post", path: "/users", summary: "Create a user", tag: users, access: "manager", body: newUserBody, idempotent: true, created: true, answer: userCreatedAnswer, links: toUser("$response.body#/user/id") },
  { method: "patch", path: "/users/{id}", summary: "Change a user's role (agent or manager) and/or deactivate or reactivate them (active); a new role or deactivation ends their sessions and API tokens, deactivation requeues their open conversations. The last active manager can be neither", tag: users, access: "manager", body: userPatchBody, answer: userPatchAnswer, errors: CONFLICT },
  // Webhooks (docs/behaviour.md#outgoing-webhooks): one block, from lib/webhooks/.
  { method: "get", path: "/webhooks", summary: "Webhook endpoints", tag: webhooks, access: "manager", answer: webhookListAnswer, links: toWebhook("$response.body#/0/id") },
  { method: "post", path: "/webhooks", summary: "Register a webhook endpoint", tag: webhooks, access: "manager", body: newWebhookBody, idempotent: true, created: true, answer: webhookCreatedAnswer, links: toWebhook("$response.body#/endpoint/id") },
  { method: "patch", path: "/webhooks/{id}", summary: "Edit a webhook endpoint (url, events) or pause it (paused: nothing new is queued for it, its pending deliveries wait; resuming sends them); only the fields present change; the same URL twice is 409", tag: webhooks, access: "manager", body: editWebhookBody, answer: webhookCreatedAnswer, errors: CONFLICT, links: { deliveries: toWebhook("$request.path.id").deliveries! } },
  { method: "delete", path: "/webhooks/{id}", summary: "Delete a webhook endpoint", tag: webhooks, access: "manager", answer: webhookDeletedAnswer },
  { method: "post", path: "/webhooks/{id}/rotate-secret", summary: "A new secret, answered this once (200); for 24 hours deliveries carry a signature with each secret, comma-separated", tag: webhooks, access: "manager", answer: secretRotatedAnswer, links: { test: toWebhook("$request.path.id").test! } },
  { method: "get", path: "/webhooks/{id}/deliveries", summary: "The endpoint's delivery log, newest first, with each outcome (?cursor= the previous page's nextCursor, ?limit= 1–100)", tag: webhooks, access: "manager", query: deliveriesQuery, answer: deliveryPageAnswer },
  { method: "post", path: "/webhooks/{id}/deliveries/{deliveryId}/replay", summary: "Send a delivery's event again (deliveryId: its X-Fila-Delivery): a new delivery with its own X-Fila-Delivery and the same body", tag: webhooks, access: "manager", created: true, answer: deliveryReplayedAnswer, links: { deliveries: toWebhook("$request.path.id").deliveries! } },
  { method: "post", path: "/webhooks/{id}/test", summary: "Send a test event (webhook.test)", tag: webhooks, access: "manager", answer: webhookTestAnswer, links: { deliveries: toWebhook("$request.path.id").deliveries! } },
  { method: "get", path: "/reports/summary", summary: "Report figures of a period", tag: reports, access: "manager", query: summaryParamsSchema, answer: reportSummaryAnswer },
  { method: "get", path: "/reports/headline", summary: "Live counts and the headline figures of a period and the compared one (the summary's first figures)", tag: reports, access: "manager", query: summaryParamsSchema, answer: reportHeadlineAnswer },
  { method: "get", path: "/reports/service-levels", summary: "How often the first-response and resolution targets were met, per group", tag: reports, access: "manager", query: reportParamsSchema, answer: hitRateAnswer },
  { method: "get", path: "/reports/conversations.csv", summary: "One CSV row per conversation created in the period", tag: reports, access: "manager", query: csvParamsSchema, produces: "text/csv", answer: z.string().describe("CSV, a header row then one row per conversation") },
  { method: "get", path: "/manager/board", summary: "The live board (optionally ?groupId=)", tag: manager, access: "manager", query: z.object({ groupId: idInQuery("One group's board").optional() }), answer: boardAnswer },
  { method: "get", path: "/manager/team", summary: "The team screen's list", tag: manager, access: "manager", answer: teamAnswer },
  { method: "get", path: "/manager/groups", summary: "The channel groups screen's list", tag: manager, access: "manager", answer: groupListAnswer },
  { method: "post", path: "/manager/groups", summary: "Create a group", tag: manager, access: "manager", body: newGroupBody, created: true, answer: groupCreatedAnswer, errors: CONFLICT, links: toGroup("$response.body#/group/id") },
  { method: "get", path: "/manager/groups/{groupId}", summary: "A group's settings screen", tag: manager, access: "manager", answer: groupDetailsAnswer },
  { method: "get", path: "/manager/groups/{groupId}/history", summary: "A group's change history", tag: manager, access: "manager", answer: groupHistoryAnswer },
  ...interfaceActions(),
];

/**
 * Every action of the interface that had no endpoint (SPEC §10 "Complete"), each over the
 * command its server action calls: bodies in ./action-bodies.ts, answers beside the commands.
 */
function interfaceActions(): Operation[] {
  const done = z.object({}).describe("Done");
  return [
    { method: "post", path: "/conversations/{id}/notes", summary: "Write a private note (whoever may see the conversation): never sent to WhatsApp; each user in mentions whose @Name is in the text and who may see the conversation is told", tag: conversations, access: "signed-in", body: noteBody, created: true, answer: noteAnswer },
    { method: "post", path: "/conversations/{id}/read", summary: "Mark the conversation read up to a message of it (your unread count drops on every tab)", tag: conversations, access: "signed-in", body: markReadBody, answer: done },
    { method: "patch", path: "/conversations/{id}/contact", summary: "Edit the contact's display name and note (only the fields present change; \"\" or null clears one)", tag: conversations, access: "signed-in", body: contactPatchBody, answer: contactPanelAnswer },
    { method: "post", path: "/canned-replies", summary: "Create a canned reply (managers): global when groupId is absent or null, else for that group", tag: conversations, access: "manager", body: cannedReplyBody, created: true, answer: cannedReplyAnswer },
    { method: "put", path: "/canned-replies/{id}", summary: "Replace a canned reply (managers): groupId (null: global), shortcut and body", tag: conversations, access: "manager", body: cannedReplyReplaceBody, answer: cannedReplyAnswer },
    { method: "delete", path: "/canned-replies/{id}", summary: "Delete a canned reply (managers)", tag: conversations, access: "manager", answer: cannedReplyDeletedAnswer },
    { method: "post", path: "/users/{id}/reset-password", summary: "Set a new password the manager chose (never answered back); the user's sessions and API tokens end", tag: users, access: "manager", body: resetPasswordBody, answer: passwordResetAnswer },
    { method: "post", path: "/users/{id}/unlock", summary: "Lift the sign-in lock that failed attempts put on the account", tag: users, access: "manager", answer: userActedOnAnswer },
    { method: "post", path: "/users/{id}/sign-out", summary: "Sign the user out everywhere: every session and API token of theirs ends", tag: users, access: "manager", answer: userActedOnAnswer },
    { method: "post", path: "/me/sign-out", summary: "Sign out everywhere: every session and API token of yours ends, this request's included", tag: me, access: "signed-in", answer: done },
    { method: "get", path: "/me/tokens", summary: "Your API tokens (never the tokens themselves), newest first, revoked ones with why", tag: me, access: "signed-in", answer: tokenListAnswer },
    { method: "post", path: "/me/tokens", summary: "Create an API token for yourself: shown once; asks your password again (a wrong one counts towards the sign-in lock)", tag: me, access: "signed-in", body: newTokenBody, created: true, answer: tokenCreatedAnswer },
    { method: "delete", path: "/me/tokens/{id}", summary: "Revoke one of your API tokens: the next request with it is 401", tag: me, access: "signed-in", answer: tokenRevokedAnswer },
    { method: "get", path: "/users/{id}/tokens", summary: "A user's API tokens (never the tokens themselves)", tag: users, access: "manager", answer: tokenListAnswer },
    { method: "post", path: "/users/{id}/tokens", summary: "Create an API token for a user: shown once; asks the manager's own password again", tag: users, access: "manager", body: newTokenBody, created: true, answer: tokenCreatedAnswer },
    { method: "delete", path: "/users/{id}/tokens/{tokenId}", summary: "Revoke a user's API token", tag: users, access: "manager", answer: tokenRevokedAnswer },
    { method: "post", path: "/groups/{id}/channels", summary: "Add a WhatsApp number to the group (its access token may come later)", tag: groups, access: "manager", body: newChannelBody, created: true, answer: channelAnswer },
    { method: "patch", path: "/channels/{id}", summary: "Change a number: move it to another group (its next conversations go there), its WhatsApp Business Account, its entry menu (null: off), active; only those present change", tag: groups, access: "manager", body: channelPatchBody, answer: channelChangeAnswer },
    { method: "put", path: "/channels/{id}/token", summary: "Set the number's access token (stored encrypted, never sent back)", tag: groups, access: "manager", body: channelTokenBody, answer: channelAnswer },
    { method: "patch", path: "/groups/{id}/members/{userId}", summary: "Set a member's own cap of open conversations in the group (null: the group's); a raised cap may hand out queued ones at once", tag: groups, access: "manager", body: memberCapBody, answer: memberCapAnswer },
    { method: "post", path: "/me/mentions/read", summary: "Mark your mentions read: those of conversationId, or all (no body, or {})", tag: me, access: "signed-in", body: markMentionsBody, answer: mentionsReadAnswer },
  ];
}
