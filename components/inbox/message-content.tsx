"use client";

// The body of one message, by WhatsApp type (lib/whatsapp/inbound-message-content.ts
// says what each stores): text, media cards, location, contact cards, button and list
// replies, orders, flow replies, notes from WhatsApp, edits and deletions, and anything
// else as an unsupported message. Labels come from the catalog.
import { File as FileIcon, Image as ImageIcon, MapPin, Mic, Video } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import type { MessageKey } from "@/lib/i18n/translate";
import type { ThreadMessage } from "@/lib/inbox/types";
import { orderTotal, type InboundPayload } from "@/lib/whatsapp/inbound-message-content";
import { MediaAttachment } from "./media-attachment";
import { readContactCards, readLocation, readMedia, readPayload, readReactionEmoji, readReply, type ContactCardView, type LocationView, type MediaView, type ReplyView } from "./payload-readers";

const MEDIA_TYPES = new Set(["image", "audio", "video", "document", "sticker"]);

export function MessageContent({ message }: { message: ThreadMessage }) {
  // The payload is a webhook's JSON: every reader tolerates any shape (payload-readers.ts).
  const payload = readPayload(message.payload);
  if (payload.unsupported) return <Unsupported type={message.type} />;
  if (MEDIA_TYPES.has(message.type)) return <MediaCard message={message} media={readMedia(payload.media)} />;
  // Shapes Fila's own reader wrote (inbound-message-content.ts validated them on the way in).
  const known = payload as InboundPayload;
  if (known.order && Array.isArray(known.order.items)) return <OrderCard order={known.order} />;
  if (known.flowReply) return <FlowReply reply={known.flowReply} />;
  if (known.system) return <SystemNote system={known.system} />;
  if (known.edit) return <EditLine body={message.body} />;
  if (known.revoke) return <RevokeLine />;
  switch (message.type) {
    case "text":
      return <Text body={message.body} />;
    case "location": {
      const location = readLocation(payload.location);
      return location ? <LocationCard location={location} /> : <Unsupported type={message.type} />;
    }
    case "contacts":
      return <ContactCards cards={readContactCards(payload.contacts)} />;
    case "interactive":
    case "button": {
      const reply = readReply(payload.reply);
      return reply ? <ChoiceReply reply={reply} /> : <Text body={message.body} />;
    }
    case "reaction":
      return <ReactionLine emoji={readReactionEmoji(payload.reaction)} />;
    default:
      return message.body ? <Text body={message.body} /> : <Unsupported type={message.type} />;
  }
}

function Text({ body }: { body: string | null }) {
  return <p className="break-words whitespace-pre-wrap">{body}</p>;
}

function Unsupported({ type }: { type: string }) {
  const { t } = useI18n();
  return <p className="text-slate-500 italic">{t("inbox.message.unsupported", { type })}</p>;
}

function mediaLabel(type: string, voice: boolean | undefined): MessageKey {
  if (type === "audio" && voice) return "inbox.message.voice";
  return `inbox.message.${type}` as MessageKey;
}

function MediaCard({ message, media }: { message: ThreadMessage; media: MediaView }) {
  const { t } = useI18n();
  const filename = media.filename;
  const label = t(mediaLabel(message.type, media.voice));
  // A document's body is its caption, or its filename when it has none.
  const caption = message.body && message.body !== filename ? message.body : null;
  return (
    <div className="flex flex-col gap-1.5" data-testid="media-card" data-media-type={message.type}>
      {message.media ? (
        <MediaAttachment type={message.type} media={message.media} voice={media.voice} label={label} />
      ) : (
        <div className="flex items-center gap-3 rounded-lg bg-black/5 p-2.5">
          <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-white/80 text-slate-500">
            <MediaIcon type={message.type} />
          </span>
          <span className="min-w-0">
            <span className="block text-sm font-medium">{label}</span>
            {filename && <span className="block truncate text-xs text-slate-600">{filename}</span>}
          </span>
        </div>
      )}
      {caption && <Text body={caption} />}
    </div>
  );
}

const MEDIA_ICONS = { image: ImageIcon, sticker: ImageIcon, audio: Mic, video: Video } as const;

function MediaIcon({ type }: { type: string }) {
  const Icon = MEDIA_ICONS[type as keyof typeof MEDIA_ICONS] ?? FileIcon;
  return <Icon className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} />;
}

function LocationCard({ location }: { location: LocationView }) {
  const { t } = useI18n();
  const { latitude, longitude, name, address } = location;
  const map = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  return (
    <div className="flex items-start gap-3" data-testid="location-card">
      <span className="mt-0.5 flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-black/5 text-slate-500">
        <MapPin className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} />
      </span>
      <span className="min-w-0">
        <span className="block text-sm font-medium">{name ?? t("inbox.message.location")}</span>
        {address && <span className="block text-xs text-slate-600">{address}</span>}
        <span className="block font-mono text-[11px] text-slate-500">
          {latitude.toFixed(5)}, {longitude.toFixed(5)}
        </span>
        <a href={map} target="_blank" rel="noreferrer noopener" className="text-xs font-medium text-brand-700 hover:underline">
          {t("inbox.message.openMap")}
        </a>
      </span>
    </div>
  );
}

function ContactCards({ cards }: { cards: ContactCardView[] }) {
  const { t } = useI18n();
  return (
    <ul className="flex flex-col gap-2" data-testid="contacts-card">
      {cards.map((card, i) => (
        <li key={i} className="rounded-lg bg-black/5 p-2.5">
          <span className="block text-[11px] font-medium tracking-wide text-slate-500 uppercase">{t("inbox.message.contacts")}</span>
          <span className="block text-sm font-medium">{card.name ?? "—"}</span>
          {card.phones.map((phone, j) => (
            <span key={j} className="block text-xs text-slate-600">
              {phone}
            </span>
          ))}
          {card.emails.map((email, j) => (
            <span key={j} className="block text-xs text-slate-600">
              {email}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

function ChoiceReply({ reply }: { reply: ReplyView }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-0.5" data-testid="choice-reply">
      <span className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">
        {t(reply.kind === "list_reply" ? "inbox.message.listReply" : "inbox.message.buttonReply")}
      </span>
      <span className="inline-flex w-fit items-center gap-1.5 rounded-full border border-current/20 px-2.5 py-0.5 text-sm font-medium">{reply.title}</span>
      {reply.description && <span className="text-xs text-slate-600">{reply.description}</span>}
    </div>
  );
}

/** A reaction whose message is not in the thread (older than what is loaded, or unknown). */
function ReactionLine({ emoji }: { emoji: string | null }) {
  const { t } = useI18n();
  return <p className="text-slate-600">{emoji ? t("inbox.message.reactedTo", { emoji }) : t("inbox.message.reactionRemoved")}</p>;
}

function OrderCard({ order }: { order: NonNullable<InboundPayload["order"]> }) {
  const { t, locale } = useI18n();
  const money = (amount: number, currency: string) => {
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
    } catch {
      return `${amount.toFixed(2)} ${currency}`;
    }
  };
  const total = orderTotal(order.items);
  return (
    <div className="flex flex-col gap-1.5" data-testid="order-card">
      <span className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{t("whatsapp.message.orderItems", { count: order.items.length })}</span>
      <table className="w-full text-xs">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="py-0.5 pr-2 font-medium">{t("whatsapp.message.orderProduct")}</th>
            <th className="py-0.5 pr-2 text-right font-medium">{t("whatsapp.message.orderQuantity")}</th>
            <th className="py-0.5 text-right font-medium">{t("whatsapp.message.orderPrice")}</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item, i) => (
            <tr key={i} className="border-t border-black/5">
              <td className="py-0.5 pr-2 font-mono">{item.productRetailerId}</td>
              <td className="py-0.5 pr-2 text-right">{item.quantity}</td>
              <td className="py-0.5 text-right">{money(item.itemPrice, item.currency)}</td>
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr className="border-t border-black/10 font-semibold">
              <td className="py-0.5 pr-2" colSpan={2}>
                {t("whatsapp.message.orderTotal")}
              </td>
              <td className="py-0.5 text-right" data-testid="order-total">
                {money(total.amount, total.currency)}
              </td>
            </tr>
          </tfoot>
        )}
      </table>
      {order.text && <Text body={order.text} />}
    </div>
  );
}

function FlowReply({ reply }: { reply: NonNullable<InboundPayload["flowReply"]> }) {
  const { t } = useI18n();
  // The flow's own token is bookkeeping, not an answer.
  const fields = Object.entries(reply.response ?? {}).filter(([key]) => key !== "flow_token");
  return (
    <div className="flex flex-col gap-1" data-testid="flow-reply">
      <span className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{t("whatsapp.message.flowReply")}</span>
      {fields.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          {fields.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-500">{key}</dt>
              <dd className="break-words">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <Text body={reply.responseText ?? reply.body ?? null} />
      )}
    </div>
  );
}

const SYSTEM_KINDS = new Set(["user_changed_number", "user_changed_user_id", "customer_identity_changed"]);

/** A note from WhatsApp about the contact, not something they wrote. */
export function SystemNote({ system }: { system: NonNullable<InboundPayload["system"]> }) {
  const { t } = useI18n();
  const kind = SYSTEM_KINDS.has(system.kind) ? system.kind : "other";
  return (
    <p className="text-slate-600" data-testid="system-note">
      {t(`whatsapp.message.system.${kind}` as MessageKey)}
      {system.kind === "user_changed_number" && system.newWaId && <> · {t("whatsapp.message.system.newNumber", { number: `+${system.newWaId}` })}</>}
    </p>
  );
}

/** An edit whose original is not in the thread (when it is, the original shows the new text). */
function EditLine({ body }: { body: string | null }) {
  const { t } = useI18n();
  return <p className="text-slate-600">{body ? t("whatsapp.message.editedTo", { text: body }) : t("whatsapp.message.editedMessage")}</p>;
}

/** A deletion whose original is not in the thread (when it is, the original is marked deleted). */
function RevokeLine() {
  const { t } = useI18n();
  return <p className="text-slate-500 italic">{t("whatsapp.message.deletedMessage")}</p>;
}
