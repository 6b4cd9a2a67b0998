// The shape of every server action (STYLE habit 2): parse the input with zod, find the
// signed-in user, run, and answer `{ ok: true, … } | { ok: false, error }`. Authorization
// itself is the action's first line, through lib/auth/permissions.ts.
import { z } from "zod";
import { toActionError, UserError, type ActionResult } from "@/lib/errors";
import { catalog, type MessageKey } from "@/lib/i18n/messages";
import { translate } from "@/lib/i18n/translate";
import { currentUser, type SessionUser } from "./session";

export function invalidInput(error: z.ZodError): UserError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
  // A message that is a catalog key stays a key in `fields` (the interface translates
  // it) and reads as English in the summary.
  const english = (message: string) => (message in catalog.en ? translate("en", message as MessageKey) : message);
  const summary = Object.entries(fields)
    .map(([field, message]) => (field === "_" ? english(message) : `${field}: ${english(message)}`))
    .join("; ");
  return new UserError("invalid_input", summary, {}, fields);
}

export function validatedAction<S extends z.ZodType, R extends object>(
  name: string,
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (input) => {
    try {
      const user = await currentUser();
      if (!user) throw new UserError("unauthenticated", "Please sign in again.");
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw invalidInput(parsed.error);
      const result = await run(parsed.data, user);
      return { ok: true, ...result } as ActionResult<R>;
    } catch (error) {
      return toActionError(error, name);
    }
  };
}
