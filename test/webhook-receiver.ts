// A receiver for Fila's outgoing webhooks in tests (lib/webhooks): records every request as
// it arrives and answers what the test says, 200 unless told otherwise.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it was answered with; 0 while the answer is still being decided. */
  status: number;
};

export type WebhookReceiver = {
  url: string;
  /** Every request, in the order they arrived. */
  requests: ReceivedWebhook[];
  /** How the next requests are answered. */
  answer: (request: ReceivedWebhook) => Promise<number> | number;
  /** Forgets the requests and answers 200 again. */
  reset(): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", async () => {
      const entry: ReceivedWebhook = { headers: request.headers, body, status: 0 };
      receiver.requests.push(entry);
      entry.status = await receiver.answer(entry);
      response.statusCode = entry.status;
      response.end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: [],
    answer: () => 200,
    reset() {
      receiver.requests = [];
      receiver.answer = () => 200;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return receiver;
}
