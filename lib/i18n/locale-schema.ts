// The interface language a client chooses: one of ours (a catalog-keyed refusal
// otherwise). Apart from locales.ts so that the browser's bundle does not carry zod.
import { z } from "zod";
import { locales } from "./locales";

export const localeSchema = z.enum(locales, { error: "error.invalidValue" });
