"use server";

// Private notes and their @mentions (lib/notes): the note is announced to the
// conversation's viewers, each delivered mention to the one user mentioned.
import { getDb } from "@/db/client";
import type { MarkMentionsInput, NoteInput } from "@/lib/notes/schemas";
import { addNoteAnnounced, markMentionsReadAnnounced } from "@/lib/realtime/announced-commands";
import { serverAction } from "./server-action";

export const addNote = serverAction("addNote", (input: NoteInput, user) => addNoteAnnounced(getDb(), user, input));

export const readMentionsOf = serverAction("markMentionsRead", (input: MarkMentionsInput, user) => markMentionsReadAnnounced(getDb(), user, input));
