// The profile: your personal API tokens. A manager sees anyone's with ?userId= (from the
// team screen); lib/api/tokens refuses anyone else.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { ApiTokens } from "@/components/api/api-tokens";
import { listApiTokens } from "@/lib/api/tokens";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { strictNumberFromText } from "@/lib/text-input";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";
import { forbidden } from "next/navigation";

export const dynamic = "force-dynamic";

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ userId?: string }> }) {
  const t = translator(await requestLocale());
  const user = await currentUser();
  if (!user) return null;
  const requested = strictNumberFromText((await searchParams).userId);
  const userId = typeof requested === "number" && Number.isSafeInteger(requested) && requested > 0 ? requested : user.id;
  if (userId !== user.id && !isManager(user)) forbidden();
  const [owner] = await getDb().select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  if (!owner) forbidden();
  const tokens = await listApiTokens(getDb(), user, { userId });
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("profile.title")}</h1>
        <p className="mt-1 text-sm text-slate-500" data-testid="profile-owner">
          {owner.name} · {owner.email}
        </p>
      </header>
      <ApiTokens userId={userId} tokens={tokens.map((token) => ({ ...token, createdAt: token.createdAt.toISOString(), lastUsedAt: iso(token.lastUsedAt), revokedAt: iso(token.revokedAt) }))} />
      <p className="text-sm text-slate-500">
        {t("api.tokens.docs")}{" "}
        <a className="text-brand-700 underline" href="/api/docs">
          /api/docs
        </a>
      </p>
    </div>
  );
}
