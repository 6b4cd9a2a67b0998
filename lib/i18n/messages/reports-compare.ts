// The Reports page's comparison, settings markers and policy figures (docs/behaviour.md#reports).
export const en = {
  "reports.invalid.compareFrom": "compareFrom must be an ISO-8601 instant, such as 2026-01-24T03:00:00Z.",
  "reports.invalid.compareTo": "compareTo must be an ISO-8601 instant, such as 2026-01-31T03:00:00Z.",
  "reports.invalid.comparePair": "Give both compareFrom and compareTo, or neither.",
  "reports.invalid.compareLength": "The compared period must be as long as the period.",
} as const;

export const ptBR: Record<keyof typeof en, string> = {
  "reports.invalid.compareFrom": "compareFrom deve ser um instante ISO-8601, como 2026-01-24T03:00:00Z.",
  "reports.invalid.compareTo": "compareTo deve ser um instante ISO-8601, como 2026-01-31T03:00:00Z.",
  "reports.invalid.comparePair": "Informe compareFrom e compareTo, ou nenhum dos dois.",
  "reports.invalid.compareLength": "O período comparado deve ter a mesma duração do período.",
};
