// The catalog: one module per area; add an area's import to both maps.
import * as common from "./common";

export const catalog = {
  en: { ...common.en },
  "pt-BR": { ...common.ptBR },
};

export type MessageKey = keyof typeof catalog.en;
