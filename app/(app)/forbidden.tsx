import { Forbidden } from "@/components/forbidden";

// What forbidden() shows (with HTTP 403): a manager page opened by an agent.
export default function ForbiddenPage() {
  return <Forbidden />;
}
