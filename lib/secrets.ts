// AES-256-GCM for secrets stored in the database (channel access tokens).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { tokenKeyMaterial } from "@/lib/env";

function key(): Buffer {
  const material = tokenKeyMaterial();
  if (!material) throw new Error("TOKEN_ENCRYPTION_KEY or NEXTAUTH_SECRET must be set to store access tokens");
  return createHash("sha256").update(material).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
