// A unique index refused a row that a check just before it let through (two managers
// at once): the same answer as the check's.
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error; e instanceof Error || (typeof e === "object" && e !== null); e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name } = e as { code?: string; constraint_name?: string };
    if (code === "23505" && constraint_name === constraint) return true;
    if (!("cause" in (e as object))) break;
  }
  return false;
}
