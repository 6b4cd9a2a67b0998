// When the server ends a user's session (sign out everywhere, a new password,
// deactivation, a new role), their open tabs are told why on the socket and go to the sign-in page,
// which says it in a sentence — instead of showing "Reconnecting…" to a session that can
// never come back (issue 25 item 13). A socket whose session has ended is refused with
// the same reason when it tries to connect again.
export const SESSION_ENDED_EVENT = "session:ended";

export const SESSION_END_REASONS = ["signed-out", "password-changed", "deactivated", "role-changed"] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export const isSessionEndReason = (value: unknown): value is SessionEndReason => SESSION_END_REASONS.includes(value as SessionEndReason);

/** Where a tab whose session ended goes: the sign-in page, with the reason it shows. */
export const signInPathAfter = (reason: unknown) => `/login?reason=${isSessionEndReason(reason) ? reason : "signed-out"}`;
