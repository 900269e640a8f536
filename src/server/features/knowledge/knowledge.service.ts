import * as z from 'zod';
import type { AppContext } from '../../context';
import { fieldError } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import { stakeholderGroups } from '../../../contracts/enums';
import { currentTurnMs, type KnowledgeLog, type KnowledgeQuery, type RoomMember, type RoomState, type Turn, type VoiceSummary } from '../../../contracts/room';
import { requireCommunityMeetings, requireMeeting } from '../meetings/meetings.access';
import * as repo from './knowledge.repository';

export const DEFAULT_LIMIT = 20;

// ----- the knowledge log -------------------------------------------------------------------

const micros = z.string().regex(/^-?\d{1,16}$/);
const uuid = z.string().uuid();
const cursorKey = z.tuple([micros, uuid, micros, uuid, z.string().regex(/^[0-9.eE+-]{1,32}$/).refine((r) => Math.abs(Number(r)) <= 1e30).nullable()]);

/** The cursor is opaque to clients: the last entry's place in the order, base64url-encoded. */
export function encodeCursor(key: repo.LogKey): string {
  return Buffer.from(JSON.stringify([key.startsAt, key.meetingId, key.createdAt, key.id, key.rank])).toString('base64url');
}

/** A cursor that is not ours, or that belongs to a search when there is none (or vice versa), is a bad request. */
export function decodeCursor(cursor: string, searching: boolean): repo.LogKey {
  let parsed: z.infer<typeof cursorKey> | null = null;
  try {
    const result = cursorKey.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (result.success) parsed = result.data;
  } catch {
    // Not JSON: handled below like any other foreign cursor.
  }
  if (!parsed || (parsed[4] !== null) !== searching || (parsed[4] !== null && !Number.isFinite(Number(parsed[4])))) throw fieldError('cursor', 'invalid');
  const [startsAt, meetingId, createdAt, id, rank] = parsed;
  return { startsAt, meetingId, createdAt, id, rank };
}

/** The passage that shows why an entry matched: the Dutch reading, unless only the English one marks a term. */
const snippetOf = (r: repo.LogRow) => (r.snippetNl === null ? null : r.snippetNl.includes('«') || !r.snippetEn?.includes('«') ? r.snippetNl : r.snippetEn);

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export async function getKnowledgeLog(ctx: AppContext, me: SessionUser, communityId: string, query: KnowledgeQuery): Promise<KnowledgeLog> {
  const { community } = await requireCommunityMeetings(ctx, me, communityId, 'view');
  const scope = { communityId: community.id, networkId: community.networkId };
  const q = query.q ? query.q : undefined;
  const after = query.cursor ? decodeCursor(query.cursor, q !== undefined) : null;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const filter = { q, memberId: query.memberId, organisationId: query.organisationId, meetingId: query.meetingId };
  const [rows, options] = await Promise.all([repo.listEntries(ctx.db, scope, filter, after, limit + 1), repo.filterOptions(ctx.db, scope)]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    communityId: community.id,
    entries: page.map((r) => ({
      id: r.id,
      meetingId: r.meetingId,
      meetingTitle: r.meetingTitle,
      meetingStartsAt: r.meetingStartsAt.toISOString(),
      speaker: { userId: r.speakerId, name: r.speakerName },
      organisation: r.organisationId && r.organisationName !== null ? { id: r.organisationId, name: r.organisationName } : null,
      stakeholderGroup: r.stakeholderGroup,
      text: r.text,
      snippet: snippetOf(r),
      writtenBy: r.writtenById && r.writtenByName !== null ? { userId: r.writtenById, name: r.writtenByName } : null,
      updatedAt: r.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.key) : null,
    members: options.members.sort((a, b) => byName(a, b) || a.userId.localeCompare(b.userId)),
    organisations: options.organisations.sort((a, b) => byName(a, b) || a.id.localeCompare(b.id)),
    meetings: options.meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt.toISOString() })),
  };
}

// ----- every voice heard --------------------------------------------------------------------

type VoiceStatus = VoiceSummary['turns'][number]['status'];

/** Read out for an absent member, their input still counts as their voice. */
export function voiceStatus(turn: Pick<Turn, 'status' | 'absent'>): VoiceStatus {
  if (turn.status === 'spoke') return turn.absent ? 'inputRead' : 'spoke';
  if (turn.status === 'passed') return 'passed';
  return 'notReached';
}
const heard = (s: VoiceStatus) => s === 'spoke' || s === 'inputRead';

const groupOrder = (g: string) => {
  const i = (stakeholderGroups as readonly string[]).indexOf(g);
  return i < 0 ? stakeholderGroups.length : i;
};

async function checkOutOf(ctx: AppContext, meetingId: string, networkId: string): Promise<VoiceSummary['checkOut']> {
  const agg = await repo.checkOutAggregate(ctx.db, meetingId, networkId);
  return {
    count: agg.count,
    average: agg.average === null ? null : Math.round(agg.average * 10) / 10,
    distribution: agg.distribution,
    words: [...agg.words].sort((a, b) => a.localeCompare(b)),
  };
}

/**
 * The harvest round for the minutes: who spoke, whose input was read out, who passed, who was not
 * reached, and whether every organisation and stakeholder group at the table was heard.
 * Members without an organisation appear together as one entry with id null and name ''.
 */
export async function getVoices(ctx: AppContext, me: SessionUser, meetingId: string): Promise<VoiceSummary> {
  const { meeting } = await requireMeeting(ctx, me, meetingId, 'view');
  const [stored, written, checkOut] = await Promise.all([
    repo.findRoomState(ctx.db, meeting.id, meeting.networkId),
    repo.listMeetingHarvests(ctx.db, meeting.id, meeting.networkId),
    checkOutOf(ctx, meeting.id, meeting.networkId),
  ]);
  if (!stored) {
    return { meetingId: meeting.id, held: false, roundStartedAt: null, roundCompletedAt: null, turns: [], organisations: [], stakeholderGroups: [], passed: [], present: [], checkOut };
  }
  const state = stored as unknown as RoomState;
  // While the check-out is going on, watching the aggregate grow would show each person's answer.
  if (!state.closedAt) Object.assign(checkOut, { average: null, distribution: [0, 0, 0, 0, 0], words: [] });
  const round = state.round ?? null;
  const turns = round?.turns ?? [];
  const members = new Map<string, RoomMember>((state.members ?? []).map((m) => [m.userId, m]));
  const present = state.present ?? [];

  const unknown = [...new Set([...turns.map((t) => t.userId), ...present])].filter((u) => !members.has(u));
  const fallbackNames = new Map((await repo.userNames(ctx.db, unknown)).map((u) => [u.userId, u.name]));
  const person = (userId: string) => ({ userId, name: members.get(userId)?.name ?? fallbackNames.get(userId) ?? '' });
  const harvests = new Map(written.map((h) => [h.speakerId, h.text]));
  const now = ctx.now().toISOString();

  const voiceTurns = turns.map((t) => {
    const m = members.get(t.userId);
    const ms = t.status === 'speaking' ? currentTurnMs(round, now) : t.spokenMs;
    return {
      speaker: person(t.userId),
      organisation: m?.organisationId ? { id: m.organisationId, name: m.organisationName ?? '' } : null,
      stakeholderGroup: m?.stakeholderGroup ?? '',
      status: voiceStatus(t),
      absent: t.absent,
      seconds: Math.round(ms / 1000),
      harvest: harvests.get(t.userId) ?? null,
    };
  });
  const spoke = new Set(voiceTurns.filter((t) => heard(t.status)).map((t) => t.speaker.userId));

  const organisations = new Map<string | null, { id: string | null; name: string; spoke: boolean }>();
  const groups = new Map<string, { group: string; spoke: boolean }>();
  for (const m of members.values()) {
    const org = organisations.get(m.organisationId) ?? { id: m.organisationId, name: m.organisationId ? (m.organisationName ?? '') : '', spoke: false };
    organisations.set(m.organisationId, { ...org, spoke: org.spoke || spoke.has(m.userId) });
    const group = groups.get(m.stakeholderGroup) ?? { group: m.stakeholderGroup, spoke: false };
    groups.set(m.stakeholderGroup, { ...group, spoke: group.spoke || spoke.has(m.userId) });
  }

  return {
    meetingId: meeting.id,
    held: true,
    roundStartedAt: round?.startedAt ?? null,
    roundCompletedAt: round?.completedAt ?? null,
    turns: voiceTurns,
    // Named organisations by name; members without one last.
    organisations: [...organisations.values()].sort((a, b) => Number(a.id === null) - Number(b.id === null) || byName(a, b)),
    stakeholderGroups: [...groups.values()].sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.group.localeCompare(b.group)),
    passed: voiceTurns.filter((t) => t.status === 'passed').map((t) => t.speaker),
    present: present.map(person),
    checkOut,
  };
}
