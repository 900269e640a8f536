import { describe, expect, it } from 'vitest';
import { conditions, type Condition } from '../../../contracts/conditions';
import type { NetworkMonitorRow } from '../../../contracts/monitor';
import {
  band,
  conditionMeans,
  criticalCounts,
  nextSort,
  oldestComputedAt,
  parseSort,
  sortRows,
  summarize,
  summaryText,
  trend,
  type Translate,
} from './heatmap';

const row = (name: string, scores: Partial<Record<Condition, number | null>>, over: Partial<NetworkMonitorRow> = {}): NetworkMonitorRow => ({
  communityId: `id-${name}`,
  name,
  phase: 'active',
  computedAt: '2026-03-10T13:05:00.000Z',
  scores: conditions.map((condition) => scores[condition] ?? null),
  previous: [],
  criticalFactor: null,
  groupSize: 7,
  ...over,
});

const label = (c: Condition) => ({ regularity: 'Regelmaat', time: 'Tijd', ambition: 'Gezamenlijke ambitie', chairing: 'Voorzitterschap' })[c as string] ?? c;
const opts = { locale: 'nl', label };
const names = (rows: NetworkMonitorRow[]) => rows.map((r) => r.name);

describe('parseSort and nextSort (the sort in the address)', () => {
  it('defaults to by name, ascending', () => {
    expect(parseSort(new URLSearchParams(''))).toEqual({ key: 'name', dir: 'asc' });
  });
  it('reads a condition and a direction', () => {
    expect(parseSort(new URLSearchParams('sort=regularity&dir=desc'))).toEqual({ key: 'regularity', dir: 'desc' });
  });
  it('ignores an unknown column and treats an unknown direction as ascending', () => {
    expect(parseSort(new URLSearchParams('sort=spreading&dir=desc'))).toEqual({ key: 'name', dir: 'asc' });
    expect(parseSort(new URLSearchParams('sort=time&dir=sideways'))).toEqual({ key: 'time', dir: 'asc' });
  });
  it('flips the direction on the same column and starts ascending on another', () => {
    expect(nextSort({ key: 'time', dir: 'asc' }, 'time')).toEqual({ key: 'time', dir: 'desc' });
    expect(nextSort({ key: 'time', dir: 'desc' }, 'time')).toEqual({ key: 'time', dir: 'asc' });
    expect(nextSort({ key: 'time', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});

describe('sortRows', () => {
  const rows = [row('Zeeuws lezen', { regularity: 40 }), row('ambitie 2', { regularity: null }), row('Ambitie 10', { regularity: 80 }), row('Beter lezen', { regularity: 60 })];

  it('sorts names as people read them (case-insensitive, numbers by value)', () => {
    expect(names(sortRows(rows, { key: 'name', dir: 'asc' }, opts))).toEqual(['ambitie 2', 'Ambitie 10', 'Beter lezen', 'Zeeuws lezen']);
    expect(names(sortRows(rows, { key: 'name', dir: 'desc' }, opts))).toEqual(['Zeeuws lezen', 'Beter lezen', 'Ambitie 10', 'ambitie 2']);
  });
  it('puts communities without a score last, in both directions', () => {
    expect(names(sortRows(rows, { key: 'regularity', dir: 'asc' }, opts))).toEqual(['Zeeuws lezen', 'Beter lezen', 'Ambitie 10', 'ambitie 2']);
    expect(names(sortRows(rows, { key: 'regularity', dir: 'desc' }, opts))).toEqual(['Ambitie 10', 'Beter lezen', 'Zeeuws lezen', 'ambitie 2']);
  });
  it('breaks ties by name', () => {
    const tied = [row('C', { time: 50 }), row('A', { time: 50 }), row('B', { time: 20 })];
    expect(names(sortRows(tied, { key: 'time', dir: 'asc' }, opts))).toEqual(['B', 'A', 'C']);
    expect(names(sortRows(tied, { key: 'time', dir: 'desc' }, opts))).toEqual(['A', 'C', 'B']);
  });
  it('sorts by member count', () => {
    const sized = [row('A', {}, { groupSize: 9 }), row('B', {}, { groupSize: 4 }), row('C', {}, { groupSize: 7 })];
    expect(names(sortRows(sized, { key: 'members', dir: 'asc' }, opts))).toEqual(['B', 'C', 'A']);
  });
  it('sorts by the critical factor by its label, those without one last', () => {
    const crit = [row('A', {}, { criticalFactor: 'time' }), row('B', {}), row('C', {}, { criticalFactor: 'regularity' })];
    expect(names(sortRows(crit, { key: 'critical', dir: 'asc' }, opts))).toEqual(['C', 'A', 'B']);
    expect(names(sortRows(crit, { key: 'critical', dir: 'desc' }, opts))).toEqual(['A', 'C', 'B']);
  });
  it('leaves the input untouched', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'regularity', dir: 'desc' }, opts);
    expect(rows).toEqual(copy);
  });
});

describe('band and trend', () => {
  it('splits 0–100 into five bands and keeps "no score" apart', () => {
    expect([0, 19, 20, 39, 40, 59, 60, 79, 80, 100].map(band)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(band(null)).toBeNull();
  });
  it('shows an arrow only for a change of five points or more', () => {
    expect(trend(55, 50)).toBe('up');
    expect(trend(54, 50)).toBeNull();
    expect(trend(46, 50)).toBeNull();
    expect(trend(45, 50)).toBe('down');
    expect(trend(null, 50)).toBeNull();
    expect(trend(50, null)).toBeNull();
  });
});

describe('summary', () => {
  const rows = [
    row('A', { regularity: 30, time: 40 }, { criticalFactor: 'regularity' }),
    row('B', { regularity: 50, time: 41 }, { criticalFactor: 'time' }),
    row('C', { regularity: 20, time: 44 }, { criticalFactor: 'regularity' }),
    row('D', { time: 40 }),
  ];
  const fakeT: Translate = (key, p = {}) => `${key.split('.').pop()}${JSON.stringify(p)}`;
  const list = (items: string[]) => items.join(' + ');

  it('counts critical factors, most often first, ties in the conditions order', () => {
    expect(criticalCounts(rows)).toEqual([
      { condition: 'regularity', count: 2 },
      { condition: 'time', count: 1 },
    ]);
    expect(criticalCounts([row('X', {}, { criticalFactor: 'time' }), row('Y', {}, { criticalFactor: 'regularity' })]).map((c) => c.condition)).toEqual(['regularity', 'time']);
  });
  it('averages each condition over the communities that have a score for it', () => {
    expect(conditionMeans(rows)).toEqual([
      { condition: 'regularity', mean: 33, count: 3 },
      { condition: 'time', mean: 41, count: 4 },
    ]);
  });
  it('names the count, the most frequent critical factors and the weakest condition', () => {
    const s = summarize(rows);
    expect(s).toEqual({ communities: 4, mostCritical: [{ condition: 'regularity', count: 2 }, { condition: 'time', count: 1 }], weakest: { condition: 'regularity', mean: 33 }, withoutCritical: 1 });
    expect(summaryText(s, fakeT, label, list)).toBe(
      'communities{"count":4} mostCritical{"list":"times{\\"condition\\":\\"Regelmaat\\",\\"count\\":2} + times{\\"condition\\":\\"Tijd\\",\\"count\\":1}"} weakest{"condition":"Regelmaat","mean":33}',
    );
  });
  it('keeps at most three critical factors', () => {
    const many = (['time', 'regularity', 'ambition', 'chairing'] as const).map((c, i) => row(`R${i}`, {}, { criticalFactor: c }));
    expect(summarize(many).mostCritical).toHaveLength(3);
  });
  it('says so when there is nothing to compare or nothing scored yet', () => {
    expect(summaryText(summarize([]), fakeT, label, list)).toBe('none{}');
    expect(summaryText(summarize([row('A', {})]), fakeT, label, list)).toBe('communities{"count":1} noCritical{}');
  });
  it('takes the oldest computation time', () => {
    expect(oldestComputedAt([row('A', {}, { computedAt: '2026-03-10T13:05:00.000Z' }), row('B', {}, { computedAt: '2026-03-10T12:55:00.000Z' })])).toBe('2026-03-10T12:55:00.000Z');
    expect(oldestComputedAt([])).toBeNull();
  });
});
