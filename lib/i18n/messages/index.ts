// The catalog: one module per area; add an area's import to both maps.
import * as agentTools from "./agent-tools";
import * as api from "./api";
import * as board from "./board";
import * as common from "./common";
import * as groups from "./groups";
import * as inbox from "./inbox";
import * as media from "./media";
import * as placeInLine from "./place-in-line";
import * as reports from "./reports";
import * as reportsCompare from "./reports-compare";
import * as routing from "./routing";
import * as serviceLevels from "./service-levels";
import * as team from "./team";
import * as whatIf from "./what-if";
import * as whatsapp from "./whatsapp";

export const catalog = {
  en: { ...common.en, ...inbox.en, ...groups.en, ...reports.en, ...reportsCompare.en, ...routing.en, ...whatsapp.en, ...media.en, ...api.en, ...agentTools.en, ...whatIf.en, ...serviceLevels.en, ...placeInLine.en, ...team.en, ...board.en },
  "pt-BR": { ...common.ptBR, ...inbox.ptBR, ...groups.ptBR, ...reports.ptBR, ...reportsCompare.ptBR, ...routing.ptBR, ...whatsapp.ptBR, ...media.ptBR, ...api.ptBR, ...agentTools.ptBR, ...whatIf.ptBR, ...serviceLevels.ptBR, ...placeInLine.ptBR, ...team.ptBR, ...board.ptBR },
};

export type MessageKey = keyof typeof catalog.en;
