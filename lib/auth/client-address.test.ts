import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientAddressOf, parseTrustedProxies } from "./client-address";

describe("clientAddressOf (issue 11 finding 1: X-Forwarded-For is the client's to write)", () => {
  it("trusts no proxy by default: a rotating header changes nothing", () => {
    const none = parseTrustedProxies(undefined);
    for (let i = 0; i < 30; i++) expect(clientAddressOf("203.0.113.9", `198.51.100.${i}`, none)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:203.0.113.9", undefined, none)).toBe("203.0.113.9");
  });

  it("with one trusted proxy that appends, takes the hop it added, not the client's first entry", () => {
    const one = parseTrustedProxies("1");
    expect(clientAddressOf("10.0.0.2", "198.51.100.1, 203.0.113.9", one)).toBe("203.0.113.9");
    expect(clientAddressOf("10.0.0.2", "203.0.113.9", one)).toBe("203.0.113.9");
    expect(clientAddressOf("10.0.0.2", undefined, one)).toBe("10.0.0.2");
  });

  it("with trusted CIDRs, walks from the right past trusted hops only", () => {
    const list = parseTrustedProxies("10.0.0.0/8, 192.168.1.10");
    expect(clientAddressOf("10.0.0.2", "198.51.100.1, 203.0.113.9, 192.168.1.10", list)).toBe("203.0.113.9");
    // A connection from an untrusted address is the client whatever it says.
    expect(clientAddressOf("203.0.113.50", "10.1.1.1", list)).toBe("203.0.113.50");
    expect(clientAddressOf("10.0.0.2", "garbage, 10.1.1.1", list)).toBe("10.1.1.1");
  });

  it("refuses a bad TRUSTED_PROXIES at start", () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/99" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "proxy.local" })).toThrow(/TRUSTED_PROXIES/);
    expect(parseEnv({ TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES).toBe("2");
  });
});
