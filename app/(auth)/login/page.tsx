import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { isSessionEndReason } from "@/lib/realtime/session-ended";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reason?: string }> }) {
  if (await currentUser()) redirect("/inbox");
  const { callbackUrl, reason } = await searchParams;
  // Only same-origin paths: a callbackUrl is never an open redirect.
  const next = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <LoginForm next={next} showDemoLogins={env().FILA_DEMO} endedBecause={isSessionEndReason(reason) ? reason : null} />
    </main>
  );
}
