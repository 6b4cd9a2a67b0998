import { getDb } from "@/db/client";
import { BoardView } from "@/components/board/board-view";
import { readBoard } from "@/lib/board";
import { loadGroup } from "./load-group";

export const dynamic = "force-dynamic";

/** A group's own live board. */
export default async function GroupBoardPage({ params }: { params: Promise<{ groupId: string }> }) {
  const loaded = await loadGroup((await params).groupId);
  if (!loaded) return null;
  const { user, groupId } = loaded;
  const board = await readBoard(getDb(), user, { groupId });
  return <BoardView initial={board} groupId={groupId} />;
}
