// Traffic against a running app, signed the way Meta signs it: contacts with Brazilian
// names and numbers write to the demo numbers at a given rate, with a share of
// redeliveries (Meta sends the same body again), mixed message types. Prints what it
// sent and how the app answered, and exits (1 if any answer was not 200).
//   npm run simulate -- --contacts 20 --rate 5 --seconds 30 --url http://localhost:3000 --redeliver 0.1
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import { DEMO_GROUPS } from "@/db/seed";
import { postSignedWebhook, content, inboundMessage, messagesNotification, type MessageContent } from "@/lib/whatsapp/webhook-payloads";

const { values: flags } = parseArgs({
  options: {
    contacts: { type: "string", default: "20" },
    rate: { type: "string", default: "5" },
    seconds: { type: "string", default: "30" },
    url: { type: "string", default: "http://localhost:3000" },
    redeliver: { type: "string", default: "0.1" },
    secret: { type: "string", default: process.env.WHATSAPP_APP_SECRET || "dev-app-secret" },
    quiet: { type: "boolean", default: false },
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
const webhookUrl = `${flags.url!.replace(/\/+$/, "")}/api/webhooks/whatsapp`;

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

type SimulatedContact = { waId: string; name: string; number: (typeof numbers)[number]; lastMessageId?: string };
const contacts: SimulatedContact[] = Array.from({ length: contactCount }, () => ({
  waId: `55${pick(DDD)}9${randomInt(10_000_000, 100_000_000)}`,
  name: `${pick(FIRST)} ${pick(LAST)}`,
  number: pick(numbers),
}));

function nextContent(contact: SimulatedContact): MessageContent {
  const roll = randomInt(100);
  if (roll < 55) return content.text(pick(TEXTS));
  if (roll < 63) return content.image(randomInt(2) ? "Segue a foto" : undefined);
  if (roll < 71) return content.audio(true);
  if (roll < 74) return content.video("Olha o problema");
  if (roll < 78) return content.document("comprovante.pdf", "Comprovante");
  if (roll < 81) return content.sticker();
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
  const contact = pick(contacts);
  const message = inboundMessage(contact.waId, nextContent(contact));
  contact.lastMessageId = message.id;
  const raw = JSON.stringify(messagesNotification(contact.number, [{ waId: contact.waId, name: contact.name }], [message]));
  const line = `${contact.name} (+${contact.waId}) → ${contact.number.group} ${message.type}`;
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
