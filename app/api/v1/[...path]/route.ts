// Any /api/v1 path that is no endpoint: a JSON 404 in the API's shape, for every method
// (not the app's HTML not-found page) — issue 25 item 7. A method a real endpoint does not
// have is answered 405 in server.ts (lib/api/method-not-allowed.ts), before any route.
import { UserError } from "@/lib/errors";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

const notFound = apiRoute({ role: "public" }, () => {
  throw new UserError("not_found", "There is no such API endpoint. See /api/docs.");
});

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
