// A next-auth session token as the browser's cookie carries it, for tests of the
// Socket.IO handshake (lib/ itself does not import next-auth outside lib/auth).
export { encode as encodeSessionToken } from "next-auth/jwt";
