// The process's log: JSON lines on stdout (pino), one per request (with its id), one per
// job run, and the server's own events; readable by any log stack (docs/operations.md#logs).
import pino from "pino";

export { REQUEST_ID_HEADER, requestIdOf } from "./request-id";

export const logger = pino({ base: { app: "fila" } });
