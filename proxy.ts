// Every page but /login needs a session (next-auth's JWT). Managers-only areas are
// refused again on the server by their layouts and actions; this is the first gate.
import { withAuth } from "next-auth/middleware";
import { NextResponse } from "next/server";

const MANAGER_ONLY = ["/omnichannel", "/reports", "/api/v1/manager"];

export default withAuth(
  function proxy(req) {
    const path = req.nextUrl.pathname;
    if (MANAGER_ONLY.some((p) => path === p || path.startsWith(`${p}/`)) && req.nextauth.token?.role !== "manager") {
      if (path.startsWith("/api/")) return NextResponse.json({ ok: false, error: { code: "forbidden", message: "Only managers can do this." } }, { status: 403 });
    }
    return NextResponse.next();
  },
  {
    pages: { signIn: "/login" },
    callbacks: { authorized: ({ token }) => Boolean(token?.uid) },
  },
);

export const config = {
  matcher: ["/((?!login|api/auth|api/webhooks|api/health|_next/static|_next/image|favicon.ico|sounds/).*)"],
};
