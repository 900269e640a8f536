import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  actionItems,
  agendaItems,
  attendance,
  checkOuts,
  communities,
  communityMembers,
  harvests,
  meetingInputs,
  meetings,
  organisations,
  roomEvents,
  rooms,
  user,
} from '../../db/schema';
import type { CheckOutSummary, RoomAction, RoomEnvelope, RoomEvent, RoomInput, RoomItem, RoomMember, RoomNote, RoomState } from '../../../contracts/room-state';
import { takesPart } from '../meetings/meetings.repository';

export async function findRoom(db: DbOrTx, meetingId: string): Promise<RoomState | null> {
  const [row] = await db.select({ state: rooms.state }).from(rooms).where(eq(rooms.meetingId, meetingId));
  return row ? (row.state as unknown as RoomState) : null;
}

export async function insertRoom(db: DbOrTx, room: { meetingId: string; networkId: string; communityId: string; state: RoomState }) {
  await db
    .insert(rooms)
    .values({ ...room, seq: room.state.seq, state: room.state as unknown as Record<string, unknown> })
    .onConflictDoNothing();
}

/**
 * Locks the room's row, then looks the intent id up. Two statements on purpose: after waiting for
 * the lock, only a new statement sees what the transaction that held it committed (a retry of the
 * same intent through another process).
 */
export async function lockRoomFor(db: DbOrTx, meetingId: string, clientId: string): Promise<{ state: RoomState; seen: number | null } | null> {
  const [room] = await db.select({ state: rooms.state }).from(rooms).where(eq(rooms.meetingId, meetingId)).for('update');
  if (!room) return null;
  const [event] = await db
    .select({ seq: roomEvents.seq })
    .from(roomEvents)
    .where(and(eq(roomEvents.meetingId, meetingId), eq(roomEvents.clientId, clientId)));
  return { state: room.state as unknown as RoomState, seen: event?.seq ?? null };
}

/**
 * Stores an applied event, the room's new state and (on PostgreSQL) the notification for other
 * processes, in one statement.
 */
export async function appendEvent(
  db: DbOrTx,
  row: { networkId: string; clientId: string; envelope: RoomEnvelope; state: RoomState; notify: { channel: string; payload: string } | null },
) {
  const { envelope, state } = row;
  await db.execute(sql`
    with e as (
      insert into room_events (meeting_id, seq, network_id, client_id, actor_id, kind, event, at)
      values (${envelope.meetingId}, ${envelope.seq}, ${row.networkId}, ${row.clientId}, ${envelope.by || null}, ${envelope.event.kind},
              ${JSON.stringify(envelope.event)}::jsonb, ${envelope.at}::timestamptz)
    ), r as (
      update rooms set seq = ${state.seq}, state = ${JSON.stringify(state)}::jsonb, updated_at = ${envelope.at}::timestamptz
       where meeting_id = ${envelope.meetingId}
    )
    select ${row.notify ? sql`pg_notify(${row.notify.channel}, ${row.notify.payload})` : sql`null`}`);
}

/** Events after `afterSeq` (up to and including `upTo`), in order: for catching up a process that missed a notification. */
export async function eventsAfter(db: DbOrTx, meetingId: string, afterSeq: number, upTo?: number): Promise<RoomEnvelope[]> {
  const rows = await db
    .select()
    .from(roomEvents)
    .where(and(eq(roomEvents.meetingId, meetingId), gt(roomEvents.seq, afterSeq), upTo === undefined ? undefined : lte(roomEvents.seq, upTo)))
    .orderBy(asc(roomEvents.seq));
  return rows.map((r) => ({ meetingId: r.meetingId, seq: r.seq, at: r.at.toISOString(), by: r.actorId ?? '', event: r.event as unknown as RoomEvent }));
}

/** Who sits in the circle: the community's members, chairs and coordinators (not observers or researchers). */
export async function circleMembers(db: DbOrTx, communityId: string): Promise<RoomMember[]> {
  const rows = await db
    .select({
      userId: communityMembers.userId,
      name: user.name,
      organisationId: communityMembers.organisationId,
      organisationName: organisations.name,
      stakeholderGroup: communityMembers.stakeholderGroup,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId))
    .where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)));
  return rows as RoomMember[];
}

/** Everything a new room starts from: the circle, presence, input, the programme and what was already written. */
export async function roomSeed(db: DbOrTx, meetingId: string, communityId: string) {
  const members = await circleMembers(db, communityId);
  const presence = await db
    .select({ userId: attendance.userId, response: attendance.response, present: attendance.present })
    .from(attendance)
    .where(eq(attendance.meetingId, meetingId));
  const [community] = await db.select({ notesMode: communities.notesMode }).from(communities).where(eq(communities.id, communityId));
  const written = await db
    .select({ userId: harvests.speakerId, text: harvests.text, version: harvests.version, writtenBy: harvests.writtenBy, updatedAt: harvests.updatedAt })
    .from(harvests)
    .where(eq(harvests.meetingId, meetingId));
  const actions = await db
    .select({ id: actionItems.id, title: actionItems.title, ownerUserId: actionItems.ownerUserId, dueDate: actionItems.dueDate, agendaItemId: actionItems.agendaItemId })
    .from(actionItems)
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.createdAt));
  const { items, notes } = await programme(db, meetingId);
  return {
    members,
    present: presence.filter((p) => p.present === true || (p.present === null && p.response === 'yes')).map((p) => p.userId),
    notesMode: community?.notesMode === 'anyone' ? ('anyone' as const) : ('noteTaker' as const),
    harvests: written.map((h) => ({ ...h, writtenBy: h.writtenBy ?? h.userId, updatedAt: h.updatedAt.toISOString() })),
    actions: actions as RoomAction[],
    items,
    notes,
    inputs: await inputsByAuthor(db, meetingId),
    checkOut: await checkOutSummary(db, meetingId, false),
  };
}

/** The meeting's programme items in order, and their notes with versions. */
export async function programme(db: DbOrTx, meetingId: string) {
  const rows = await db
    .select({
      id: agendaItems.id,
      kind: agendaItems.kind,
      title: agendaItems.title,
      durationMinutes: agendaItems.durationMinutes,
      notes: agendaItems.notes,
      version: agendaItems.version,
      updatedAt: agendaItems.updatedAt,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  const items: RoomItem[] = rows.map(({ id, kind, title, durationMinutes }) => ({ id, kind, title, durationMinutes }));
  const notes: Record<string, RoomNote> = Object.fromEntries(
    rows.map((r) => [r.id, { text: r.notes, version: r.version, updatedBy: null, updatedAt: r.updatedAt.toISOString() }]),
  );
  return { items, notes };
}

export async function inputsByAuthor(db: DbOrTx, meetingId: string): Promise<Record<string, RoomInput[]>> {
  const rows = await db
    .select({ authorId: meetingInputs.authorId, kind: meetingInputs.kind, title: meetingInputs.title, body: meetingInputs.body })
    .from(meetingInputs)
    .where(eq(meetingInputs.meetingId, meetingId))
    .orderBy(asc(meetingInputs.createdAt));
  const out: Record<string, RoomInput[]> = {};
  for (const { authorId, ...input } of rows) (out[authorId] ??= []).push(input);
  return out;
}

export async function setPresent(db: DbOrTx, row: { meetingId: string; userId: string; networkId: string; present: boolean; at: Date }) {
  await db
    .insert(attendance)
    .values({ meetingId: row.meetingId, userId: row.userId, networkId: row.networkId, present: row.present, updatedAt: row.at })
    .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { present: row.present, updatedAt: row.at } });
}

export async function setNotesMode(db: DbOrTx, communityId: string, mode: string) {
  await db.update(communities).set({ notesMode: mode }).where(eq(communities.id, communityId));
}

/** Writes a harvest when `baseVersion` is the stored one (null: none stored yet); otherwise returns what is stored. */
export async function saveHarvest(
  db: DbOrTx,
  row: { networkId: string; communityId: string; meetingId: string; speakerId: string; writtenBy: string; text: string; baseVersion: number | null; at: Date },
): Promise<{ version: number } | { stale: { text: string; version: number } }> {
  const [current] = await db
    .select({ text: harvests.text, version: harvests.version })
    .from(harvests)
    .where(and(eq(harvests.meetingId, row.meetingId), eq(harvests.speakerId, row.speakerId)))
    .for('update');
  if ((current?.version ?? null) !== row.baseVersion) return { stale: current ?? { text: '', version: 0 } };
  if (current) {
    const version = current.version + 1;
    await db
      .update(harvests)
      .set({ text: row.text, version, writtenBy: row.writtenBy, updatedAt: row.at })
      .where(and(eq(harvests.meetingId, row.meetingId), eq(harvests.speakerId, row.speakerId)));
    return { version };
  }
  const [member] = await db
    .select({ organisationId: communityMembers.organisationId, stakeholderGroup: communityMembers.stakeholderGroup })
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, row.communityId), eq(communityMembers.userId, row.speakerId)));
  await db.insert(harvests).values({
    networkId: row.networkId,
    communityId: row.communityId,
    meetingId: row.meetingId,
    speakerId: row.speakerId,
    organisationId: member?.organisationId ?? null,
    stakeholderGroup: member?.stakeholderGroup ?? 'other',
    writtenBy: row.writtenBy,
    text: row.text,
    createdAt: row.at,
    updatedAt: row.at,
  });
  return { version: 1 };
}

/** Writes an item's notes (the same notes the minutes show) when `baseVersion` is current. */
export async function saveNote(
  db: DbOrTx,
  row: { meetingId: string; itemId: string; text: string; baseVersion: number; at: Date },
): Promise<{ version: number } | { stale: { text: string; version: number } } | null> {
  const [current] = await db
    .select({ text: agendaItems.notes, version: agendaItems.version })
    .from(agendaItems)
    .where(and(eq(agendaItems.id, row.itemId), eq(agendaItems.meetingId, row.meetingId)))
    .for('update');
  if (!current) return null;
  if (current.version !== row.baseVersion) return { stale: current };
  const version = current.version + 1;
  await db.update(agendaItems).set({ notes: row.text, version, updatedAt: row.at }).where(eq(agendaItems.id, row.itemId));
  return { version };
}

export async function insertAction(
  db: DbOrTx,
  row: { networkId: string; communityId: string; meetingId: string; title: string; ownerUserId: string | null; dueDate: string | null; agendaItemId: string | null; at: Date },
): Promise<string> {
  const [inserted] = await db
    .insert(actionItems)
    .values({ ...row, createdAt: row.at })
    .returning({ id: actionItems.id });
  return inserted!.id;
}

export async function saveCheckOut(db: DbOrTx, row: { meetingId: string; userId: string; networkId: string; communityId: string; score: number; word: string; at: Date }) {
  await db
    .insert(checkOuts)
    .values({ ...row, createdAt: row.at, updatedAt: row.at })
    .onConflictDoUpdate({ target: [checkOuts.meetingId, checkOuts.userId], set: { score: row.score, word: row.word, updatedAt: row.at } });
}

/** The check-out in aggregate; who answered is known, not who gave which score. */
export async function checkOutSummary(db: DbOrTx, meetingId: string, open: boolean): Promise<CheckOutSummary> {
  const rows = await db.select({ userId: checkOuts.userId, score: checkOuts.score, word: checkOuts.word }).from(checkOuts).where(eq(checkOuts.meetingId, meetingId));
  const distribution: CheckOutSummary['distribution'] = [0, 0, 0, 0, 0];
  for (const r of rows) if (r.score >= 1 && r.score <= 5) distribution[r.score - 1]! += 1;
  return {
    open,
    distribution,
    words: rows.map((r) => r.word).sort((a, b) => a.localeCompare(b)),
    answered: rows.map((r) => r.userId).sort(),
  };
}


/** Open rooms of a community that have this proposal on screen. */
export async function roomsShowing(db: DbOrTx, communityId: string, proposalId: string): Promise<string[]> {
  const rows = await db
    .select({ meetingId: rooms.meetingId })
    .from(rooms)
    .where(and(eq(rooms.communityId, communityId), sql`${rooms.state}->'proposal'->>'id' = ${proposalId}`, sql`${rooms.state}->>'closedAt' is null`));
  return rows.map((r) => r.meetingId);
}

export async function findMeetingRow(db: DbOrTx, meetingId: string) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  return row ?? null;
}
