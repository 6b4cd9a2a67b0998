// The strategies and limits of a group, importable by the browser (schemas.ts is not:
// it pulls in the database schema).
import type { ChannelGroup } from "@/db/schema";

export const STRATEGIES = ["manual", "balanced", "sequential"] as const satisfies readonly ChannelGroup["strategy"][];
export type Strategy = (typeof STRATEGIES)[number];

export const MAX_CAP = 1000;
export const MAX_WELCOME_LENGTH = 1000;
export const MAX_NAME_LENGTH = 80;
/** The reassignment timers (docs/behaviour.md#policies): whole minutes, up to a day. */
export const MIN_POLICY_MINUTES = 1;
export const MAX_POLICY_MINUTES = 1440;
/** Service-level targets (docs/behaviour.md#service-levels): whole minutes, up to 30 days. */
export const MAX_TARGET_MINUTES = 43200;
