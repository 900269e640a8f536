// Pure helpers for the monitor pages: trends, extremes, quarter names, the evaluation form's values.
import { conditions, type Condition } from '../../../contracts/conditions';
import { addDays, fromZoned, isLocalDate, isLocalTime, toZoned } from '../../../contracts/zoned';

export interface Cell {
  condition: Condition;
  score: number | null;
}

export const scoreOf = (cells: readonly Cell[], condition: Condition): number | null => cells.find((c) => c.condition === condition)?.score ?? null;

export type Direction = 'up' | 'down' | 'same' | 'none';

/** How a score moved since the quarter before: 'none' when either is unknown. */
export function change(previous: number | null | undefined, current: number | null | undefined): { direction: Direction; delta: number | null } {
  if (previous === null || previous === undefined || current === null || current === undefined) return { direction: 'none', delta: null };
  const delta = current - previous;
  return { direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same', delta };
}

/** "+17", "−5" (a real minus sign), "±0". */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0';
}

/**
 * The strongest and the weakest scored condition (ties: the condition first in `conditions`, as the
 * server breaks them for the critical factor), and those without a score.
 */
export function extremes(cells: readonly Cell[]): { strongest: Cell | null; weakest: Cell | null; missing: Condition[] } {
  const ordered = conditions.map((c) => ({ condition: c, score: scoreOf(cells, c) })).filter((c) => cells.some((x) => x.condition === c.condition));
  const scored = ordered.filter((c): c is Cell & { score: number } => c.score !== null);
  let strongest: Cell | null = null;
  let weakest: Cell | null = null;
  for (const c of scored) {
    if (!strongest || c.score > (strongest.score ?? -1)) strongest = c;
    if (!weakest || c.score < (weakest.score ?? 101)) weakest = c;
  }
  return { strongest, weakest, missing: ordered.filter((c) => c.score === null).map((c) => c.condition) };
}

/** "2026-Q3" as people say it: "K3 2026" (nl) or "Q3 2026" (en). Unknown keys stay as they are. */
export function quarterLabel(key: string, lang: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) return key;
  return lang === 'en' ? `Q${m[2]} ${m[1]}` : `K${m[2]} ${m[1]}`;
}

/** Points of a small line chart (0–100 upwards), one segment per run of known values. */
export function sparkline(values: readonly (number | null)[], width: number, height: number): string[] {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = values.length > 1 ? i * step : width / 2;
    const y = height - (Math.max(0, Math.min(100, v)) / 100) * height;
    current.push(`${round1(x)},${round1(y)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return segments;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

// ----- the evaluation form ----------------------------------------------------------------
/** A week from now at 20:00 in the user's zone, as a datetime-local value. */
export function defaultClosesAt(now: Date, timeZone: string): string {
  return `${addDays(toZoned(now, timeZone).date, 7)}T20:00`;
}

/** A datetime-local value ("2026-09-30T20:00") in the user's zone as an ISO instant; undefined when unreadable. */
export function instantOf(local: string, timeZone: string): string | undefined {
  const [date = '', time = ''] = local.split('T');
  const hm = time.slice(0, 5);
  if (!isLocalDate(date) || !isLocalTime(hm)) return undefined;
  try {
    return fromZoned(date, hm, timeZone).toISOString();
  } catch {
    return undefined;
  }
}

/** Open questions typed one per line: trimmed, empty lines dropped. */
export function questionsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
}
