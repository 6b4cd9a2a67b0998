// next-auth v4 configuration: credentials sign-in, JWT sessions carrying id and role.
import type { NextAuthOptions } from "next-auth";
import { encode, getToken } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { UserError } from "@/lib/errors";
import type { Role } from "./permissions";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { signInWithPassword } from "./sign-in";

// Node's own loader (server.ts under tsx, for the Socket.IO handshake) sees the CommonJS
// module object; bundlers see its default export.
const CredentialsProvider = (Credentials as unknown as { default?: typeof Credentials }).default ?? Credentials;

// server.ts works the client's address out of the connection and X-Forwarded-For
// (TRUSTED_PROXIES) and sets this header, replacing any the client sent.
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof address === "string" && address !== "" ? address : null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await signInWithPassword(getDb(), credentials, clientAddress(req.headers));
          return { id: String(user.id), name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
        } catch (error) {
          // next-auth passes a thrown message to the client as `error`.
          if (error instanceof UserError && error.code === "throttled") throw new Error(`throttled:${error.params.retryAt ?? ""}`);
          if (error instanceof UserError && error.params.reason === "deactivated") throw new Error("deactivated");
          if (error instanceof UserError) return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = (user as unknown as { role: Role }).role;
        token.sv = (user as unknown as { sessionVersion: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid;
        session.user.role = token.role;
        session.user.sessionVersion = token.sv ?? 0;
      }
      return session;
    },
  },
};

/** The user id and session version in a request's next-auth session cookie (Socket.IO handshakes), or null. */
export async function sessionFromCookies(
  headers: Record<string, string | string[] | undefined>,
  cookies: Record<string, string | undefined>,
  secret: string,
): Promise<{ userId: number; sessionVersion: number } | null> {
  // getToken reads cookies from a parsed object, as Next's request would give it.
  const token = await getToken({ req: { headers, cookies } as never, secret });
  return token?.uid ? { userId: token.uid, sessionVersion: token.sv ?? 0 } : null;
}

/**
 * `next-auth.session-token=…` for that user, as next-auth issues it over plain HTTP: the
 * dev server's warm-up visits pages behind the sign-in with it (lib/runtime/warm-routes.ts).
 */
export async function sessionCookieFor(
  user: { id: number; name: string; role: Role; sessionVersion: number },
  secret: string,
): Promise<string> {
  const token = await encode({ token: { uid: user.id, role: user.role, name: user.name, sv: user.sessionVersion }, secret });
  return `next-auth.session-token=${token}`;
}

declare module "next-auth" {
  interface Session {
    user: { id: number; role: Role; sessionVersion: number; name?: string | null; email?: string | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: Role;
    /** The user's session version when this session was issued (users.session_version). */
    sv?: number;
  }
}
