"use server";

// Private notes and their @mentions (lib/notes): the note is announced to the
// conversation's viewers, each delivered mention to the one user mentioned.
import { getDb } from "@/db/client";
import { addNoteAs } from "@/lib/notes/add-note";
import { markMentionsRead } from "@/lib/notes/mentions";
import type { MarkMentionsInput, NoteInput } from "@/lib/notes/schemas";
import { publish } from "@/lib/realtime/publish";
import { serverAction } from "./server-action";

export const addNote = serverAction("addNote", async (input: NoteInput, user) => {
  const { signals, ...result } = await addNoteAs(getDb(), user, input);
  publish(...signals);
  return result;
});

export const readMentionsOf = serverAction("markMentionsRead", async (input: MarkMentionsInput, user) => {
  const { marked, signal } = await markMentionsRead(getDb(), user, input);
  if (signal) publish(signal);
  return { marked };
});
