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
// IPv6 ranges that carry an IPv4 address (NAT64, 6to4, IPv4-compatible, IPv4-translated)
// are refused whole: a gateway on the way may turn them into any IPv4 address, 127.0.0.1
// included (issue 25 item 8). IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address itself.
for (const [network, prefix] of [
  ["::", 96],
  ["::1", 128],
  ["::ffff:0:0:0", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address of an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:XXXX:XXXX, any spelling), else null. */
function mappedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return null;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function expandIpv6(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

export function isInternalAddress(address: string): boolean {
  const mapped = mappedIpv4(address);
  if (mapped) return internal.check(mapped, "ipv4");
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
