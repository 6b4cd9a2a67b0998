// A contact who answers an entry menu, for the simulator and the e2e tests: writes to a
// number, reads the menu the app sent from the fake Graph API (GET /__sent), and picks
// an option by button (or list row), by its number, or by typing its label.
import { content, inboundMessage, messagesNotification, postSignedWebhook } from "./webhook-payloads";
import { foldAnswer } from "@/lib/routing/entry-menu";

export type AnswerBy = "button" | "number" | "label";

type SentMessage = { to: string; body: string; interactive?: { type: string; action: Record<string, unknown> } };

/** The options of a sent menu: reply id (for interactive ones) and label. */
export function menuOptionsOf(message: SentMessage): { id: string | null; label: string; kind: "button_reply" | "list_reply" | null }[] {
  const interactive = message.interactive;
  if (interactive?.type === "button") {
    return (interactive.action.buttons as { reply: { id: string; title: string } }[]).map((b) => ({ id: b.reply.id, label: b.reply.title, kind: "button_reply" }));
  }
  if (interactive?.type === "list") {
    const sections = interactive.action.sections as { rows: { id: string; title: string }[] }[];
    return sections.flatMap((s) => s.rows).map((r) => ({ id: r.id, label: r.title, kind: "list_reply" }));
  }
  // Numbered text: "1. Vendas".
  return [...message.body.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ id: null, label: m[2]!, kind: null }));
}

export async function answerMenu(input: {
  webhookUrl: string;
  appSecret: string;
  fakeGraphUrl: string;
  phoneNumberId: string;
  waId: string;
  name: string;
  choose: string;
  by: AnswerBy;
  /** How long to wait for the menu. */
  timeoutMs?: number;
}): Promise<{ asked: string; answered: string; by: AnswerBy }> {
  const number = { phoneNumberId: input.phoneNumberId };
  const contact = [{ waId: input.waId, name: input.name }];
  const post = async (message: ReturnType<typeof inboundMessage>) => {
    const response = await postSignedWebhook(input.webhookUrl, input.appSecret, messagesNotification(number, contact, [message]));
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
  };
  const sentBefore = (await readSent(input.fakeGraphUrl)).filter((m) => m.to === input.waId).length;
  await post(inboundMessage(input.waId, content.text("Olá")));
  const deadline = Date.now() + (input.timeoutMs ?? 30_000);
  let menu: SentMessage | undefined;
  while (!menu) {
    if (Date.now() > deadline) throw new Error(`no menu was sent to ${input.waId}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    menu = (await readSent(input.fakeGraphUrl)).filter((m) => m.to === input.waId)[sentBefore];
  }
  const options = menuOptionsOf(menu);
  const index = options.findIndex((o) => foldAnswer(o.label) === foldAnswer(input.choose));
  if (index === -1) throw new Error(`the menu has no option "${input.choose}" (${options.map((o) => o.label).join(", ")})`);
  const option = options[index]!;
  if (input.by === "button" && option.id && option.kind) {
    await post(inboundMessage(input.waId, option.kind === "list_reply" ? content.listReply(option.id, option.label) : content.buttonReply(option.id, option.label)));
    return { asked: menu.body, answered: option.label, by: "button" };
  }
  const text = input.by === "number" ? String(index + 1) : option.label;
  await post(inboundMessage(input.waId, content.text(text)));
  return { asked: menu.body, answered: text, by: input.by };
}

async function readSent(fakeGraphUrl: string): Promise<SentMessage[]> {
  const response = await fetch(`${fakeGraphUrl.replace(/\/+$/, "")}/__sent`);
  return (await response.json()) as SentMessage[];
}
