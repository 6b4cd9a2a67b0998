// Every page but /login needs a session (next-auth's JWT). Managers-only areas are
// refused again on the server by their layouts and actions; this is the first gate.
import { withAuth } from "next-auth/middleware";
import { NextResponse } from "next/server";

export default withAuth(
  function proxy() {
    return NextResponse.next();
  },
  {
    pages: { signIn: "/login" },
    callbacks: { authorized: ({ token }) => Boolean(token?.uid) },
  },
);

export const config = {
  // API routes answer 401/403 JSON themselves (they authorize on the server); pages redirect.
  matcher: ["/((?!login|api/|_next/static|_next/image|favicon.ico|sounds/).*)"],
};
