import { readBoard } from "@/lib/board";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

/** The whole board, or one group's with `?groupId=`. */
export const GET = apiRoute({ role: "manager" }, ({ db, user, query }) => readBoard(db, user, query));
