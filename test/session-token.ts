// A next-auth session token as the browser's cookie carries it, for tests of the
// Socket.IO handshake (lib/ itself does not import next-auth outside lib/auth).
export { decode as decodeSessionToken, encode as encodeSessionToken } from "next-auth/jwt";
