import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ user }) => ({ id: user.id, name: user.name, email: user.email, role: user.role, status: user.status }));
