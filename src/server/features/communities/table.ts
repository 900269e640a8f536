import type { TableSuggestion, TableView } from '../../../contracts/api';
import type { MemberRole, OrganisationType, StakeholderGroup } from '../../../contracts/enums';
import { takesSeat } from './communities.policy';

export const GROUP_SIZE = { min: 6, max: 8 } as const;

export interface TableMember {
  memberId: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
  organisationType: OrganisationType | null;
  stakeholderGroup: StakeholderGroup;
  roles: MemberRole[];
}

/**
 * Who sits at the table, and what is missing or out of balance. Everything it says is a
 * suggestion: the research's conditions (6-8 members, the dynamic triangle, equivalence between
 * organisations, a chair), never a rule that blocks anything.
 */
export function assessTable(input: {
  communityId: string;
  includesParents: boolean;
  members: TableMember[];
  pendingInvitations: number;
}): TableView {
  const seatOf = (m: TableMember) => ({
    memberId: m.memberId,
    name: m.name,
    organisationId: m.organisationId,
    organisationName: m.organisationName,
    stakeholderGroup: m.stakeholderGroup,
    roles: m.roles,
  });
  const byName = (a: TableMember, b: TableMember) => a.name.localeCompare(b.name);
  const seated = input.members.filter((m) => takesSeat(m.roles)).sort(byName);
  const guests = input.members.filter((m) => !takesSeat(m.roles)).sort(byName);
  const inGroup = (g: StakeholderGroup) => seated.filter((m) => m.stakeholderGroup === g).map(seatOf);

  const triangle = { parent: inGroup('parent'), school: inGroup('school'), care: inGroup('care') };
  const child = inGroup('pupilVoice');
  const others = seated.filter((m) => !['parent', 'school', 'care', 'pupilVoice'].includes(m.stakeholderGroup)).map(seatOf);

  const orgCounts = new Map<string, { id: string | null; name: string | null; type: OrganisationType | null; seats: number }>();
  for (const m of seated) {
    const key = m.organisationId ?? '';
    const entry = orgCounts.get(key) ?? { id: m.organisationId, name: m.organisationName, type: m.organisationType, seats: 0 };
    entry.seats += 1;
    orgCounts.set(key, entry);
  }
  const total = seated.length;
  const organisations = [...orgCounts.values()]
    .map((o) => ({ ...o, share: total ? o.seats / total : 0 }))
    .sort((a, b) => b.seats - a.seats || (a.name ?? '').localeCompare(b.name ?? ''));

  const suggestions: TableSuggestion[] = [];
  if (total < GROUP_SIZE.min) suggestions.push({ code: 'tooFewMembers', params: { count: total, min: GROUP_SIZE.min } });
  if (total > GROUP_SIZE.max) suggestions.push({ code: 'tooManyMembers', params: { count: total, max: GROUP_SIZE.max } });

  const includesParents = input.includesParents || triangle.parent.length > 0;
  if (includesParents) {
    for (const corner of ['parent', 'school', 'care'] as const) {
      if (triangle[corner].length === 0) suggestions.push({ code: 'cornerEmpty', params: { corner } });
    }
  }

  const namedOrganisations = organisations.filter((o) => o.id !== null);
  const crossOrganisation = namedOrganisations.length >= 2;
  if (crossOrganisation) {
    for (const o of namedOrganisations) {
      if (o.seats * 2 > total) {
        suggestions.push({
          code: 'organisationDominates',
          params: { organisation: o.name ?? '', seats: o.seats, total, share: Math.round(o.share * 100) / 100 },
        });
      }
    }
  }

  if (!seated.some((m) => m.roles.includes('chair'))) suggestions.push({ code: 'noChair', params: {} });

  return {
    communityId: input.communityId,
    includesParents,
    seatCount: total,
    band: { min: GROUP_SIZE.min, max: GROUP_SIZE.max },
    triangle,
    child,
    others,
    guests: guests.map(seatOf),
    organisations,
    pendingInvitations: input.pendingInvitations,
    suggestions,
  };
}
