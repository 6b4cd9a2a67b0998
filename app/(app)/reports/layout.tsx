import { forbidden } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { isManager } from "@/lib/auth/permissions";

export default async function ReportsLayout({ children }: { children: React.ReactNode }) {
  // forbidden() answers HTTP 403 with app/(app)/forbidden.tsx.
  if (!isManager(await currentUser())) forbidden();
  return children;
}
