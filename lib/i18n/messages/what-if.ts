// The strategy what-if (docs/what-if.md): the panel beside Save in a group's Settings.
export const en = {
  "whatIf.invalid.period": "Choose a period of at most 31 days: from before to, or the last 7, 14 or 30 days.",
  "whatIf.invalid.days": "Choose the last 7, 14 or 30 days.",
  "whatIf.invalid.settings": "Only a group's settings can be tried: strategy, online only, cap, policies, business hours.",
} as const;

export const ptBR: Record<keyof typeof en, string> = {
  "whatIf.invalid.period": "Escolha um período de até 31 dias: início antes do fim, ou os últimos 7, 14 ou 30 dias.",
  "whatIf.invalid.days": "Escolha os últimos 7, 14 ou 30 dias.",
  "whatIf.invalid.settings": "Só as configurações de um grupo podem ser testadas: estratégia, só online, limite, políticas, horário de atendimento.",
};
