import { Forbidden } from "@/components/forbidden";
import { currentUser } from "@/lib/auth/session";
import { isManager } from "@/lib/auth/permissions";

// Managers only, decided on the server for every page below (SPEC §1).
export default async function OmnichannelLayout({ children }: { children: React.ReactNode }) {
  if (!isManager(await currentUser())) return <Forbidden />;
  return children;
}
