/**
 * Part 3, the live meeting room: the schemas the server validates client messages with, and the
 * REST shapes of the knowledge log and the "every voice heard" summary. The room's state, events
 * and their handler live in room-state.ts (no zod, so the web can bundle it cheaply).
 */
import * as z from 'zod';
import { id } from './api';
import { localDate } from './meetings';
import { noteModes, type RoomClientMessage } from './room-state';

export * from './room-state';

/** The WebSocket endpoint (same origin; the session cookie authenticates the handshake). */
export const ROOM_SOCKET_PATH = '/api/live';

export const HARVEST_MAX = 4000;
export const NOTE_MAX = 10000;
export const TURN_SECONDS_MAX = 1800;

const userId = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max).transform((s) => s.trim());

export const roomIntent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('presence.set'), userId, present: z.boolean() }),
  z.strictObject({ kind: z.literal('seating.set'), order: z.array(userId).min(1).max(200) }),
  z.strictObject({ kind: z.literal('round.start'), turnSeconds: z.number().int().min(10).max(TURN_SECONDS_MAX).nullable() }),
  z.strictObject({ kind: z.literal('turn.next') }),
  z.strictObject({ kind: z.literal('turn.previous') }),
  z.strictObject({ kind: z.literal('turn.pass'), userId }),
  z.strictObject({ kind: z.literal('harvest.save'), userId, text: text(HARVEST_MAX), baseVersion: z.number().int().min(1).nullable() }),
  z.strictObject({ kind: z.literal('room.pause') }),
  z.strictObject({ kind: z.literal('room.resume') }),
  z.strictObject({ kind: z.literal('item.next') }),
  z.strictObject({ kind: z.literal('item.previous') }),
  z.strictObject({ kind: z.literal('chair.handOver'), userId }),
  z.strictObject({ kind: z.literal('notes.configure'), mode: z.enum(noteModes), noteTakerUserId: userId.nullable() }),
  z.strictObject({ kind: z.literal('note.save'), itemId: id, text: text(NOTE_MAX), baseVersion: z.number().int().min(1) }),
  z.strictObject({
    kind: z.literal('action.add'),
    title: z.string().trim().min(1).max(200),
    ownerUserId: userId.nullable(),
    dueDate: localDate.nullable(),
    agendaItemId: id.nullable(),
  }),
  z.strictObject({ kind: z.literal('checkOut.open') }),
  z.strictObject({
    kind: z.literal('checkOut.submit'),
    score: z.number().int().min(1).max(5),
    word: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .refine((w) => !/\s/.test(w), { params: { code: 'oneWord' } }),
  }),
  z.strictObject({ kind: z.literal('proposal.show'), proposalId: id.nullable() }),
  z.strictObject({ kind: z.literal('room.close') }),
]);

/** A client-generated intent id: a retry carries the same one and has no second effect. */
export const intentId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const roomClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join'), meetingId: id }),
  z.strictObject({ type: z.literal('leave'), meetingId: id }),
  z.strictObject({ type: z.literal('intent'), id: intentId, meetingId: id, intent: roomIntent }),
]);
// The schema and the hand-written union in room-state.ts must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameMessages: Same<z.infer<typeof roomClientMessage>, RoomClientMessage> = true;
void _sameMessages;

// ----- REST: the knowledge log -----------------------------------------------------------
const person = z.object({ userId: z.string(), name: z.string() });

export const knowledgeEntry = z.object({
  id,
  meetingId: id,
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
  speaker: person,
  organisation: z.object({ id, name: z.string() }).nullable(),
  stakeholderGroup: z.string(),
  text: z.string(),
  /** The matching passage with the search terms between «…» (when searching). */
  snippet: z.string().nullable(),
  writtenBy: person.nullable(),
  updatedAt: z.string(),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntry>;

export const knowledgeQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  memberId: userId.optional(),
  organisationId: id.optional(),
  meetingId: id.optional(),
  /** Opaque cursor from a previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type KnowledgeQuery = z.infer<typeof knowledgeQuery>;

export const knowledgeLog = z.object({
  communityId: id,
  entries: z.array(knowledgeEntry),
  nextCursor: z.string().nullable(),
  /** For the filters: who has harvests, which organisations, which meetings. */
  members: z.array(person),
  organisations: z.array(z.object({ id, name: z.string() })),
  meetings: z.array(z.object({ id, title: z.string(), startsAt: z.string() })),
});
export type KnowledgeLog = z.infer<typeof knowledgeLog>;

// ----- REST: the harvest round in the minutes --------------------------------------------
export const voiceTurn = z.object({
  speaker: person,
  organisation: z.object({ id, name: z.string() }).nullable(),
  stakeholderGroup: z.string(),
  status: z.enum(['spoke', 'passed', 'inputRead', 'notReached']),
  absent: z.boolean(),
  seconds: z.number().int(),
  harvest: z.string().nullable(),
});
export const voiceSummary = z.object({
  meetingId: id,
  held: z.boolean(),
  roundStartedAt: z.string().nullable(),
  roundCompletedAt: z.string().nullable(),
  turns: z.array(voiceTurn),
  /** Organisations and stakeholder groups at the table, and which of them spoke. */
  organisations: z.array(z.object({ id: id.nullable(), name: z.string(), spoke: z.boolean() })),
  stakeholderGroups: z.array(z.object({ group: z.string(), spoke: z.boolean() })),
  passed: z.array(person),
  present: z.array(person),
  checkOut: z.object({
    count: z.number().int(),
    average: z.number().nullable(),
    distribution: z.array(z.number().int()),
    words: z.array(z.string()),
  }),
});
export type VoiceSummary = z.infer<typeof voiceSummary>;
