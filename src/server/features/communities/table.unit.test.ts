import { describe, expect, it } from 'vitest';
import { assessTable, type TableMember } from './table';
import type { MemberRole, StakeholderGroup } from '../../../contracts/enums';

let n = 0;
const m = (group: StakeholderGroup, org: string | null, roles: MemberRole[] = ['member']): TableMember => ({
  memberId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  name: `Person ${n}`,
  organisationId: org,
  organisationName: org ? `Org ${org}` : null,
  organisationType: org ? 'primarySchool' : null,
  stakeholderGroup: group,
  roles,
});
const assess = (members: TableMember[], includesParents = false) =>
  assessTable({ communityId: 'c', includesParents, members, pendingInvitations: 0 });
const codes = (members: TableMember[], includesParents = false) => assess(members, includesParents).suggestions.map((s) => s.code);

describe('the table: group size against 6-8', () => {
  it('suggests more members below six', () => {
    const view = assess([m('school', 'a', ['member', 'chair']), m('school', 'a'), m('school', 'b')]);
    expect(view.suggestions).toContainEqual({ code: 'tooFewMembers', params: { count: 3, min: 6 } });
  });
  it('is content with six, seven or eight', () => {
    for (const size of [6, 7, 8]) {
      const members = Array.from({ length: size }, (_, i) => m('school', ['a', 'b', 'c'][i % 3]!, i === 0 ? ['member', 'chair'] : ['member']));
      expect(codes(members)).toEqual([]);
    }
  });
  it('suggests splitting above eight', () => {
    const members = Array.from({ length: 9 }, (_, i) => m('school', ['a', 'b', 'c'][i % 3]!, i === 0 ? ['chair'] : ['member']));
    expect(assess(members).suggestions).toEqual([{ code: 'tooManyMembers', params: { count: 9, max: 8 } }]);
  });
  it('does not count researchers and observers as seats', () => {
    const members = [
      ...Array.from({ length: 5 }, (_, i) => m('school', ['a', 'b', 'c'][i % 3]!, i === 0 ? ['chair'] : ['member'])),
      m('other', 'r', ['researcher']),
      m('other', 'r', ['observer']),
    ];
    const view = assess(members);
    expect(view.seatCount).toBe(5);
    expect(view.guests).toHaveLength(2);
    expect(codes(members)).toEqual(['tooFewMembers']);
  });
});

describe('the dynamic triangle', () => {
  it('names each empty corner when the community includes parents', () => {
    const members = [m('parent', 'p', ['chair']), m('parent', 'p'), m('school', 's'), m('school', 's'), m('school', 's'), m('college', 'c')];
    expect(assess(members).suggestions).toContainEqual({ code: 'cornerEmpty', params: { corner: 'care' } });
    expect(codes(members).filter((c) => c === 'cornerEmpty')).toHaveLength(1);
  });
  it('counts a parent member as including parents even when the flag is off', () => {
    const members = [m('parent', null, ['chair']), m('school', 's'), m('school', 's'), m('school', 's'), m('school', 's'), m('school', 's')];
    expect(assess(members, false).includesParents).toBe(true);
    expect(codes(members)).toContain('cornerEmpty');
  });
  it('says nothing about corners for a community without parents', () => {
    const members = Array.from({ length: 6 }, (_, i) => m(i < 3 ? 'college' : 'school', i < 3 ? 'c' : 's', i === 0 ? ['chair'] : ['member']));
    expect(codes(members)).not.toContain('cornerEmpty');
  });
  it('names the parents corner empty when parents are expected but none joined yet', () => {
    const members = [m('school', 's', ['chair']), m('care', 'cjg')];
    expect(assess(members, true).suggestions).toContainEqual({ code: 'cornerEmpty', params: { corner: 'parent' } });
  });
  it('puts pupil voice in the middle and others outside the triangle', () => {
    const view = assess([m('pupilVoice', 's'), m('college', 'c'), m('parent', null)]);
    expect(view.child).toHaveLength(1);
    expect(view.others).toHaveLength(1);
    expect(view.triangle.parent).toHaveLength(1);
  });
});

describe('balance between organisations', () => {
  it('flags one organisation holding more than half of the seats in a cross-organisation community', () => {
    const members = [m('school', 'a', ['chair']), m('school', 'a'), m('school', 'a'), m('school', 'a'), m('college', 'b'), m('college', 'b')];
    expect(assess(members).suggestions).toContainEqual({
      code: 'organisationDominates',
      params: { organisation: 'Org a', seats: 4, total: 6, share: 0.67 },
    });
  });
  it('accepts exactly half', () => {
    const members = [m('school', 'a', ['chair']), m('school', 'a'), m('school', 'a'), m('college', 'b'), m('college', 'b'), m('college', 'b')];
    expect(codes(members)).not.toContain('organisationDominates');
  });
  it('does not apply to a single-organisation community', () => {
    const members = Array.from({ length: 6 }, (_, i) => m('school', 'a', i === 0 ? ['chair'] : ['member']));
    expect(codes(members)).not.toContain('organisationDominates');
  });
  it('reports seats and shares per organisation, largest first', () => {
    const view = assess([m('school', 'a'), m('school', 'a'), m('college', 'b')]);
    expect(view.organisations.map((o) => [o.name, o.seats, Math.round(o.share * 100)])).toEqual([
      ['Org a', 2, 67],
      ['Org b', 1, 33],
    ]);
  });
});

describe('chairing', () => {
  it('suggests a chair when nobody has the role', () => {
    expect(codes([m('school', 'a'), m('school', 'b')])).toContain('noChair');
  });
  it('is satisfied by a chair', () => {
    expect(codes([m('school', 'a', ['member', 'chair'])])).not.toContain('noChair');
  });
});
