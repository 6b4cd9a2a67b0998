import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { RealtimeProvider } from "@/components/realtime-provider";
import { currentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  return (
    <RealtimeProvider userId={user.id}>
      <AppShell user={user}>{children}</AppShell>
    </RealtimeProvider>
  );
}
