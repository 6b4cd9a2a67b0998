"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { locales, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { toActionError, type ActionResult } from "@/lib/errors";
import { invalidInput } from "@/lib/auth/validated-action";

/** The interface language; anyone may choose theirs, signed in or not. */
export async function setLocale(input: string): Promise<ActionResult> {
  try {
    const parsed = z.enum(locales).safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);
    (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    return { ok: true };
  } catch (error) {
    return toActionError(error, "setLocale");
  }
}
