// INSARAG worksite ids: the sector letter, a dash, the worksite number, and a lower-case letter for a
// sub-site (INSARAG Guidelines 2015, Vol. II Manual B, worksite triage form E1: "C-6"; sub-sites "C-6a").

export const WORKSITE_CODE_PATTERN = /^([A-Z])-([1-9][0-9]{0,2})([a-z])?$/;

export interface WorksiteCode {
  sector: string;
  number: number;
  /** The sub-site letter, or null for a worksite of its own. */
  sub: string | null;
}

/** Splits a worksite id such as A-1 or A-1a; null when it is not one. Precondition: none. */
export function parseWorksiteCode(code: string): WorksiteCode | null {
  const m = WORKSITE_CODE_PATTERN.exec(code);
  if (!m) return null;
  return { sector: m[1]!, number: Number(m[2]), sub: m[3] ?? null };
}

/** The worksite a sub-site belongs to (A-1a -> A-1), or null for a worksite that is not a sub-site. Precondition: none. */
export function parentWorksiteCode(code: string): string | null {
  const parsed = parseWorksiteCode(code);
  return parsed?.sub ? `${parsed.sector}-${parsed.number}` : null;
}
