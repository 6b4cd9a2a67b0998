// The answers of a group's number's commands (POST /groups/{id}/channels, PATCH /channels/{id},
// PUT /channels/{id}/token) around the one Channel schema (answer-schemas.ts); the compile-time
// check holds it equal to ChannelView. The access token never leaves the server: tokenSet says whether one is.
import { z } from "zod";
import { channelAnswer } from "./answer-schemas";
import type { ChannelView } from "./channels";
import type { Same } from "@/lib/api/same-shape";

export { channelAnswer };

/** PATCH /channels/{id}. */
export const channelChangeAnswer = z.object({ channel: channelAnswer, changed: z.boolean() });

/** PATCH /groups/{id}/members/{userId}. */
export const memberCapAnswer = z.object({
  changed: z.boolean(),
  member: z.object({ id: z.int().min(1), name: z.string() }),
  assigned: z.int().min(0).describe("Queued conversations the change let the group hand out at once"),
});

const sameShape: Same<z.output<typeof channelAnswer>, ChannelView> = true;
void sameShape;
