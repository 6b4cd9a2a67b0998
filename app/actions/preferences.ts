"use server";

import { cookies } from "next/headers";
import { parseInput, toActionError, type ActionResult } from "@/lib/errors";
import { localeSchema } from "@/lib/i18n/locale-schema";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";

/** The interface language; anyone may choose theirs, signed in or not. */
export async function setLocale(input: string): Promise<ActionResult> {
  try {
    const locale = parseInput(localeSchema, input);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    return { ok: true };
  } catch (error) {
    return toActionError(error, "setLocale");
  }
}
