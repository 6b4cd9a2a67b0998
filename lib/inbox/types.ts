// What the inbox reads, in the shape the browser receives it (dates as ISO strings):
// the route handlers send these as JSON and the components render them as they are.
import type { Conversation, Message, User } from "@/db/schema";
import type { ConversationCan } from "@/lib/auth/permissions";
import type { Priority, SlaState } from "@/lib/service-levels/sla-state";
import type { WaitingReasonCode } from "@/lib/distribution/waiting-reason";
import type { z } from "zod";
import type { groupMembersAnswer, transferTargetsAnswer, unreadAnswer } from "./answer-schemas";

export const INBOX_TABS = ["mine", "queue", "all"] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** "open" is queued or assigned; "any" includes closed. */
export const STATUS_FILTERS = ["open", "queued", "assigned", "closed", "any"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export type ConversationStatus = Conversation["status"];
export type PresenceStatus = User["status"];
/** The schema's statuses in the order the header offers them (browser-safe: no database code). */
export const PRESENCE_STATUSES = ["online", "paused", "offline"] as const satisfies readonly PresenceStatus[];

export type MessagePreview = {
  type: string;
  body: string | null;
  direction: Message["direction"];
  authorType: Message["authorType"];
  /** For a note from WhatsApp: which (user_changed_number, …). */
  systemKind?: string | null;
  /** An answer to a WhatsApp Flow. */
  flowReply?: boolean;
};

export type InboxConversation = {
  id: number;
  status: ConversationStatus;
  groupId: number;
  groupName: string;
  contactName: string | null;
  contactNumber: string;
  assigneeId: number | null;
  assigneeName: string | null;
  createdAt: string;
  queuedAt: string;
  assignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  lastMessageAt: string | null;
  /** Service levels (docs/behaviour.md#service-levels): due times from the group's targets, and the state now on the server's clock. */
  priority: Priority;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  sla: SlaState | null;
  preview: MessagePreview | null;
  /** The contact spoke last (automatic messages aside): someone owes them an answer. */
  awaitingReply: boolean;
  /** Customer messages the viewer has not seen (0 once closed). */
  unreadCount: number;
  /** Why nobody has it (docs/behaviour.md#nobody-waits-without-a-reason); null once someone has it. */
  waitingReason: WaitingReasonCode | null;
  /** With a search: the latest message that matched, its text with the matches between SNIPPET_MARK.start and .end. */
  match: { messageId: number; snippet: string } | null;
};

/** Around each matched word of a search snippet (private-use characters: never typed, safe to split on). */
export const SNIPPET_MARK = { start: "\uE000", end: "\uE001" } as const;

export type TabCounts = { mine: number; queue: number; all: number | null };

/** Per tab, the open conversations with customer messages the viewer has not seen (GET /api/v1/me/unread). */
export type UnreadCounts = z.output<typeof unreadAnswer>;

export type InboxList = {
  items: InboxConversation[];
  counts: TabCounts;
  unread: UnreadCounts;
  /** The rows matching the tab and filters, counted on the first page only (null after), up to TOTAL_CAP (then totalCapped). */
  total: number | null;
  totalCapped: boolean;
  /** The cursor of the next page, null on the last. */
  nextCursor: string | null;
};

export type ConversationDetail = {
  id: number;
  status: ConversationStatus;
  group: { id: number; name: string };
  channelNumber: string;
  contact: { name: string | null; number: string };
  assignee: { id: number; name: string; status: PresenceStatus } | null;
  createdAt: string;
  queuedAt: string;
  assignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  lastInboundAt: string | null;
  /** When the 24-hour customer-service window closes (null: the contact never wrote). */
  windowClosesAt: string | null;
  /** Service levels (docs/behaviour.md#service-levels): due times from the group's targets, and the state now on the server's clock. */
  priority: Priority;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  sla: SlaState | null;
  /** Why nobody has it (docs/behaviour.md#nobody-waits-without-a-reason); null once someone has it. */
  waitingReason: WaitingReasonCode | null;
  /** What the viewer may do with it (lib/auth/permissions.ts conversationCan). */
  can: ConversationCan;
};

export type ThreadMessage = {
  id: number;
  direction: Message["direction"];
  type: string;
  body: string | null;
  payload: Record<string, unknown> | null;
  authorType: Message["authorType"];
  authorId: number | null;
  authorName: string | null;
  status: Message["status"];
  /** Why it failed, as WhatsApp said it (outbound only). */
  failureReason: string | null;
  /** Meta's error code when the interface can explain it (`whatsapp.error.<code>`), e.g. "131047". */
  failureCode: string | null;
  waMessageId: string | null;
  /** The message's stored file (photo, voice note, video, document), served at /api/v1/media/{id}. */
  media: ThreadMedia | null;
  createdAt: string;
};

export type ThreadMedia = {
  id: number;
  state: "pending" | "downloading" | "ready" | "failed";
  mimeType: string | null;
  size: number | null;
  filename: string | null;
  /** A failed download the sweep will try again. */
  retrying: boolean;
  /** Why the download failed, as Meta said it. */
  failureReason: string | null;
};

export type GroupMemberPresence = z.output<typeof groupMembersAnswer>[number];

export type VisibleGroup = { id: number; name: string };

/** Another group a conversation may be transferred to: its queue, or one of its members. */
export type TransferTargetGroup = z.output<typeof transferTargetsAnswer>[number];
