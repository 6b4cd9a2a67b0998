// The answers of the notes' endpoints as the public API sends them, declared once as zod
// schemas (the OpenAPI document is generated from them, the API's tests validate real
// answers with them); the compile-time checks hold them equal to what the commands return.
import { z } from "zod";
import type { NoteResult } from "./add-note";
import type { Same } from "@/lib/api/same-shape";

const person = z.object({ id: z.int().min(1), name: z.string() });

/** POST /conversations/{id}/notes (201). */
export const noteAnswer = z
  .object({
    messageId: z.int().min(1).describe("The note, a message of the thread with direction internal: never sent to WhatsApp"),
    delivered: z.array(person).describe("Mentioned and told (they may see the conversation)"),
    undelivered: z.array(person).describe("Mentioned but not told: they may not see the conversation"),
  })
  .meta({ id: "NoteCreated" });

/** POST /me/mentions/read. */
export const mentionsReadAnswer = z.object({ marked: z.int().min(0).describe("How many of your mentions became read") });

const sameShape: Same<z.output<typeof noteAnswer>, Omit<NoteResult, "signals">> = true;
void sameShape;
