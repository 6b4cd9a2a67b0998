// Which address a request comes from (issue 11 finding 1). X-Forwarded-For is written
// by whoever sent the request, so only the hops added by proxies we trust count:
// TRUSTED_PROXIES is either how many proxies stand in front of the app ("1": one load
// balancer) or the list of their addresses/CIDRs ("10.0.0.0/8, 192.168.1.10"). Unset,
// nobody is trusted and the connection's own address is the client.
import { BlockList, isIP } from "node:net";

/** Set by server.ts on every request, replacing any header of that name the client sent. */
export const CLIENT_ADDRESS_HEADER = "x-fila-client-addr";

export type TrustedProxies = { kind: "none" } | { kind: "count"; count: number } | { kind: "list"; list: BlockList; text: string };

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return { kind: "none" };
  if (/^[0-9]+$/.test(text)) {
    const count = Number.parseInt(text, 10);
    if (count > 20) throw new Error("must be a number of proxies (0–20) or a list of addresses/CIDRs");
    return { kind: "count", count };
  }
  const list = new BlockList();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    const [address, prefix] = entry.split("/");
    const family = address ? isIP(address) : 0;
    if (!address || family === 0) throw new Error(`"${entry}" is not an IP address or CIDR`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = /^[0-9]{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (!(bits >= 0 && bits <= (family === 6 ? 128 : 32))) throw new Error(`"${entry}" has an invalid prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return { kind: "list", list, text };
}

/** "::ffff:10.0.0.1" (an IPv4 client of a dual-stack socket) is 10.0.0.1. */
function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the connection's, unless it is a trusted proxy, in which case
 * X-Forwarded-For is read from the right, one trusted hop at a time.
 */
export function clientAddressOf(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const remote = normalize(remoteAddress ?? "");
  if (trusted.kind === "none") return remote;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = [...header.split(",").map(normalize).filter((hop) => hop !== ""), remote];
  if (trusted.kind === "count") {
    // The last `count` hops are our proxies (the connection is the first of them).
    const index = hops.length - 1 - trusted.count;
    const candidate = hops[Math.max(index, 0)]!;
    return isIP(candidate) ? candidate : remote;
  }
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return hops[i + 1] ?? remote;
    if (!isTrusted(trusted.list, hop)) return hop;
  }
  return hops[0]!;
}
