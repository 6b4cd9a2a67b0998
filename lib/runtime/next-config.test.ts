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
    expect(rules.map((rule) => rule.source)).toEqual(["/:path((?!api/v1/media/).*)", "/api/v1/media/:path*"]);
    for (const rule of rules) {
      const headers = Object.fromEntries(rule.headers.map((h) => [h.key.toLowerCase(), h.value]));
      expect(headers["content-security-policy"], rule.source).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], rule.source).toBe("nosniff");
      expect(headers["referrer-policy"], rule.source).toBe("same-origin");
      expect(headers["x-frame-options"], rule.source).toBe("DENY");
    }
  });

  it("keeps the sandbox on stored files (issue 25 item 6): the media path gets the policy serve-media.ts gives it", async () => {
    const rules = await config.headers!();
    const media = rules.find((rule) => rule.source === "/api/v1/media/:path*")!;
    expect(media.headers.find((h) => h.key === "Content-Security-Policy")!.value).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  });

  it("answers 403 from forbidden() and accepts action bodies above every field's limit", () => {
    expect(config.experimental?.authInterrupts).toBe(true);
    expect(config.experimental?.serverActions?.bodySizeLimit).toBe("4mb");
  });
});
