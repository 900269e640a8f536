import { describe, expect, it } from 'vitest';
import { change, defaultClosesAt, extremes, instantOf, quarterLabel, questionsOf, scoreOf, signed, sparkline } from './figures';
import nl from './i18n/nl.json';
import en from './i18n/en.json';

describe('change since the quarter before', () => {
  it('names the direction and the difference', () => {
    expect(change(45, 62)).toEqual({ direction: 'up', delta: 17 });
    expect(change(62, 45)).toEqual({ direction: 'down', delta: -17 });
    expect(change(50, 50)).toEqual({ direction: 'same', delta: 0 });
  });
  it('says nothing when either quarter has no score', () => {
    expect(change(null, 50)).toEqual({ direction: 'none', delta: null });
    expect(change(50, null)).toEqual({ direction: 'none', delta: null });
    expect(change(undefined, 50)).toEqual({ direction: 'none', delta: null });
  });
  it('signs a difference with a real minus', () => {
    expect(signed(17)).toBe('+17');
    expect(signed(-5)).toBe('−5');
    expect(signed(0)).toBe('±0');
  });
});

describe('strongest and weakest condition', () => {
  it('picks the highest and the lowest, and lists the unscored', () => {
    const r = extremes([
      { condition: 'groupSize', score: 80 },
      { condition: 'regularity', score: 89 },
      { condition: 'time', score: 30 },
      { condition: 'spreading' as never, score: 5 },
      { condition: 'presence', score: null },
    ]);
    expect(r.strongest).toEqual({ condition: 'regularity', score: 89 });
    expect(r.weakest).toEqual({ condition: 'time', score: 30 });
    expect(r.missing).toEqual(['presence']);
  });
  it('breaks ties by the order of the conditions, as the critical factor does', () => {
    const r = extremes([
      { condition: 'usefulness', score: 40 },
      { condition: 'ambition', score: 40 },
      { condition: 'chairing', score: 90 },
      { condition: 'regularity', score: 90 },
    ]);
    expect(r.weakest?.condition).toBe('ambition');
    expect(r.strongest?.condition).toBe('regularity');
  });
  it('has neither without scores', () => {
    expect(extremes([{ condition: 'time', score: null }])).toEqual({ strongest: null, weakest: null, missing: ['time'] });
    expect(scoreOf([], 'time')).toBeNull();
  });
});

describe('quarter names', () => {
  it('reads a key as people say it', () => {
    expect(quarterLabel('2026-Q3', 'nl')).toBe('K3 2026');
    expect(quarterLabel('2026-Q3', 'en')).toBe('Q3 2026');
    expect(quarterLabel('rubbish', 'nl')).toBe('rubbish');
  });
});

describe('sparkline', () => {
  it('draws 0 at the bottom and 100 at the top, spread over the width', () => {
    expect(sparkline([0, 50, 100], 80, 20)).toEqual(['0,20 40,10 80,0']);
  });
  it('breaks the line where a quarter has no score', () => {
    expect(sparkline([10, null, 30, 40], 60, 10)).toEqual(['0,9', '40,7 60,6']);
    expect(sparkline([null, null], 80, 20)).toEqual([]);
  });
});

describe('the evaluation form', () => {
  it('suggests a week from now at 20:00 in the user’s zone', () => {
    // 23:30 UTC on 31 March is already 1 April in Amsterdam.
    expect(defaultClosesAt(new Date('2026-03-31T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-04-08T20:00');
  });
  it('turns the local closing time into an instant, summer time included', () => {
    expect(instantOf('2026-07-01T20:00', 'Europe/Amsterdam')).toBe('2026-07-01T18:00:00.000Z');
    expect(instantOf('2026-01-15T20:00', 'Europe/Amsterdam')).toBe('2026-01-15T19:00:00.000Z');
    expect(instantOf('2026-01-15T20:00:00', 'UTC')).toBe('2026-01-15T20:00:00.000Z');
    expect(instantOf('', 'Europe/Amsterdam')).toBeUndefined();
    expect(instantOf('2026-13-01T20:00', 'Europe/Amsterdam')).toBeUndefined();
  });
  it('takes one open question per line', () => {
    expect(questionsOf('Wat heb je nodig?\r\n\n  Wat ging goed?  \n')).toEqual(['Wat heb je nodig?', 'Wat ging goed?']);
    expect(questionsOf('   ')).toEqual([]);
  });
});

describe('translations', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it('has every monitor key in Dutch and in English', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });
});
