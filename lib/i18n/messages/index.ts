// The catalog: one module per area; add an area's import to both maps.
import * as common from "./common";
import * as groups from "./groups";
import * as inbox from "./inbox";

export const catalog = {
  en: { ...common.en, ...inbox.en, ...groups.en },
  "pt-BR": { ...common.ptBR, ...inbox.ptBR, ...groups.ptBR },
};

export type MessageKey = keyof typeof catalog.en;
