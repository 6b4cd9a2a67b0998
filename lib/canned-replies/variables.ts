// The variables a canned reply may hold, and how they are filled. Browser-safe (the
// Omnichannel form checks with it as you type). Unknown variables are refused when the
// reply is saved (schemas.ts), so whatever is stored fills completely; a name that is
// not known (a contact without a profile name) fills as empty text.
export const CANNED_VARIABLES = ["contact.name", "agent.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Record<CannedVariable, string | null>;

// {{ name }}: letters, digits, dots and underscores, spaces allowed inside the braces.
const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

const isKnown = (name: string): name is CannedVariable => (CANNED_VARIABLES as readonly string[]).includes(name);

/** The variables of a template that Fila does not know, in order of appearance, once each. */
export function unknownVariables(template: string): string[] {
  const unknown = [...template.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !isKnown(name));
  return [...new Set(unknown)];
}

/** The template with each known variable replaced by its value; anything else stays as written. */
export function fillCannedReply(template: string, values: CannedValues): string {
  return template.replace(VARIABLE, (whole, name: string) => (isKnown(name) ? (values[name] ?? "") : whole));
}
