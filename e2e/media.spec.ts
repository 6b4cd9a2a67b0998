// Media and templates in the inbox: a contact's voice note plays and their photo opens in
// the viewer (downloaded from the fake Graph API as from Meta); an agent sends a photo
// and a PDF and sees their ticks; with the window closed, a template goes out.
import path from "node:path";
import { type Page } from "@playwright/test";
import { E2E } from "./e2e-env";
import { database, expect, signedInPage, test } from "./fixtures";
import { contactWrites, content, giveChannelAToken, newWaId, row, sentToGraph } from "./inbox-fixtures";

const ARTIFACTS = path.resolve("e2e/artifacts/media");

test.beforeEach(async () => {
  await giveChannelAToken("Vendas");
});

/** A file the fake Graph API holds as a contact's, with its id and hash for the webhook. */
async function contactFile(bytes: Buffer, mimeType: string, filename?: string) {
  const query = new URLSearchParams({ mimeType, ...(filename && { filename }) });
  const response = await fetch(`${E2E.graphURL}/__media?${query}`, { method: "POST", body: new Uint8Array(bytes) });
  const file = (await response.json()) as { id: string; sha256: string };
  return { id: file.id, sha256: Buffer.from(file.sha256, "hex").toString("base64"), mimeType };
}

/** One second of a 440 Hz tone as 8 kHz mono PCM WAV: real audio the browser decodes and plays. */
function toneWav(seconds = 1.2): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return wav;
}

/** A real PNG: a screenshot of a small colourful page. */
async function photo(page: Page): Promise<Buffer> {
  const scratch = await page.context().newPage();
  await scratch.setContent(`<div style="width:480px;height:320px;background:linear-gradient(135deg,#0ea5e9,#22c55e);display:flex;align-items:center;justify-content:center;font:bold 40px sans-serif;color:white">Vitrine</div>`);
  const bytes = await scratch.locator("div").screenshot();
  await scratch.close();
  return bytes;
}

test("an agent plays a contact's voice note and opens their photo", async ({ browser, onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test");
  const image = await contactFile(await photo(ana), "image/png");
  const voice = await contactFile(toneWav(), "audio/wav");
  const pdf = await contactFile(Buffer.from("%PDF-1.4\n% orçamento\n"), "application/pdf", "orcamento.pdf");
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Mariana Costa" }, [
    { content: content.image("É este modelo aqui", image), secondsAgo: 3 },
    { content: content.audio(true, voice), secondsAgo: 2 },
    { content: content.document("orcamento.pdf", "Orçamento da loja", pdf), secondsAgo: 1 },
  ]);
  await row(ana, waId).click();
  const thread = ana.getByTestId("message-thread");

  // The photo, inline once downloaded, then in the viewer.
  const inline = thread.getByTestId("media-image").locator("img");
  await expect(inline).toBeVisible();
  await expect.poll(() => inline.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await thread.getByTestId("media-image").click();
  const viewer = ana.getByTestId("media-viewer");
  await expect(viewer).toBeVisible();
  await expect.poll(() => viewer.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await ana.screenshot({ path: `${ARTIFACTS}/viewer-desktop-en.png` });
  await ana.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);

  // The voice note: its duration, played, at 1.5×.
  const player = thread.getByTestId("media-audio");
  await expect(player).toHaveAttribute("data-voice", "true");
  await expect(player.getByTestId("media-time")).toHaveText("0:00 / 0:01");
  await player.getByTestId("media-speed").click();
  await expect(player.getByTestId("media-speed")).toHaveText("1.5×");
  await player.getByTestId("media-play").click();
  await expect.poll(() => player.locator("audio").evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await player.locator("audio").evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.5);

  // The document: name, size, download.
  const document = thread.getByTestId("media-document");
  await expect(document).toContainText("orcamento.pdf");
  await expect(document.getByTestId("media-download")).toHaveAttribute("href", /\/api\/v1\/media\/\d+\?download=1$/);
  await thread.getByTestId("media-audio").scrollIntoViewIfNeeded();
  await ana.screenshot({ path: `${ARTIFACTS}/thread-desktop-en.png` });

  // Served only to who may see the conversation: Diego (Suporte) gets 403.
  const src = (await inline.getAttribute("src"))!;
  const diego = await signedInPage(browser, "diego@fila.test", { locale: "pt-BR", viewport: { width: 390, height: 844 } });
  expect((await diego.request.get(src)).status()).toBe(403);
  expect((await ana.request.get(src, { headers: { range: "bytes=0-7" } })).status()).toBe(206);
  await diego.context().close();

  // The same thread on a phone, in Portuguese.
  const phone = await signedInPage(browser, "ana@fila.test", { locale: "pt-BR", viewport: { width: 390, height: 844 } });
  await row(phone, waId).click();
  await expect(phone.getByTestId("message-thread").getByTestId("media-audio")).toBeVisible();
  await phone.screenshot({ path: `${ARTIFACTS}/thread-phone-pt-BR.png` });
  await phone.context().close();
  await ana.context().close();
});

test("an expired media id shows the failure in the thread", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test", { locale: "pt-BR" });
  const waId = newWaId();
  // An id the fake does not hold: Meta's GraphMethodException (100/33).
  await contactWrites("Vendas", { waId, name: "Rafael Lima" }, [{ content: content.audio(true) }]);
  await row(ana, waId).click();
  const state = ana.getByTestId("message-thread").getByTestId("media-state");
  await expect(state).toHaveAttribute("data-state", "failed");
  await expect(state).toContainText("Não foi possível baixar este arquivo do WhatsApp.");
  await expect(state).toContainText("Unsupported get request");
  await ana.screenshot({ path: `${ARTIFACTS}/failed-desktop-pt-BR.png` });
  await ana.context().close();
});

test("an agent sends a photo and a PDF and sees the ticks; a file over the limit is refused first", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test");
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Lucas Ferreira" });
  await row(ana, waId).click();
  const thread = ana.getByTestId("message-thread");
  const input = ana.getByTestId("attach-input");

  // Too large for a photo (5 MB): refused with the reason before anything is uploaded.
  await input.setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(5 * 1024 * 1024 + 10) });
  await expect(ana.getByTestId("attachment-error")).toHaveText("This photo is larger than WhatsApp allows (5 MB).");
  await expect(ana.getByTestId("attachment")).toHaveCount(0);

  await input.setInputFiles({ name: "vitrine.png", mimeType: "image/png", buffer: await photo(ana) });
  await expect(ana.getByTestId("attachment")).toContainText("vitrine.png");
  await ana.getByRole("textbox", { name: "Reply" }).fill("Nossa vitrine nova");
  await ana.screenshot({ path: `${ARTIFACTS}/attach-desktop-en.png` });
  await ana.getByRole("button", { name: "Send file" }).click();
  const photoBubble = thread.getByTestId("message").filter({ hasText: "Nossa vitrine nova" });
  await expect(photoBubble.getByTestId("media-image")).toBeVisible();
  await expect(photoBubble.getByTestId("delivery-status")).toHaveAttribute("data-status", "read");

  await input.setInputFiles({ name: "proposta.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% proposta\n%%EOF\n") });
  await ana.getByRole("button", { name: "Send file" }).click();
  const pdfBubble = thread.getByTestId("message").filter({ has: ana.getByTestId("media-document") }).filter({ hasText: "proposta.pdf" });
  await expect(pdfBubble.getByTestId("delivery-status")).toHaveAttribute("data-status", "read");

  // What reached Meta: the uploads, then the sends referring to them.
  const uploads = (await (await fetch(`${E2E.graphURL}/__uploads`)).json()) as { id: string; filename: string; fields: Record<string, string> }[];
  expect(uploads.map((u) => [u.filename, u.fields.type])).toEqual([
    ["vitrine.png", "image/png"],
    ["proposta.pdf", "application/pdf"],
  ]);
  const sent = (await sentToGraph()) as unknown as { to: string; request: Record<string, unknown> }[];
  expect(sent.filter((m) => m.to === waId && m.request.type !== "text").map((m) => m.request.type)).toEqual(["image", "document"]);
  await ana.screenshot({ path: `${ARTIFACTS}/sent-desktop-en.png` });
  await ana.context().close();
});

test("with the window closed, an agent sends a template with its parameters", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test", { locale: "pt-BR" });
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Paula Cardoso" }, [{ content: content.text("Ainda estão aí?"), secondsAgo: 25 * 3600 }]);
  await row(ana, waId).click();
  await expect(ana.getByTestId("reply-blocked")).toContainText("A janela de 24 horas foi encerrada");
  await ana.getByTestId("template-open").click();
  const dialog = ana.getByTestId("template-dialog");
  await dialog.getByTestId("template-pick").selectOption("retomar_atendimento|pt_BR");
  await dialog.getByTestId("template-param-1").fill("Paula");
  await expect(dialog.getByTestId("template-preview")).toContainText("Olá Paula! Aqui é {{2}}");
  await expect(dialog.getByTestId("template-send")).toBeDisabled();
  await dialog.getByTestId("template-param-2").fill("Ana");
  await expect(dialog.getByTestId("template-preview")).toContainText("Olá Paula! Aqui é Ana, da equipe de atendimento.");
  await ana.screenshot({ path: `${ARTIFACTS}/template-desktop-pt-BR.png` });
  await dialog.getByTestId("template-send").click();

  const bubble = ana.getByTestId("message-thread").getByTestId("message").filter({ hasText: "Olá Paula! Aqui é Ana" });
  await expect(bubble.getByTestId("delivery-status")).toHaveAttribute("data-status", "read");
  const sent = (await sentToGraph()) as unknown as { to: string; request: Record<string, unknown> }[];
  expect(sent.find((m) => m.to === waId)?.request.template).toEqual({
    name: "retomar_atendimento",
    language: { code: "pt_BR" },
    components: [{ type: "body", parameters: [{ type: "text", text: "Paula" }, { type: "text", text: "Ana" }] }],
  });
  // The window stays closed: the contact must answer first.
  await expect(ana.getByTestId("reply-blocked")).toBeVisible();
  const [stored] = await database()`SELECT type, status FROM messages WHERE body LIKE 'Olá Paula!%'`;
  expect(stored?.type).toBe("template");
  await ana.context().close();
});
