import { conditions } from '../../../contracts/conditions';
import type { NetworkMonitorRow, QuarterRow } from '../../../contracts/monitor';

/** One CSV field: quoted when it holds a separator, quote or line break; formula-like text made inert. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : value;
  // A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: (string | number | null)[]) => fields.map(csvField).join(',');

const scoreOf = (scores: { condition: string; score: number | null }[], c: string) => scores.find((s) => s.condition === c)?.score ?? null;

/** The community's indicator table: one row per quarter, oldest first. Column names are stable (English). */
export function csvOfQuarters(rows: QuarterRow[]): string {
  const head = [
    'quarter',
    'from',
    'to',
    'group_size',
    'meetings_held',
    'meetings_cancelled',
    'median_gap_days',
    'longest_gap_days',
    'attendance',
    'voice_evenness_members',
    'reciprocity',
    'distinct_chairs',
    'ambition_referring_share',
    'check_out_mean',
    'time_stated',
    'contributions',
    ...conditions.map((c) => `score_${c}`),
  ];
  const body = rows.map((r) =>
    line([
      r.quarter,
      r.from,
      r.to,
      r.groupSize,
      r.held,
      r.cancelled,
      r.medianGapDays,
      r.longestGapDays,
      r.attendance,
      r.voiceEvenness,
      r.reciprocity,
      r.distinctChairs,
      r.referringShare,
      r.checkOutMean,
      r.timeStated,
      r.contributions,
      ...conditions.map((c) => scoreOf(r.scores, c)),
    ]),
  );
  return [line(head), ...body].join('\r\n') + '\r\n';
}

/** The network's heat map as a table: one row per community. */
export function csvOfNetwork(rows: NetworkMonitorRow[]): string {
  const head = ['community', 'phase', 'group_size', 'critical_factor', 'computed_at', ...conditions.map((c) => `score_${c}`), ...conditions.map((c) => `previous_${c}`)];
  const body = rows.map((r) =>
    line([r.name, r.phase, r.groupSize, r.criticalFactor, r.computedAt, ...conditions.map((_, i) => r.scores[i] ?? null), ...conditions.map((_, i) => r.previous[i] ?? null)]),
  );
  return [line(head), ...body].join('\r\n') + '\r\n';
}
