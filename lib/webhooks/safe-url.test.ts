// The SSRF guard's IPv6 ranges that carry an IPv4 address (issue 25 item 8): NAT64
// (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16), IPv4-compatible (::/96) and
// IPv4-translated (::ffff:0:0:0/96) are refused when a URL is registered and when a
// delivery connects — by a literal address and by a name that resolves to one.
import type { LookupAddress } from "node:dns";
import { describe, expect, it, vi } from "vitest";

// Production: internal addresses are refused.
vi.mock("@/lib/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/env")>();
  return { ...original, env: () => ({ ...original.env(), NODE_ENV: "production", WEBHOOK_ALLOW_PRIVATE_URLS: false }) };
});
// Names that resolve to the ranges, as a hostile DNS server would answer.
const RESOLVED: Record<string, string> = {
  "nat64.example": "64:ff9b::a9fe:a9fe",
  "sixtofour.example": "2002:7f00:1::1",
  "compat.example": "::7f00:1",
  "translated.example": "::ffff:0:a00:1",
  "public.example": "2606:4700::1111",
};
vi.mock("node:dns", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:dns")>();
  const lookup = (host: string, options: object, callback: (error: Error | null, addresses: LookupAddress[]) => void) => {
    const address = RESOLVED[host];
    if (address) return callback(null, [{ address, family: 6 }]);
    return original.lookup(host, { ...options, all: true }, callback as never);
  };
  return { ...original, lookup, default: { ...original, lookup } };
});

const { guardedLookup, isInternalAddress, refusalOfUrl } = await import("./safe-url");
const { postWebhook } = await import("./deliver");

const EMBEDDING = [
  "64:ff9b::7f00:1",
  "64:ff9b::127.0.0.1",
  "64:ff9b::8.8.8.8",
  "64:ff9b:1::a9fe:a9fe",
  "2002:7f00:1::",
  "2002:a9fe:a9fe::1",
  "::7f00:1",
  "::127.0.0.1",
  "::8.8.8.8",
  "::ffff:0:7f00:1",
  "::ffff:0:10.0.0.1",
  "::ffff:0:8.8.8.8",
  // IPv4-mapped, spelled in hex: the IPv4 address itself.
  "::ffff:7f00:1",
  "0:0:0:0:0:ffff:a9fe:a9fe",
];

const lookup = (host: string) =>
  new Promise<{ error: (Error & { code?: string }) | null; addresses: unknown }>((resolve) =>
    guardedLookup(host, { all: true }, (error, addresses) => resolve({ error, addresses })),
  );

describe("IPv6 ranges that carry an IPv4 address (issue 25 item 8)", () => {
  it("are internal addresses; public IPv6 and public IPv4-mapped are not", () => {
    for (const address of EMBEDDING) expect(isInternalAddress(address), address).toBe(true);
    for (const address of ["2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "::ffff:808:808"]) expect(isInternalAddress(address), address).toBe(false);
  });

  it("are refused at registration, as a literal and by name", async () => {
    for (const address of EMBEDDING) expect(await refusalOfUrl(`https://[${address}]/hook`), address).toBe("an internal address");
    for (const host of ["nat64.example", "sixtofour.example", "compat.example", "translated.example"]) {
      expect(await refusalOfUrl(`https://${host}/hook`), host).toBe("an internal address");
    }
    expect(await refusalOfUrl("https://public.example/hook")).toBeNull();
  });

  it("are refused when a delivery connects, as a literal and by name", async () => {
    for (const address of EMBEDDING) {
      expect(await postWebhook(`http://[${address}]:9/hook`, "{}", {}), address).toMatchObject({ status: null, error: "refused: internal address" });
    }
    for (const host of ["nat64.example", "sixtofour.example", "compat.example", "translated.example"]) {
      const { error } = await lookup(host);
      expect(error?.code, host).toBe("EINTERNAL");
    }
    expect(await lookup("public.example")).toMatchObject({ error: null, addresses: [{ address: "2606:4700::1111", family: 6 }] });
  });
});
