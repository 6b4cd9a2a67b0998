import { forbidden } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { isManager } from "@/lib/auth/permissions";

// Managers only, decided on the server for every page below (docs/behaviour.md#people-and-permissions).
export default async function OmnichannelLayout({ children }: { children: React.ReactNode }) {
  // forbidden() answers HTTP 403 with app/(app)/forbidden.tsx.
  if (!isManager(await currentUser())) forbidden();
  return children;
}
