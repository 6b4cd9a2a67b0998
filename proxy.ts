// Every page but /login needs a session (next-auth's JWT): without one, the browser goes
// to the sign-in page. Roles are decided on the server by each layout, action and route.
import { withAuth } from "next-auth/middleware";

export default withAuth({
  pages: { signIn: "/login" },
  callbacks: { authorized: ({ token }) => Boolean(token?.uid) },
});

export const config = {
  // API routes answer 401/403 JSON themselves (they authorize on the server).
  matcher: ["/((?!login|api/|_next/static|_next/image|favicon.ico|sounds/).*)"],
};
