"use server";

import { getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { setOwnStatusAnnounced } from "@/lib/realtime/announced-commands";
import { serverAction } from "./server-action";

/** Online / Paused / Offline for the signed-in user (their own status only). */
export const setMyStatus = serverAction("setMyStatus", (input: User["status"], user) => setOwnStatusAnnounced(getDb(), user, input));
