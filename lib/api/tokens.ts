// Personal API tokens (docs/behaviour.md#public-api): a user creates, lists and revokes their own; a manager
// anyone's. The token is shown once and only its SHA-256 is kept — a token is 32 random
// bytes, so a fast hash is enough (there is nothing to guess), unlike a password. A token
// acts as its user with the user's current role and active flag, read on every request.
// Creating one asks for the creator's password again (a borrowed or stolen session cannot
// mint a lasting credential), and a password change, "sign out everywhere" or deactivation
// revokes every token of the user, with why (a trigger on users:
// db/functions/fila_revoke_api_tokens.sql); reactivation brings none back.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiTokenRevokedReason, apiTokens, users, type ApiToken } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { requireActor, type Actor } from "@/lib/auth/permissions";
import { accountLockedUntil, recordFailure } from "@/lib/auth/throttle";
import type { SessionUser } from "@/lib/auth/users";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, isVisiblyEmpty } from "@/lib/text-input";

export const TOKEN_PREFIX = "fila_";
/** last_used_at is written at most this often per token: a busy integration does not write on every request. */
const LAST_USED_RESOLUTION_SECONDS = 60;

const userIdSchema = z.number({ error: "api.invalid.user" }).int("api.invalid.user").positive("api.invalid.user").max(2_147_483_647, "api.invalid.user");

export const newTokenSchema = z.object({
  /** Whose token: yourself when absent; someone else for managers only. */
  userId: userIdSchema.optional(),
  name: z
    .string({ error: "api.invalid.tokenName" })
    .max(400, "api.invalid.tokenName")
    .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
    .trim()
    .refine((value) => !isVisiblyEmpty(value), "api.invalid.tokenName")
    .pipe(z.string().max(80, "api.invalid.tokenName"))
    // The limit the document states is the one after trimming (400 only bounds the work before it).
    .meta({ minLength: 1, maxLength: 80 }),
  /** The creator's own current password, asked again. */
  password: z.string({ error: "api.invalid.password" }).min(1, "api.invalid.password").max(1024, "api.invalid.password"),
});
export const tokenOwnerSchema = z.object({ userId: userIdSchema.optional() });
export const revokeTokenSchema = z.object({
  tokenId: z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").max(2_147_483_647, "error.invalidValue"),
  /** The token must be this user's (the API's /me/tokens/{id} and /users/{id}/tokens/{tokenId}); any other is not found. */
  userId: userIdSchema.optional(),
});

export type NewTokenInput = z.input<typeof newTokenSchema>;

const when = z.string().meta({ format: "date-time" });

/** A token as listed (never the token itself), declared once for the API's document and tests. */
export const tokenAnswer = z
  .object({
    id: z.int().min(1),
    userId: z.int().min(1),
    name: z.string(),
    prefix: z.string().describe("The token's first characters, to recognise it"),
    createdAt: when,
    lastUsedAt: when.nullable(),
    revokedAt: when.nullable(),
    revokedReason: z.enum(apiTokenRevokedReason.enumValues).nullable(),
  })
  .meta({ id: "ApiToken" });
export const tokenListAnswer = z.array(tokenAnswer);
/** The new token: `token` is shown this once, then only its SHA-256 is kept. */
export const tokenCreatedAnswer = z.object({ token: z.string().describe("Shown once: keep it now"), apiToken: tokenAnswer });
export const tokenRevokedAnswer = z.object({ apiToken: tokenAnswer });
export type TokenView = Pick<ApiToken, "id" | "userId" | "name" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt" | "revokedReason">;

const tokenView = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  revokedReason: apiTokens.revokedReason,
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Yourself, or anyone for a manager (the same refusal for a user that does not exist). */
async function requireTokenOwner(db: Db, actor: Actor, userId: number | undefined): Promise<number> {
  const owner = userId ?? actor.id;
  if (owner !== actor.id && actor.role !== "manager") throw new UserError("forbidden", "Only managers can manage other people's tokens.");
  if (owner !== actor.id) {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, owner));
    if (!row) throw new UserError("not_found", "This user does not exist.");
  }
  return owner;
}

/**
 * The actor's own password, asked again. A wrong one counts towards the account's sign-in
 * lock (docs/behaviour.md, "Sign-in and sessions"), so this is no way around it.
 */
async function requirePasswordAgain(db: Db, actor: Actor, password: string): Promise<void> {
  const [me] = await db.select({ email: users.email, passwordHash: users.passwordHash, active: users.active }).from(users).where(eq(users.id, actor.id));
  if (!me || !me.active) throw new UserError("unauthenticated", "Please sign in again.");
  if (await accountLockedUntil(db, me.email)) throw invalidFields({ password: "api.invalid.passwordLocked" });
  if (!(await verifyPassword(me.passwordHash, password))) {
    await recordFailure(db, me.email, null);
    throw invalidFields({ password: "api.invalid.wrongPassword" });
  }
}

/** Creates a token and returns it — the only time it is ever seen. */
export async function createApiToken(db: Db, actor: Actor | null | undefined, input: NewTokenInput): Promise<{ token: string; apiToken: TokenView }> {
  const a = requireActor(actor);
  const { userId, name, password } = parseInput(newTokenSchema, input);
  const owner = await requireTokenOwner(db, a, userId);
  await requirePasswordAgain(db, a, password);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: owner, name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), createdById: a.id })
    .returning(tokenView);
  return { token, apiToken: row! };
}

/** A user's tokens (never the tokens themselves), newest first, revoked ones included. */
export async function listApiTokens(db: Db, actor: Actor | null | undefined, input: z.input<typeof tokenOwnerSchema> = {}): Promise<TokenView[]> {
  const a = requireActor(actor);
  const { userId } = parseInput(tokenOwnerSchema, input);
  const owner = await requireTokenOwner(db, a, userId);
  return db.select(tokenView).from(apiTokens).where(eq(apiTokens.userId, owner)).orderBy(desc(apiTokens.id));
}

/** Revokes a token at once: the next request with it gets 401. */
export async function revokeApiToken(db: Db, actor: Actor | null | undefined, input: z.input<typeof revokeTokenSchema>): Promise<{ apiToken: TokenView }> {
  const a = requireActor(actor);
  const { tokenId, userId } = parseInput(revokeTokenSchema, input);
  const [token] = await db.select({ userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, tokenId));
  // Someone else's token is as unknown to an agent as one that does not exist.
  if (!token || (token.userId !== a.id && a.role !== "manager") || (userId !== undefined && token.userId !== userId)) throw new UserError("not_found", "This token does not exist.");
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())`, revokedReason: sql`coalesce(${apiTokens.revokedReason}, 'revoked')` })
    .where(eq(apiTokens.id, tokenId))
    .returning(tokenView);
  return { apiToken: row! };
}

export type TokenUser = SessionUser & { tokenId: number };

/**
 * The user a bearer token acts as, or null: unknown or revoked token, deactivated user.
 * Role and status are the user's current ones.
 */
export async function authenticateApiToken(db: Db, token: string): Promise<TokenUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      status: users.status,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), eq(users.active, true)));
  if (!row) return null;
  const { lastUsedAt, ...user } = row;
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > LAST_USED_RESOLUTION_SECONDS * 1000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, row.tokenId), sql`(${apiTokens.lastUsedAt} IS NULL OR ${apiTokens.lastUsedAt} < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))`));
  }
  return user;
}
