// The INSARAG worksite marking painted beside the main entrance (INSARAG Guidelines 2015, Vol. II Manual B,
// worksite marking): a box about 1.2 m by 1 m; the worksite id large inside it; one line per ASR level
// completed, "team - ASR level - date"; hazards written above; the triage category below. The victim counts
// follow the older convention of live removed on the left, dead on the right. When all work is done a line is
// drawn through the box.

export interface AsrEntry {
  level: number;
  /** The team as painted: its short name. */
  team: string;
  /** When the level was completed: an ISO time (UTC). */
  at: string;
}

export interface MarkingInput {
  code: string;
  triageCategory: string | null;
  hazards: readonly string[];
  asr: readonly AsrEntry[];
  liveRemoved: number;
  deadRemoved: number;
  closed: boolean;
}

export interface Marking {
  above: string | null;
  inside: string[];
  below: string | null;
  left: string;
  right: string;
  /** True once the line through the box is drawn: no further rescue work here. */
  complete: boolean;
  /** The whole marking as lines a team leader reads out or sends by SMS. */
  text: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** "03 JAN": day and month name, never ambiguous between day-month and month-day orders. Precondition: a valid ISO time. */
export function markingDate(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]}`;
}

/** The marking for a worksite's current state. Precondition: counts are non-negative integers. */
export function worksiteMarking(input: MarkingInput): Marking {
  const asr = [...input.asr].sort((a, b) => a.level - b.level || a.at.localeCompare(b.at));
  const above = input.hazards.length ? input.hazards.map((h) => h.toUpperCase()).join(', ') : null;
  const inside = [input.code, ...asr.map((a) => `${a.team.toUpperCase()} - ASR${a.level} - ${markingDate(a.at)}`)];
  const below = input.triageCategory;
  const left = `L-${input.liveRemoved}`;
  const right = `D-${input.deadRemoved}`;
  const lines = [
    ...(above ? [`ABOVE: ${above}`] : []),
    `BOX: ${inside.join(' / ')}${input.closed ? ' (line drawn through: work complete)' : ''}`,
    `LEFT: ${left}`,
    `RIGHT: ${right}`,
    ...(below ? [`BELOW: ${below}`] : []),
  ];
  return { above, inside, below, left, right, complete: input.closed, text: lines.join('\n') };
}
