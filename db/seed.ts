// The demo data of docs/behaviour.md#environment-and-demo-data, written only into an empty database.
import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "./client";
import { seedHistory } from "./seed-history";
import {
  assignmentEvents,
  cannedReplies,
  channelGroups,
  channels,
  contacts,
  conversations,
  groupMembers,
  messages,
  users,
  type AssignmentEvent,
  type Conversation,
} from "./schema";

export const DEMO_PASSWORD = "fila-demo";

export const DEMO_USERS = [
  { name: "Gestora Marina", email: "manager@fila.test", role: "manager" },
  { name: "Ana Souza", email: "ana@fila.test", role: "agent" },
  { name: "Bruno Lima", email: "bruno@fila.test", role: "agent" },
  { name: "Carla Dias", email: "carla@fila.test", role: "agent" },
  { name: "Diego Alves", email: "diego@fila.test", role: "agent" },
  { name: "Elisa Rocha", email: "elisa@fila.test", role: "agent" },
  { name: "Fábio Melo", email: "fabio@fila.test", role: "agent" },
] as const;

export const DEMO_GROUPS = [
  {
    name: "Vendas",
    strategy: "balanced",
    onlineOnly: true,
    maxOpenPerAgent: 5,
    welcomeMessage: "Olá! Obrigado por falar com Vendas. Já vamos te atender.",
    channel: { displayNumber: "+55 11 4000-0001", phoneNumberId: "100000000000001", wabaId: "200000000000001" },
    members: ["ana", "bruno", "carla"],
  },
  {
    name: "Suporte",
    strategy: "sequential",
    onlineOnly: true,
    maxOpenPerAgent: null,
    welcomeMessage: null,
    channel: { displayNumber: "+55 11 4000-0002", phoneNumberId: "100000000000002", wabaId: "200000000000001" },
    members: ["carla", "diego", "elisa"],
  },
  {
    name: "Financeiro",
    strategy: "manual",
    onlineOnly: true,
    maxOpenPerAgent: null,
    welcomeMessage: null,
    channel: { displayNumber: "+55 11 4000-0003", phoneNumberId: "100000000000003", wabaId: "200000000000001" },
    members: ["elisa", "fabio"],
  },
] as const;

type DemoConversation = {
  group: (typeof DEMO_GROUPS)[number]["name"];
  contact: { waId: string; name: string };
  status: Conversation["status"];
  assignee?: string;
  kind?: Extract<AssignmentEvent["kind"], "self" | "manager">;
  minutesAgo: number;
  inbound: string[];
  reply?: string;
};

const DEMO_CONVERSATIONS: DemoConversation[] = [
  { group: "Vendas", contact: { waId: "5511987650001", name: "Juliana Castro" }, status: "queued", minutesAgo: 4, inbound: ["Oi, vocês entregam em Campinas?"] },
  { group: "Vendas", contact: { waId: "5511987650002", name: "Rafael Nunes" }, status: "assigned", assignee: "ana", kind: "manager", minutesAgo: 35, inbound: ["Quero um orçamento para 20 unidades."], reply: "Claro, Rafael! Vou preparar o orçamento agora." },
  { group: "Vendas", contact: { waId: "5511987650003", name: "Patrícia Gomes" }, status: "assigned", assignee: "bruno", kind: "manager", minutesAgo: 12, inbound: ["Bom dia! O produto tem garantia?"] },
  { group: "Suporte", contact: { waId: "5521998760004", name: "Marcos Pereira" }, status: "assigned", assignee: "diego", kind: "self", minutesAgo: 50, inbound: ["Meu pedido chegou com defeito.", "Segue a foto."], reply: "Sinto muito, Marcos. Vamos resolver." },
  { group: "Suporte", contact: { waId: "5521998760005", name: "Luana Ribeiro" }, status: "closed", assignee: "carla", kind: "self", minutesAgo: 180, inbound: ["Como troco minha senha?"], reply: "Pelo app, em Perfil › Segurança. Posso ajudar em algo mais?" },
  { group: "Suporte", contact: { waId: "5521998760006", name: "Thiago Martins" }, status: "queued", minutesAgo: 2, inbound: ["O app não abre desde ontem."] },
  { group: "Financeiro", contact: { waId: "5531991230007", name: "Beatriz Costa" }, status: "queued", minutesAgo: 9, inbound: ["Preciso da segunda via do boleto."] },
  { group: "Financeiro", contact: { waId: "5531991230008", name: "Gustavo Araújo" }, status: "queued", minutesAgo: 22, inbound: ["Fui cobrado duas vezes este mês."] },
  { group: "Financeiro", contact: { waId: "5531991230009", name: "Camila Freitas" }, status: "assigned", assignee: "fabio", kind: "self", minutesAgo: 40, inbound: ["Posso pagar no cartão?"], reply: "Pode sim, Camila. Te envio o link." },
];

/** So that "/" in the reply box shows something on day one (global, or of one group: null = global). */
export const DEMO_CANNED_REPLIES: { group: (typeof DEMO_GROUPS)[number]["name"] | null; shortcut: string; body: string }[] = [
  { group: null, shortcut: "ola", body: "Olá, {{contact.name}}! Aqui é {{agent.name}}. Como posso ajudar?" },
  { group: null, shortcut: "aguarde", body: "Um momento, {{contact.name}}: estou verificando e já te respondo." },
  { group: null, shortcut: "obrigado", body: "Obrigado pelo contato, {{contact.name}}! Qualquer dúvida, é só chamar." },
  { group: "Vendas", shortcut: "frete", body: "O frete é grátis para compras acima de R$ 199 para todo o Brasil." },
  { group: "Vendas", shortcut: "pagamento", body: "Aceitamos Pix, cartão de crédito em até 10x sem juros e boleto." },
  { group: "Suporte", shortcut: "senha", body: "Para trocar sua senha, abra o app em Perfil › Segurança › Trocar senha." },
  { group: "Financeiro", shortcut: "boleto", body: "Enviei a segunda via do boleto para o seu e-mail cadastrado, {{contact.name}}." },
];

/**
 * Seeds the demo data when the database has no users. Returns whether it seeded. With
 * `history` (the default), the last 30 days of closed conversations and status changes
 * follow (db/seed-history.ts), so that the reports have a past to show.
 */
export async function seedDemoData(db: Db, options: { history?: boolean } = {}): Promise<boolean> {
  const seeded = await seedCurrent(db);
  if (seeded && options.history !== false) await seedHistory(db.$client);
  return seeded;
}

async function seedCurrent(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two instances starting at once on an empty database: one seeds, the other sees it done.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7314002)`);
    const existing = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing.length > 0) return false;

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const userRows = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ ...u, passwordHash })))
      .returning();
    const userId = (handle: string) => {
      const row = userRows.find((u) => u.email === `${handle}@fila.test`);
      if (!row) throw new Error(`seed: unknown user ${handle}`);
      return row.id;
    };
    const manager = userId("manager");

    const groupIds = new Map<string, { groupId: number; channelId: number }>();
    for (const g of DEMO_GROUPS) {
      const [group] = await tx
        .insert(channelGroups)
        .values({ name: g.name, strategy: g.strategy, onlineOnly: g.onlineOnly, maxOpenPerAgent: g.maxOpenPerAgent, welcomeMessage: g.welcomeMessage })
        .returning();
      const [channel] = await tx
        .insert(channels)
        .values({ groupId: group!.id, ...g.channel })
        .returning();
      await tx.insert(groupMembers).values(g.members.map((m) => ({ groupId: group!.id, userId: userId(m) })));
      groupIds.set(g.name, { groupId: group!.id, channelId: channel!.id });
    }

    await tx.insert(cannedReplies).values(
      DEMO_CANNED_REPLIES.map((r) => ({
        groupId: r.group === null ? null : groupIds.get(r.group)!.groupId,
        shortcut: r.shortcut,
        body: r.body,
        createdBy: manager,
      })),
    );

    const now = Date.now();
    for (const c of DEMO_CONVERSATIONS) {
      const { groupId, channelId } = groupIds.get(c.group)!;
      const openedAt = new Date(now - c.minutesAgo * 60_000);
      const assignedAt = c.assignee ? new Date(openedAt.getTime() + 60_000) : null;
      const repliedAt = c.reply ? new Date(openedAt.getTime() + 2 * 60_000) : null;
      const closedAt = c.status === "closed" ? new Date(openedAt.getTime() + 10 * 60_000) : null;
      const [contact] = await tx.insert(contacts).values({ waId: c.contact.waId, profileName: c.contact.name }).returning();
      const assigneeId = c.assignee ? userId(c.assignee) : null;
      const [conversation] = await tx
        .insert(conversations)
        .values({
          contactId: contact!.id,
          channelId,
          groupId,
          status: c.status,
          assigneeId,
          queuedAt: openedAt,
          assignedAt,
          firstResponseAt: repliedAt,
          closedAt,
          lastInboundAt: openedAt,
          lastMessageAt: repliedAt ?? openedAt,
          createdAt: openedAt,
        })
        .returning();
      const conversationId = conversation!.id;
      await tx.insert(messages).values(
        c.inbound.map((body, i) => ({
          conversationId,
          direction: "in" as const,
          waMessageId: `wamid.seed.${c.contact.waId}.${i}`,
          type: "text",
          body,
          authorType: "contact" as const,
          createdAt: new Date(openedAt.getTime() + i * 1000),
        })),
      );
      if (c.reply && repliedAt) {
        await tx.insert(messages).values({
          conversationId,
          direction: "out",
          waMessageId: `wamid.seed.${c.contact.waId}.reply`,
          type: "text",
          body: c.reply,
          authorType: "user",
          authorUserId: assigneeId,
          status: "read",
          sentAt: repliedAt,
          deliveredAt: repliedAt,
          readAt: repliedAt,
          createdAt: repliedAt,
        });
      }
      if (assigneeId && assignedAt) {
        await tx.insert(assignmentEvents).values({
          conversationId,
          groupId,
          kind: c.kind ?? "self",
          actorId: c.kind === "manager" ? manager : assigneeId,
          toUserId: assigneeId,
          reason: { strategy: DEMO_GROUPS.find((g) => g.name === c.group)!.strategy, note: "demo data" },
          createdAt: assignedAt,
        });
      }
      if (closedAt) {
        await tx.insert(assignmentEvents).values({
          conversationId,
          groupId,
          kind: "close",
          actorId: assigneeId,
          fromUserId: assigneeId,
          createdAt: closedAt,
        });
      }
    }
    return true;
  });
}
