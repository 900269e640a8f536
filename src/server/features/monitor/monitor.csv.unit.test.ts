import { describe, expect, it } from 'vitest';
import { csvField, csvOfNetwork } from './monitor.csv';

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks, and keeps formulas inert', () => {
    expect(csvField('Samen lezen')).toBe('Samen lezen');
    expect(csvField('Lezen, rekenen')).toBe('"Lezen, rekenen"');
    expect(csvField('De "leeslijn"')).toBe('"De ""leeslijn"""');
    expect(csvField('twee\nregels')).toBe('"twee\nregels"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(2 / 3)).toBe('0.667');
    expect(csvField(-5)).toBe('-5');
  });

  it('writes one row per community with every condition, empty for no data', () => {
    const csv = csvOfNetwork([
      {
        communityId: '00000000-0000-4000-8000-000000000001',
        name: '=Rekenen',
        phase: 'active',
        computedAt: '2026-05-20T09:00:00.000Z',
        scores: [60, null, null, null, null, null, null, null, null, null],
        previous: [],
        criticalFactor: 'groupSize',
        groupSize: 4,
      },
    ]);
    const [head, row] = csv.split('\r\n');
    expect(head!.split(',')).toHaveLength(5 + 20);
    expect(row).toBe(`'=Rekenen,active,4,groupSize,2026-05-20T09:00:00.000Z,60${','.repeat(9)}${','.repeat(10)}`);
  });
});
