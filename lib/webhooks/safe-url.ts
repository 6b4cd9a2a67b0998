// No server-side request forgery through outgoing webhooks: only http(s), and in
// production no loopback, private, link-local or otherwise internal address — checked
// when the URL is registered and again when each delivery connects (the address the
// socket uses is the one checked, so a DNS answer that changes in between does not help).
// WEBHOOK_ALLOW_PRIVATE_URLS=1 lifts the address rule (an on-premises receiver).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether internal addresses are refused: in production, unless allowed. */
export function internalAddressesRefused(): boolean {
  const config = env();
  return config.NODE_ENV === "production" && !config.WEBHOOK_ALLOW_PRIVATE_URLS;
}

/** Why a URL may not receive webhooks, or null. Hostnames are resolved. */
export async function refusalOfUrl(url: string, refuseInternal = internalAddressesRefused()): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a URL";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "only http and https";
  if (parsed.username || parsed.password) return "no credentials in the URL";
  if (!refuseInternal) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolveAll(host).catch(() => null);
  if (!addresses || addresses.length === 0) return "the host does not resolve";
  return addresses.some(isInternalAddress) ? "an internal address" : null;
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses: LookupAddress[]) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))),
  );
}

/** A `lookup` for http.request that refuses internal addresses when they are refused. */
export const guardedLookup: typeof dnsLookup = ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    const allowed = internalAddressesRefused() ? addresses.filter((a) => !isInternalAddress(a.address)) : addresses;
    if (allowed.length === 0) return callback(Object.assign(new Error(`refused: ${hostname} resolves to an internal address`), { code: "EINTERNAL" }));
    if ((options as { all?: boolean }).all) return callback(null, allowed);
    return callback(null, allowed[0]!.address, allowed[0]!.family);
  });
}) as typeof dnsLookup;
