import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { requestLocale } from "@/lib/i18n/request-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Fila",
  description: "WhatsApp conversations, distributed to your team",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
