import { GroupHeader } from "@/components/groups/group-header";
import { loadGroup } from "./load-group";

export default async function GroupLayout({ children, params }: { children: React.ReactNode; params: Promise<{ groupId: string }> }) {
  const loaded = await loadGroup((await params).groupId);
  if (!loaded) return children;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5 p-4 md:p-6">
      <GroupHeader initial={loaded.details} />
      {children}
    </div>
  );
}
