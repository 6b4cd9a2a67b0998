// For lib/http/client-abort.test.ts: an HTTP server that takes a POST's body the way
// Next's proxy.ts path does (getCloneableBody: a clone for the proxy, then the request's
// stream internals replaced by the buffered copy's), answers after a pause, and has the
// real crash handlers installed. `--quiet` adds keepClientAbortsQuiet, as server.ts does.
import { createServer } from "node:http";
import { getCloneableBody } from "next/dist/server/body-streams.js";
import { keepClientAbortsQuiet } from "@/lib/http/client-abort";
import { installCrashHandlers } from "@/lib/runtime/crash-handlers";

const quiet = process.argv.includes("--quiet");
installCrashHandlers({ log: (line) => console.log(`[fila] ${line}`), graceMs: 100 });
const server = createServer(async (req, res) => {
  if (quiet) keepClientAbortsQuiet(req, res);
  if (req.method === "POST") {
    const body = getCloneableBody(req);
    body.cloneBodyStream().resume();
    try {
      await body.finalize();
    } catch {
      // the client went away before its body ended
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  if (!res.destroyed) res.end(JSON.stringify({ ok: true }));
});
server.listen(0, () => {
  const address = server.address();
  console.log(`ready on ${typeof address === "object" && address ? address.port : 0}`);
});
