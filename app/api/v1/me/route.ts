import { currentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await currentUser();
  if (!user) return Response.json({ ok: false, error: { code: "unauthenticated", message: "Please sign in again." } }, { status: 401 });
  return Response.json({ id: user.id, name: user.name, email: user.email, role: user.role, status: user.status });
}
