// What a manager may write about a user. Messages are catalog keys (lib/errors.ts, parseInput).
import { z } from "zod";
import { userRole } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, isVisiblyEmpty } from "@/lib/text-input";

export const MIN_PASSWORD_LENGTH = 8;

const userIdSchema = z.number({ error: "team.invalid.unknownUser" }).int("team.invalid.unknownUser").positive("team.invalid.unknownUser").max(2_147_483_647, "team.invalid.unknownUser");
const passwordSchema = z
  .string({ error: "team.invalid.password" })
  .min(MIN_PASSWORD_LENGTH, "team.invalid.password")
  .max(256, "team.invalid.passwordTooLong");

export const newUserSchema = z.object({
  name: z
    .string({ error: "team.invalid.nameRequired" })
    .max(320, "team.invalid.nameTooLong")
    .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
    .trim()
    .refine((value) => !isVisiblyEmpty(value), "team.invalid.nameRequired")
    .pipe(z.string().max(80, "team.invalid.nameTooLong"))
    // The limit the document states is the one after trimming (320 only bounds the work before it).
    .meta({ minLength: 1, maxLength: 80 }),
  email: z.string({ error: "team.invalid.email" }).trim().toLowerCase().pipe(z.email("team.invalid.email").max(320, "team.invalid.email")),
  role: z.enum(userRole.enumValues, { error: "team.invalid.role" }),
  password: passwordSchema,
});

/** A user id that is well formed but no one's: 404 through the API, the field named for the forms. */
export const unknownUser = () => new UserError("not_found", "This user does not exist.", {}, { userId: "team.invalid.unknownUser" });

export const resetPasswordSchema = z.object({ userId: userIdSchema, password: passwordSchema });
export const userActiveSchema = z.object({ userId: userIdSchema, active: z.boolean({ error: "groups.invalid.value" }) });

/** A role change: agent ↔ manager. The API's body is the same field, strict (lib/api/schemas.ts). */
export const roleSchema = z.enum(userRole.enumValues, { error: "team.invalid.role" });
export const userRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export type UserRoleInput = z.input<typeof userRoleSchema>;

export const userSessionsSchema = z.object({ userId: userIdSchema });
export type UserSessionsInput = z.input<typeof userSessionsSchema>;

export type NewUserInput = z.input<typeof newUserSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
export type UserActiveInput = z.input<typeof userActiveSchema>;

const teamUser = z.object({ id: z.int().min(1), name: z.string(), email: z.string(), role: z.enum(userRole.enumValues), active: z.boolean() });

/** POST /api/v1/users (201), declared once: the OpenAPI document and the API's tests use it. */
export const userCreatedAnswer = z.object({ user: teamUser }).meta({ id: "UserCreated" });

/** PATCH /api/v1/users/{id}: the user as they now are. */
export const userPatchAnswer = z.object({
  user: teamUser,
  changed: z.boolean().describe("false when the user already had that role and that active flag"),
  requeued: z.int().min(0).describe("Their open conversations that went back to the queue (deactivation)"),
});

/** POST /api/v1/users/{id}/reset-password. */
export const passwordResetAnswer = z.object({ user: teamUser });

/** POST /api/v1/users/{id}/unlock and …/sign-out: whom it concerned. */
export const userActedOnAnswer = z.object({ user: z.object({ id: z.int().min(1), name: z.string() }) });
