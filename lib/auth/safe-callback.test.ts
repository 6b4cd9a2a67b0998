import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath (issue 11 finding 2: open redirect after sign-in)", () => {
  it.each([
    "/\\evil.example/",
    "/%5Cevil.example/",
    "/\tevil.example/",
    "/%09/evil.example/",
    "//evil.example/",
    "/\n/evil.example",
    "http://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j", (candidate) => {
    // The browser decodes %5C and %09 before following the link: decode them as it would.
    expect(safeCallbackPath(candidate)).toBe("/inbox");
    expect(safeCallbackPath(decodeURIComponent(candidate.replace(/%(?![0-9a-f]{2})/gi, "%25")))).toBe("/inbox");
  });

  it.each([
    ["/inbox?tab=queue&c=12", "/inbox?tab=queue&c=12"],
    ["/omnichannel/channel-groups", "/omnichannel/channel-groups"],
    ["/reports#x", "/reports#x"],
  ])("keeps the same-origin path %j", (candidate, expected) => {
    expect(safeCallbackPath(candidate)).toBe(expected);
  });

  it("resolves dot segments against the app's origin", () => {
    expect(safeCallbackPath("/a/../inbox")).toBe("/inbox");
  });
});
