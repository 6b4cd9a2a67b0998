// Issue 11 finding 12 (the parts that live in next.config.ts): server-function calls are
// not logged (their arguments hold passwords and tokens), every answer carries the
// security headers, and server-action bodies may be large enough for each field's own
// limit to answer invalid_input. The headers themselves are checked in e2e/hardening.spec.ts.
import { describe, expect, it } from "vitest";
import config from "@/next.config";

describe("next.config.ts", () => {
  it("does not log server-function arguments", () => {
    expect(config.logging && config.logging.serverFunctions).toBe(false);
  });

  it("sends the security headers on every path", async () => {
    const rules = await config.headers!();
    const all = rules.find((rule) => rule.source === "/:path*")!;
    const headers = Object.fromEntries(all.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
  });

  it("answers 403 from forbidden() and accepts action bodies above every field's limit", () => {
    expect(config.experimental?.authInterrupts).toBe(true);
    expect(config.experimental?.serverActions?.bodySizeLimit).toBe("4mb");
  });
});
