// Traffic against a running app, signed the way Meta signs it: contacts with Brazilian
// names and numbers write to the demo numbers at a given rate, with a share of
// redeliveries (Meta sends the same body again), every shape Meta sends: text, media,
// locations, contact cards, button and list replies, reactions (and removed ones),
// orders, flow replies, edits, deletions, "forwarded many times", number changes,
// contacts known only by their user id (username users), bodies for a number the app
// does not have and statuses for message ids it never sent. Prints what it sent and how
// the app answered, and exits (1 if any answer was not 200: Meta's bodies are all taken).
//   npm run simulate -- --contacts 20 --rate 5 --seconds 30 --url http://localhost:3000 --redeliver 0.1
// One contact through an entry menu (docs/behaviour.md#entry-menu), reading the menu from the fake Graph API:
//   npm run simulate -- --menu-answer Suporte --menu-by button|number|label [--number 100000000000001] [--fake-graph http://127.0.0.1:4010]
// A queue that forms and drains, to watch the place in line (docs/behaviour.md#place-in-line): N contacts write
// to the number at once, each position message they receive is printed as it arrives; with an
// API token (a manager's or a member's), the head of the queue is taken and closed every few seconds:
//   npm run simulate -- --queue 8 [--number 100000000000001] [--api-token fila_…] [--drain-every 15] [--watch 180]
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import { DEMO_GROUPS } from "@/db/seed";
import { answerMenu } from "@/dev/simulated-contact";
import {
  content,
  inboundMessage,
  messagesNotification,
  newUserId,
  newWamid,
  postSignedWebhook,
  statusesNotification,
  type MediaRef,
  type MessageContent,
} from "@/dev/webhook-payloads";

const { values: flags } = parseArgs({
  options: {
    contacts: { type: "string", default: "20" },
    rate: { type: "string", default: "5" },
    seconds: { type: "string", default: "30" },
    url: { type: "string", default: "http://localhost:3000" },
    // The fake Graph API, which holds the bytes of the photos, voice notes and documents sent.
    "graph-url": { type: "string", default: process.env.GRAPH_API_URL || "http://127.0.0.1:4010" },
    redeliver: { type: "string", default: "0.1" },
    // Share of contacts known only by their business-scoped user id (no phone number).
    "user-ids": { type: "string", default: "0.1" },
    // Share of bodies for a phone-number id the app does not have, and of stray statuses.
    "unknown-number": { type: "string", default: "0.02" },
    "stray-status": { type: "string", default: "0.02" },
    secret: { type: "string", default: process.env.WHATSAPP_APP_SECRET || "dev-app-secret" },
    quiet: { type: "boolean", default: false },
    "menu-answer": { type: "string" },
    "menu-by": { type: "string", default: "button" },
    number: { type: "string", default: "100000000000001" },
    "fake-graph": { type: "string", default: "http://127.0.0.1:4010" },
    queue: { type: "string" },
    "api-token": { type: "string" },
    "drain-every": { type: "string", default: "15" },
    watch: { type: "string", default: "180" },
  },
});

function numberFlag(name: keyof typeof flags, min: number, max: number): number {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`--${name} must be a number between ${min} and ${max} (got ${flags[name]})`);
    process.exit(2);
  }
  return value;
}
const contactCount = Math.round(numberFlag("contacts", 1, 10_000));
const rate = numberFlag("rate", 0.1, 1_000);
const seconds = numberFlag("seconds", 1, 86_400);
const redeliverShare = numberFlag("redeliver", 0, 1);
const userIdShare = numberFlag("user-ids", 0, 1);
const unknownNumberShare = numberFlag("unknown-number", 0, 1);
const strayStatusShare = numberFlag("stray-status", 0, 1);
const webhookUrl = `${flags.url!.replace(/\/+$/, "")}/api/webhooks/whatsapp`;

if (flags["menu-answer"] !== undefined) {
  const by = flags["menu-by"];
  if (by !== "button" && by !== "number" && by !== "label") {
    console.error(`--menu-by must be button, number or label (got ${by})`);
    process.exit(2);
  }
  const waId = `55119${randomInt(10_000_000, 99_999_999)}`;
  const result = await answerMenu({
    webhookUrl,
    appSecret: flags.secret!,
    fakeGraphUrl: flags["fake-graph"]!,
    phoneNumberId: flags.number!,
    waId,
    name: "Contato do menu",
    choose: flags["menu-answer"],
    by,
  });
  console.log(`+${waId} was asked ${JSON.stringify(result.asked)} and answered ${JSON.stringify(result.answered)} (${result.by})`);
  console.log(JSON.stringify({ simulate: "menu", waId, ...result }));
  process.exit(0);
}

if (flags.queue !== undefined) {
  await watchQueue(Math.round(numberFlag("queue", 1, 500)), numberFlag("drain-every", 1, 3600), numberFlag("watch", 5, 86_400));
  process.exit(0);
}

/** N contacts write at once; what they are sent (the welcome, then their place in line) is printed as the fake Graph API receives them; the queue drains through the API. */
async function watchQueue(count: number, drainEverySeconds: number, watchSeconds: number) {
  const baseUrl = flags.url!.replace(/\/+$/, "");
  const fakeGraph = flags["fake-graph"]!.replace(/\/+$/, "");
  const waIds = Array.from({ length: count }, (_, i) => `55119${String(80_000_000 + randomInt(0, 9_000_000) + i)}`);
  const number = { phoneNumberId: flags.number! };
  for (const [i, waId] of waIds.entries()) {
    const body = messagesNotification(number, [{ waId, name: `Cliente ${i + 1}` }], [inboundMessage(waId, content.text("Oi, alguém pode me ajudar?"))]);
    const response = await postSignedWebhook(webhookUrl, flags.secret!, body);
    console.log(`customer ${i + 1} (+${waId}) wrote: HTTP ${response.status}`);
  }
  const seen = new Set<string>();
  const token = flags["api-token"];
  if (!token) console.log("No --api-token: put an agent of the group online in the app to drain the queue.");
  const api = (method: string, path: string) =>
    fetch(`${baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
  let nextDrain = Date.now() + drainEverySeconds * 1000;
  const until = Date.now() + watchSeconds * 1000;
  while (Date.now() < until) {
    const sent = (await (await fetch(`${fakeGraph}/__sent`)).json()) as { to: string; body: string; waMessageId: string }[];
    for (const message of sent) {
      const index = waIds.indexOf(message.to);
      if (index < 0 || seen.has(message.waMessageId)) continue;
      seen.add(message.waMessageId);
      console.log(`${new Date().toISOString().slice(11, 19)}  customer ${index + 1} ← ${message.body}`);
    }
    if (token && Date.now() >= nextDrain) {
      nextDrain = Date.now() + drainEverySeconds * 1000;
      const page = (await (await api("GET", "/conversations?tab=queue")).json()) as { items?: { id: number; contact?: { waId?: string } }[] };
      const head = page.items?.[0];
      if (!head) {
        console.log("The queue is empty.");
        break;
      }
      const taken = await api("POST", `/conversations/${head.id}/take`);
      const closed = taken.ok ? await api("POST", `/conversations/${head.id}/close`) : taken;
      console.log(`${new Date().toISOString().slice(11, 19)}  served conversation ${head.id} (take ${taken.status}, close ${closed.status}); the others move up`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log(JSON.stringify({ simulate: "queue", customers: count, messagesReceived: seen.size }));
}

const FIRST = ["Ana", "Beatriz", "Bruno", "Camila", "Carlos", "Daniela", "Eduardo", "Fernanda", "Gabriel", "Helena", "Igor", "Juliana", "Lucas", "Mariana", "Matheus", "Natália", "Otávio", "Paula", "Rafael", "Sabrina", "Thiago", "Vitória"];
const LAST = ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Ribeiro", "Carvalho", "Almeida", "Araújo", "Barbosa", "Cardoso", "Rocha"];
const DDD = ["11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "27", "48"];
const TEXTS = [
  "Oi, tudo bem?",
  "Bom dia! Gostaria de um orçamento.",
  "Vocês entregam no interior?",
  "Meu pedido ainda não chegou.",
  "Qual o prazo de entrega para o CEP 01310-100?",
  "Preciso da segunda via do boleto.",
  "Consigo pagar no Pix?",
  "O produto tem garantia?",
  "Fui cobrado duas vezes.",
  "Obrigado pela ajuda!",
  "Vocês abrem no sábado?",
  "Quero trocar o tamanho.",
];
const PLACES = [
  { latitude: -23.5614, longitude: -46.6559, name: "MASP", address: "Av. Paulista, 1578 - São Paulo" },
  { latitude: -22.9519, longitude: -43.2105, name: "Cristo Redentor", address: "Parque Nacional da Tijuca - Rio de Janeiro" },
  { latitude: -19.9245, longitude: -43.9352 },
];

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
const numbers = DEMO_GROUPS.map((g) => ({ group: g.name, phoneNumberId: g.channel.phoneNumberId, displayPhoneNumber: g.channel.displayNumber }));

// A number of the same WhatsApp Business Account that no channel of the demo has.
const UNKNOWN_NUMBER = { group: "(unknown number)", phoneNumberId: "100000000000099", displayPhoneNumber: "+55 11 4000-0099" };
const newPhone = () => `55${pick(DDD)}9${randomInt(10_000_000, 100_000_000)}`;

type SimulatedContact = { waId?: string; userId?: string; username?: string; name: string; number: (typeof numbers)[number]; lastMessageId?: string };
const contacts: SimulatedContact[] = Array.from({ length: contactCount }, () => {
  const name = `${pick(FIRST)} ${pick(LAST)}`;
  // Username users come with a business-scoped user id and no phone number.
  if (Math.random() < userIdShare) return { userId: newUserId(), username: `@${name.toLowerCase().replace(/[^a-z]+/g, ".")}`, name, number: pick(numbers) };
  return { waId: newPhone(), name, number: pick(numbers) };
});

const PRODUCTS = [
  { sku: "CAMISETA-P", price: 59.9 },
  { sku: "CALCA-JEANS-42", price: 149.9 },
  { sku: "TENIS-RUN-40", price: 299.0 },
  { sku: "BONE-01", price: 49.5 },
];

/** A file the fake Graph API holds (generated bytes), so the app downloads it as from Meta; none when the fake is not there. */
async function fakeFile(mimeType: string, size: number, filename?: string): Promise<MediaRef | undefined> {
  const query = new URLSearchParams({ mimeType, size: String(size), ...(filename && { filename }) });
  try {
    const response = await fetch(`${flags["graph-url"]!.replace(/\/+$/, "")}/__media?${query}`, { method: "POST", signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    const file = (await response.json()) as { id: string; sha256: string };
    return { id: file.id, sha256: Buffer.from(file.sha256, "hex").toString("base64"), mimeType };
  } catch {
    return undefined;
  }
}

async function nextContent(contact: SimulatedContact): Promise<MessageContent> {
  const roll = randomInt(100);
  const last = contact.lastMessageId;
  if (roll < 3) return content.order([{ ...pick(PRODUCTS), quantity: randomInt(1, 4) }, { ...pick(PRODUCTS), quantity: 1 }], "Quero fechar o pedido");
  if (roll < 5) return content.flowReply({ nome: contact.name, cep: `0${randomInt(1000, 9999)}-${randomInt(100, 999)}`, plano: pick(["Básico", "Pro"]) });
  if (roll < 7 && last) return content.edit(last, `${pick(TEXTS)} (corrigido)`);
  if (roll < 8 && last) return content.revoke(last);
  if (roll < 9 && last) return content.reactionRemoved(last);
  if (roll < 10 && last && contact.waId) {
    // The contact changes their number: a note in their thread, then they go on with the new one.
    const next = newPhone();
    const changed = content.changedNumber(contact.waId, next, contact.name);
    contact.waId = next;
    return changed;
  }
  if (roll < 55) return content.text(pick(TEXTS));
  if (roll < 63) return content.image(randomInt(2) ? "Segue a foto" : undefined, await fakeFile("image/jpeg", randomInt(20_000, 400_000)));
  if (roll < 71) return content.audio(true, await fakeFile("audio/ogg; codecs=opus", randomInt(5_000, 120_000)));
  if (roll < 74) return content.video("Olha o problema", await fakeFile("video/mp4", randomInt(200_000, 2_000_000)));
  if (roll < 78) return content.document("comprovante.pdf", "Comprovante", await fakeFile("application/pdf", randomInt(10_000, 300_000), "comprovante.pdf"));
  if (roll < 81) return content.sticker(await fakeFile("image/webp", randomInt(5_000, 90_000)));
  if (roll < 84) return content.location(pick(PLACES));
  if (roll < 87) return content.contacts([{ name: `${pick(FIRST)} ${pick(LAST)}`, phone: `+55 ${pick(DDD)} 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}` }]);
  if (roll < 91) return content.buttonReply("yes", "Sim, quero");
  if (roll < 94) return content.listReply("plan-pro", "Plano Pro", "R$ 99/mês");
  if (roll < 96) return content.button("Falar com atendente", "TALK_TO_AGENT");
  return contact.lastMessageId ? content.reaction(contact.lastMessageId, pick(["👍", "❤️", "😂", "🙏"])) : content.text(pick(TEXTS));
}

const answers = new Map<string, number>();
let sent = 0;
let redelivered = 0;
const inFlight = new Set<Promise<void>>();

function post(raw: string, line: string) {
  const request = postSignedWebhook(webhookUrl, flags.secret!, raw)
    .then((response) => String(response.status))
    .catch((error: Error) => `error (${(error.cause as Error | undefined)?.message ?? error.message})`)
    .then((answer) => {
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (!flags.quiet) console.log(`${line} → ${answer}`);
    });
  inFlight.add(request);
  void request.finally(() => inFlight.delete(request));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const total = Math.max(1, Math.round(rate * seconds));
console.log(`simulating ${contactCount} contacts, ${total} messages at ${rate}/s for ${seconds}s → ${webhookUrl} (redeliver ${redeliverShare * 100}%)`);

const started = Date.now();
for (let i = 0; i < total; i++) {
  await sleep(Math.max(0, started + (i * 1000) / rate - Date.now()));
  let raw: string;
  let line: string;
  if (Math.random() < strayStatusShare) {
    // A status for a message the app never sent (another tool on the same number).
    raw = JSON.stringify(statusesNotification(pick(numbers), [{ id: newWamid(), status: pick(["delivered", "read"] as const), recipientId: newPhone() }]));
    line = `stray status`;
  } else {
    const contact = pick(contacts);
    const sender = contact.waId ? contact.waId : { userId: contact.userId };
    const previousWaId = contact.waId;
    const messageContent = await nextContent(contact);
    // WhatsApp's notes come from the old number, without a contacts array.
    const message = inboundMessage(messageContent.type === "system" ? previousWaId! : sender, messageContent, {
      ...(Math.random() < 0.02 && { context: { forwarded: true, frequently_forwarded: true } }),
    });
    if (messageContent.type !== "revoke" && messageContent.type !== "edit" && messageContent.type !== "reaction") contact.lastMessageId = message.id;
    const number = Math.random() < unknownNumberShare ? UNKNOWN_NUMBER : contact.number;
    const who = messageContent.type === "system" ? [] : [{ waId: contact.waId, userId: contact.userId, username: contact.username, name: contact.name }];
    raw = JSON.stringify(messagesNotification(number, who, [message]));
    line = `${contact.name} (${contact.waId ? `+${contact.waId}` : contact.username}) → ${number.group} ${message.type}`;
  }
  post(raw, line);
  sent++;
  if (Math.random() < redeliverShare) {
    redelivered++;
    // Meta redelivers the very same bytes, some time later.
    setTimeout(() => post(raw, `${line} [redelivery]`), randomInt(100, 2_000));
  }
}
// Wait for the redeliveries scheduled last, then for every answer.
await sleep(2_100);
while (inFlight.size > 0) await Promise.all([...inFlight]);

const byStatus = Object.fromEntries([...answers].sort());
console.log(`sent ${sent} bodies and ${redelivered} redeliveries in ${((Date.now() - started) / 1000).toFixed(1)}s; answers: ${JSON.stringify(byStatus)}`);
console.log(JSON.stringify({ simulate: webhookUrl, contacts: contactCount, sent, redelivered, answers: byStatus }));
process.exit(Object.keys(byStatus).every((status) => status === "200") ? 0 : 1);
