import { describe, expect, it } from 'vitest';
import type { RoomMember, RoomProposal } from '../../../contracts/room-state';
import { proposalView } from './proposalView';

const members: RoomMember[] = [
  { userId: 'anna', name: 'Anna', organisationId: 'school', organisationName: 'De Regenboog', stakeholderGroup: 'school' },
  { userId: 'bram', name: 'Bram', organisationId: 'school', organisationName: 'De Regenboog', stakeholderGroup: 'school' },
  { userId: 'carla', name: 'Carla', organisationId: 'cjg', organisationName: 'CJG Noord', stakeholderGroup: 'care' },
  { userId: 'dewi', name: 'Dewi', organisationId: null, organisationName: null, stakeholderGroup: 'parent' },
];

const proposal = (over: Partial<RoomProposal> = {}): RoomProposal => ({
  id: 'p1',
  title: 'Mediasnacks',
  body: 'Drie mediasnacks',
  process: 'consensus',
  status: 'open',
  result: null,
  round: 1,
  closesAt: null,
  responses: [],
  ...over,
});

const opts = { quorum: 'groups' as const, now: '2026-03-10T19:30:00.000Z', groupLabel: (g: string) => `group:${g}` };
const response = (userId: string, position: string, current = true, reason = '') => ({ userId, position, reason, current, version: 1 });

describe('proposalView (the proposal on the room screen)', () => {
  it('names the organisations and groups nobody has heard from yet', () => {
    const v = proposalView(proposal({ responses: [response('anna', 'agree')] }), members, opts);
    expect(v.facts.responded).toBe(1);
    expect(v.facts.participants).toBe(4);
    expect(v.facts.silent).toEqual(['group:care', 'group:parent', 'CJG Noord']);
    expect(v.facts.wouldPass).toBe(false);
  });

  it('would pass once everyone agrees or abstains, and a block stops it', () => {
    const all = ['anna', 'bram', 'carla', 'dewi'].map((u) => response(u, u === 'dewi' ? 'abstain' : 'agree'));
    expect(proposalView(proposal({ responses: all }), members, opts).facts).toMatchObject({ wouldPass: true, everyoneResponded: true, blocking: 0 });
    const blocked = all.map((r) => (r.userId === 'carla' ? response('carla', 'block', true, 'Te veel werk') : r));
    expect(proposalView(proposal({ responses: blocked }), members, opts).facts).toMatchObject({ wouldPass: false, blocking: 1 });
  });

  it('counts a response to an earlier wording as needing re-confirmation, not as a response', () => {
    const v = proposalView(proposal({ round: 2, responses: [response('anna', 'agree', false), response('bram', 'agree')] }), members, opts);
    expect(v.facts.responded).toBe(1);
    expect(v.facts.needsReconfirmation).toBe(1);
    expect(v.rows.map((r) => [r.userId, r.current])).toEqual([
      ['anna', false],
      ['bram', true],
    ]);
    expect(v.tally.organisations.find((g) => g.key === 'school')).toMatchObject({ label: 'De Regenboog', participants: 2, responded: 1, positions: { agree: 1 } });
  });

  it('leaves out responses of people no longer in the circle and positions of another process', () => {
    const v = proposalView(proposal({ responses: [response('gone', 'agree'), response('anna', 'noObjection'), response('bram', 'concerns', true, 'Zorg')] }), members, opts);
    expect(v.rows.map((r) => r.userId)).toEqual(['bram']);
    expect(v.tally.positions).toEqual({ concerns: 1 });
  });

  it('labels members without an organisation and stakeholder groups for the tables', () => {
    const v = proposalView(proposal(), members, opts);
    expect(v.tally.organisations.map((g) => [g.key, g.label])).toEqual([
      ['', ''],
      ['cjg', 'CJG Noord'],
      ['school', 'De Regenboog'],
    ]);
    expect(v.tally.stakeholderGroups.map((g) => g.label)).toEqual(['group:care', 'group:parent', 'group:school']);
  });
});
