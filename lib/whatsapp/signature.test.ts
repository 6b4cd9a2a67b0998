import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature";

const body = '{"object":"whatsapp_business_account","entry":[]}';

describe("verifySignature", () => {
  it("accepts Meta's signature of the raw body, as string or bytes", () => {
    const header = `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`;
    expect(signBody("s3cret", body)).toBe(header);
    expect(verifySignature("s3cret", body, header)).toEqual({ valid: true });
    expect(verifySignature("s3cret", Buffer.from(body), header.toUpperCase().replace("SHA256=", "sha256="))).toEqual({ valid: true });
  });

  it("refuses a missing, malformed or wrong signature", () => {
    expect(verifySignature("s3cret", body, null)).toEqual({ valid: false, reason: "missing" });
    expect(verifySignature("s3cret", body, "")).toEqual({ valid: false, reason: "missing" });
    expect(verifySignature("s3cret", body, "sha1=abc")).toEqual({ valid: false, reason: "malformed" });
    expect(verifySignature("s3cret", body, "sha256=abc")).toEqual({ valid: false, reason: "malformed" });
    expect(verifySignature("s3cret", body, signBody("other", body))).toEqual({ valid: false, reason: "mismatch" });
    expect(verifySignature("s3cret", `${body} `, signBody("s3cret", body))).toEqual({ valid: false, reason: "mismatch" });
  });
});
