// Every operation under /api/v1, described by the zod schemas that validate its input:
// the OpenAPI document (openapi.ts) is generated from this list, and a test checks it
// against the route files, so a route cannot exist undocumented (nor the reverse).
import { z } from "zod";
import { historyQuery } from "@/lib/contacts/schemas";
import { conversationDetailAnswer, inboxListAnswer, replyAnswer, threadAnswer } from "@/lib/inbox/answer-schemas";
import { listQuery } from "@/lib/inbox/list-query";
import { groupListAnswer } from "@/lib/groups/answer-schemas";
import { hitRateAnswer } from "@/lib/service-levels/hit-rate";
import { teamAnswer } from "@/lib/team/list-team";
import { userCreatedAnswer } from "@/lib/team/schemas";
import { webhookCreatedAnswer, webhookListAnswer } from "@/lib/webhooks/endpoints";
import { captionSchema } from "@/lib/media/send-media";
import { mentionsQuery } from "@/lib/notes/schemas";
import { csvParamsSchema, reportParamsSchema } from "@/lib/reports/params";
import { summaryParamsSchema } from "@/lib/reports/compare";
import { whatIfSchema } from "@/lib/what-if/run-what-if";
import { assignBody, conversationPatchBody, groupSettingsBody, newGroupBody, newUserBody, newWebhookBody, meAnswer, removeMemberQuery, replyBody, statusBody, templateBody, transferBody, userPatchBody } from "./schemas";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type Operation = {
  method: HttpMethod;
  /** OpenAPI style: /conversations/{id}. */
  path: string;
  summary: string;
  tag: string;
  access: "public" | "signed-in" | "manager";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** POSTs that create honour Idempotency-Key. */
  idempotent?: boolean;
  /** A creation: answers 201 (the route is marked `created` too; lib/api/openapi.test.ts holds them equal). */
  created?: boolean;
  /** The answer when it is not JSON. */
  produces?: string;
  /** The answer's zod schema (declared once beside its command; the API's tests validate real answers with it). */
  answer?: z.ZodType;
  /** An answer written as JSON Schema, by its name under components.schemas (the what-if's). */
  answerRef?: string;
};

const conversations = "Conversations";
const me = "Me";
const groups = "Groups";
const users = "Users";
const reports = "Reports";
const webhooks = "Webhooks";
const manager = "Manager screens";

export const operations: Operation[] = [
  { method: "get", path: "/openapi.json", summary: "This document", tag: "Meta", access: "public" },
  { method: "get", path: "/conversations", summary: "One page of an inbox tab (mine, queue, all), with filters and the tab counts", tag: conversations, access: "signed-in", query: listQuery, answer: inboxListAnswer },
  { method: "get", path: "/conversations/{id}", summary: "A conversation: contact, group, assignee, status, timestamps, what you may do", tag: conversations, access: "signed-in", answer: conversationDetailAnswer },
  { method: "patch", path: "/conversations/{id}", summary: "Set the priority (urgent, high, normal, low): the assignee, a member of the group while queued, or a manager", tag: conversations, access: "signed-in", body: conversationPatchBody, answer: conversationDetailAnswer },
  { method: "get", path: "/conversations/{id}/messages", summary: "The thread, oldest first (?before=<message id> pages back)", tag: conversations, access: "signed-in", query: z.object({ before: z.string().optional().describe("A message id: the page of older messages before it") }), answer: threadAnswer },
  { method: "post", path: "/conversations/{id}/messages", summary: "Reply (the assignee or a manager), sent on WhatsApp", tag: conversations, access: "signed-in", body: replyBody, idempotent: true, created: true, answer: replyAnswer },
  { method: "get", path: "/conversations/{id}/activity", summary: "Assignment events (and, for managers, the latest automatic decision)", tag: conversations, access: "signed-in" },
  { method: "get", path: "/conversations/{id}/members", summary: "Members of the conversation's group with status and load", tag: conversations, access: "signed-in" },
  { method: "post", path: "/conversations/{id}/take", summary: "Take a queued conversation (assign it to yourself)", tag: conversations, access: "signed-in", answer: conversationDetailAnswer },
  { method: "post", path: "/conversations/{id}/assign", summary: "Assign to a member of the group (managers)", tag: conversations, access: "manager", body: assignBody, answer: conversationDetailAnswer },
  { method: "post", path: "/conversations/{id}/transfer", summary: "Transfer to a member of the group, or back to the queue with userId null", tag: conversations, access: "signed-in", body: transferBody, answer: conversationDetailAnswer },
  { method: "post", path: "/conversations/{id}/close", summary: "Close (the assignee or a manager)", tag: conversations, access: "signed-in", answer: conversationDetailAnswer },
  { method: "post", path: "/conversations/{id}/reopen", summary: "Reopen a closed conversation: it becomes yours (a member of its group, or a manager); 409 already_open while the contact has a newer open one", tag: conversations, access: "signed-in", answer: conversationDetailAnswer },
  {
    method: "post",
    path: "/conversations/{id}/media",
    summary: "Send a photo, document or audio file: the file is the body (its Content-Type), named in X-Fila-Filename; ?caption=",
    tag: conversations,
    access: "signed-in",
    query: z.object({ caption: captionSchema }),
    created: true,
  },
  { method: "get", path: "/conversations/{id}/templates", summary: "The approved message templates of the conversation's number (?refresh=1 asks Meta again)", tag: conversations, access: "signed-in", query: z.object({ refresh: z.enum(["1"]).optional() }) },
  { method: "post", path: "/conversations/{id}/templates", summary: "Send a template with its body parameters (allowed after the 24-hour window)", tag: conversations, access: "signed-in", body: templateBody, created: true },
  { method: "get", path: "/conversations/{id}/contact", summary: "The contact of the conversation: names, number, first contact, conversation count, note", tag: conversations, access: "signed-in" },
  { method: "get", path: "/conversations/{id}/history", summary: "The contact's earlier conversations, newest first, with who handled each (?before= pages)", tag: conversations, access: "signed-in", query: historyQuery },
  { method: "get", path: "/conversations/{id}/history/{earlierId}", summary: "The thread of one of the contact's earlier conversations that the caller may see (404 for any other id)", tag: conversations, access: "signed-in" },
  { method: "get", path: "/conversations/{id}/canned-replies", summary: "The canned replies usable here, filled with the contact's and your name", tag: conversations, access: "signed-in" },
  { method: "get", path: "/conversations/{id}/mention-candidates", summary: "Who may be @mentioned in a note, and whether they may see the conversation", tag: conversations, access: "signed-in" },
  { method: "get", path: "/canned-replies", summary: "The canned replies you may use (global and of your groups)", tag: conversations, access: "signed-in" },
  { method: "get", path: "/media/{id}", summary: "A message's file (photo, voice note, video, document); Range requests; ?download=1 to save it", tag: conversations, access: "signed-in", produces: "application/octet-stream" },
  { method: "get", path: "/me", summary: "Who you are", tag: me, access: "signed-in", answer: meAnswer },
  { method: "get", path: "/me/unread", summary: "Your unread customer messages, per inbox tab", tag: me, access: "signed-in" },
  { method: "get", path: "/me/mentions", summary: "Notes that mention you, newest first (?before= pages)", tag: me, access: "signed-in", query: mentionsQuery },
  { method: "put", path: "/me/status", summary: "Set your status (online, paused, offline)", tag: me, access: "signed-in", body: statusBody },
  { method: "get", path: "/groups", summary: "Channel groups with their strategy and counts", tag: groups, access: "manager", answer: groupListAnswer },
  { method: "get", path: "/groups/{id}", summary: "A group's settings, members and channels", tag: groups, access: "manager" },
  { method: "patch", path: "/groups/{id}", summary: "Change a group's settings (only those present change)", tag: groups, access: "manager", body: groupSettingsBody },
  { method: "post", path: "/groups/{id}/what-if", summary: "Replay the group's past traffic under proposed settings, unsaved, beside those in force (nothing changes)", tag: groups, access: "manager", body: whatIfSchema, answerRef: "WhatIfAnswer" },
  { method: "put", path: "/groups/{id}/members/{userId}", summary: "Add a member", tag: groups, access: "manager" },
  { method: "delete", path: "/groups/{id}/members/{userId}", summary: "Remove a member (their open conversations of the group are requeued unless conversations=keep)", tag: groups, access: "manager", query: removeMemberQuery },
  { method: "get", path: "/users", summary: "The team", tag: users, access: "manager", answer: teamAnswer },
  { method: "post", path: "/users", summary: "Create a user", tag: users, access: "manager", body: newUserBody, idempotent: true, created: true, answer: userCreatedAnswer },
  { method: "patch", path: "/users/{id}", summary: "Change a user's role (agent or manager); their sessions and API tokens end. The last active manager cannot become an agent", tag: users, access: "manager", body: userPatchBody },
  { method: "get", path: "/webhooks", summary: "Webhook endpoints", tag: webhooks, access: "manager", answer: webhookListAnswer },
  { method: "post", path: "/webhooks", summary: "Register a webhook endpoint", tag: webhooks, access: "manager", body: newWebhookBody, idempotent: true, created: true, answer: webhookCreatedAnswer },
  { method: "delete", path: "/webhooks/{id}", summary: "Delete a webhook endpoint", tag: webhooks, access: "manager" },
  { method: "get", path: "/webhooks/{id}/deliveries", summary: "The endpoint's latest deliveries with their outcome", tag: webhooks, access: "manager" },
  { method: "post", path: "/webhooks/{id}/test", summary: "Send a test event (webhook.test)", tag: webhooks, access: "manager" },
  { method: "get", path: "/reports/summary", summary: "Report figures of a period", tag: reports, access: "manager", query: summaryParamsSchema },
  { method: "get", path: "/reports/service-levels", summary: "How often the first-response and resolution targets were met, per group", tag: reports, access: "manager", query: reportParamsSchema, answer: hitRateAnswer },
  { method: "get", path: "/reports/conversations.csv", summary: "One CSV row per conversation created in the period", tag: reports, access: "manager", query: csvParamsSchema, produces: "text/csv" },
  { method: "get", path: "/manager/board", summary: "The live board (optionally ?groupId=)", tag: manager, access: "manager" },
  { method: "get", path: "/manager/team", summary: "The team screen's list", tag: manager, access: "manager" },
  { method: "get", path: "/manager/groups", summary: "The channel groups screen's list", tag: manager, access: "manager" },
  { method: "post", path: "/manager/groups", summary: "Create a group", tag: manager, access: "manager", body: newGroupBody, created: true },
  { method: "get", path: "/manager/groups/{groupId}", summary: "A group's settings screen", tag: manager, access: "manager" },
  { method: "get", path: "/manager/groups/{groupId}/history", summary: "A group's change history", tag: manager, access: "manager" },
];
