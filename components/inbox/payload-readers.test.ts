// Issue 11 finding 9: one malformed contact card (`phones: [{…}, null]`) crashed the
// whole inbox. Every reader of a stored payload tolerates any JSON, and the thread
// renders whatever a webhook stored.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "@/components/i18n-provider";
import type { ThreadMessage } from "@/lib/inbox/types";
import { MessageContent } from "./message-content";
import { readContactCards, readLocation, readReply } from "./payload-readers";

const HOSTILE: unknown[] = [null, 0, "x", [], {}, [null], { name: null }, { phones: null }, { phones: [null, 1, "x", { phone: 5 }] }, true];

function render(type: string, payload: unknown, body: string | null = null): string {
  const message = { id: 1, type, body, payload, direction: "in", status: null, createdAt: new Date().toISOString() } as unknown as ThreadMessage;
  return renderToString(createElement(I18nProvider as unknown as React.FC<{ locale: "en" }>, { locale: "en" }, createElement(MessageContent, { message })));
}

describe("payload readers", () => {
  it("reads the contact card of the finding, skipping the null phone", () => {
    const cards = readContactCards([{ name: { formatted_name: "Maria" }, phones: [{ phone: "+55 11 99999-0000" }, null] }, null, "card"]);
    expect(cards).toEqual([{ name: "Maria", phones: ["+55 11 99999-0000"], emails: [] }]);
  });

  it("never throws on any JSON", () => {
    for (const value of HOSTILE) {
      expect(() => readContactCards(value)).not.toThrow();
      expect(() => readContactCards([value])).not.toThrow();
      expect(() => readLocation(value)).not.toThrow();
      expect(() => readReply(value)).not.toThrow();
    }
    expect(readLocation({ latitude: "1", longitude: 2 })).toBeNull();
  });

  it("renders every message type with hostile payloads without crashing", () => {
    const types = ["text", "image", "audio", "video", "document", "sticker", "location", "contacts", "interactive", "button", "reaction", "order", "system"];
    for (const type of types) {
      for (const value of HOSTILE) {
        for (const payload of [value, { contacts: value, location: value, reply: value, media: value, reaction: value }]) {
          expect(() => render(type, payload)).not.toThrow();
        }
      }
    }
    expect(render("contacts", { contacts: [{ name: { formatted_name: "Maria" }, phones: [{ phone: "+55 11 99999-0000" }, null] }] })).toContain("+55 11 99999-0000");
  });
});
