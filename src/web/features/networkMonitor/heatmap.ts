// Pure helpers of the network view: sorting, colour bands, trend arrows and the text summary.
// No React and no i18next here, so every rule can be unit-tested with plain values.
import { conditions, type Condition } from '../../../contracts/conditions';
import type { NetworkMonitorRow } from '../../../contracts/monitor';

/** The sortable columns: the community's name, its member count, each condition, its critical factor. */
export type SortKey = 'name' | 'members' | Condition | 'critical';
export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: Sort = { key: 'name', dir: 'asc' };
const SORT_KEYS: readonly string[] = ['name', 'members', ...conditions, 'critical'];

/** The sort from the address (?sort=regularity&dir=asc); anything unknown falls back to by name. */
export function parseSort(params: URLSearchParams): Sort {
  const key = params.get('sort');
  if (!key || !SORT_KEYS.includes(key)) return DEFAULT_SORT;
  return { key: key as SortKey, dir: params.get('dir') === 'desc' ? 'desc' : 'asc' };
}

/** The sort after a click on a column header: the same column flips, another column starts ascending. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

export function scoreOf(scores: readonly (number | null)[], condition: Condition): number | null {
  return scores[conditions.indexOf(condition)] ?? null;
}

/**
 * The rows in the chosen order. Missing values (no score yet, no critical factor) always go last,
 * whichever the direction: they are not "the weakest" nor "the strongest". Ties go by name.
 */
export function sortRows(rows: readonly NetworkMonitorRow[], sort: Sort, opts: { locale: string; label: (c: Condition) => string }): NetworkMonitorRow[] {
  const collator = new Intl.Collator(opts.locale, { sensitivity: 'base', numeric: true });
  const byName = (a: NetworkMonitorRow, b: NetworkMonitorRow) => collator.compare(a.name, b.name) || a.communityId.localeCompare(b.communityId);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const valueOf = (r: NetworkMonitorRow): number | string | null => {
    if (sort.key === 'members') return r.groupSize;
    if (sort.key === 'critical') return r.criticalFactor ? opts.label(r.criticalFactor) : null;
    if (sort.key === 'name') return null;
    return scoreOf(r.scores, sort.key);
  };
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b);
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    const d = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return d !== 0 ? sign * d : byName(a, b);
  });
}

/** Five colour bands of 20 points each, 0 (weakest) to 4 (strongest); null when there is no score. */
export function band(score: number | null): 0 | 1 | 2 | 3 | 4 | null {
  if (score === null) return null;
  return Math.max(0, Math.min(4, Math.floor(score / 20))) as 0 | 1 | 2 | 3 | 4;
}

/** A change of at least this many points against the previous quarter gets an arrow. */
export const TREND_STEP = 5;

export function trend(score: number | null, previous: number | null): 'up' | 'down' | null {
  if (score === null || previous === null) return null;
  if (score - previous >= TREND_STEP) return 'up';
  if (score - previous <= -TREND_STEP) return 'down';
  return null;
}

/** How often each condition is the critical factor, most often first (ties in the conditions' order). */
export function criticalCounts(rows: readonly NetworkMonitorRow[]): { condition: Condition; count: number }[] {
  const counts = new Map<Condition, number>();
  for (const r of rows) if (r.criticalFactor) counts.set(r.criticalFactor, (counts.get(r.criticalFactor) ?? 0) + 1);
  return conditions
    .filter((c) => counts.has(c))
    .map((condition) => ({ condition, count: counts.get(condition)! }))
    .sort((a, b) => b.count - a.count);
}

/** Each condition's mean over the communities that have a score for it, rounded; weakest first. */
export function conditionMeans(rows: readonly NetworkMonitorRow[]): { condition: Condition; mean: number; count: number }[] {
  const out: { condition: Condition; mean: number; count: number }[] = [];
  for (const condition of conditions) {
    const scores = rows.map((r) => scoreOf(r.scores, condition)).filter((s): s is number => s !== null);
    if (scores.length > 0) out.push({ condition, mean: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length), count: scores.length });
  }
  return out.sort((a, b) => a.mean - b.mean);
}

export interface NetworkSummary {
  communities: number;
  /** Up to three conditions that are most often the critical factor. */
  mostCritical: { condition: Condition; count: number }[];
  /** The condition with the lowest mean score, or null when nothing is scored yet. */
  weakest: { condition: Condition; mean: number } | null;
  /** Communities without a critical factor yet (nothing to judge by). */
  withoutCritical: number;
}

export function summarize(rows: readonly NetworkMonitorRow[], top = 3): NetworkSummary {
  const weakest = conditionMeans(rows)[0];
  return {
    communities: rows.length,
    mostCritical: criticalCounts(rows).slice(0, top),
    weakest: weakest ? { condition: weakest.condition, mean: weakest.mean } : null,
    withoutCritical: rows.filter((r) => r.criticalFactor === null).length,
  };
}

/** The translation function the summary needs (i18next's `t`, or a fake in tests). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * The summary in one short paragraph, e.g. "12 leergemeenschappen. Vaakst de kritische factor:
 * Regelmaat (5×), Tijd (3×). Gemiddeld het zwakst: Tijd (41)." It is what a screen reader hears
 * before the table, so it carries the table's gist on its own.
 */
export function summaryText(s: NetworkSummary, t: Translate, label: (c: Condition) => string, listFormat: (items: string[]) => string): string {
  if (s.communities === 0) return t('networkMonitor.summary.none');
  const parts = [t('networkMonitor.summary.communities', { count: s.communities })];
  if (s.mostCritical.length > 0) {
    const list = listFormat(s.mostCritical.map((m) => t('networkMonitor.summary.times', { condition: label(m.condition), count: m.count })));
    parts.push(t('networkMonitor.summary.mostCritical', { list }));
  } else {
    parts.push(t('networkMonitor.summary.noCritical'));
  }
  if (s.weakest) parts.push(t('networkMonitor.summary.weakest', { condition: label(s.weakest.condition), mean: s.weakest.mean }));
  return parts.join(' ');
}

/** The oldest computation time among the rows (what the whole table is at least as fresh as). */
export function oldestComputedAt(rows: readonly NetworkMonitorRow[]): string | null {
  let oldest: string | null = null;
  for (const r of rows) if (oldest === null || Date.parse(r.computedAt) < Date.parse(oldest)) oldest = r.computedAt;
  return oldest;
}
