import { Forbidden } from "@/components/forbidden";
import { currentUser } from "@/lib/auth/session";
import { isManager } from "@/lib/auth/permissions";

export default async function ReportsLayout({ children }: { children: React.ReactNode }) {
  if (!isManager(await currentUser())) return <Forbidden />;
  return children;
}
