import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

// ---------------------------------------------------------------------------
// better-auth tables (names and columns as better-auth expects them)
// ---------------------------------------------------------------------------
export const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  locale: text('locale').notNull().default('nl'),
  timeZone: text('time_zone').notNull().default('Europe/Amsterdam'),
  privacyAcceptedAt: ts('privacy_accepted_at'),
  /** Notification kinds switched off, e.g. { meetingReminder: false }; absent means on. */
  notificationPreferences: jsonb('notification_preferences').$type<Record<string, boolean>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

// ---------------------------------------------------------------------------
// Kring tables. Every tenant-owned table carries network_id (sharding key).
// ---------------------------------------------------------------------------
export const networks = pgTable('networks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const networkMembers = pgTable(
  'network_members',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    coordinator: boolean('coordinator').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId] }), index('network_members_user_idx').on(t.userId)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('organisations_network_name_uq').on(t.networkId, sql`lower(${t.name})`)],
);

export const communities = pgTable(
  'communities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    topic: text('topic').notNull().default(''),
    question: text('question').notNull().default(''),
    ambition: text('ambition').notNull().default(''),
    endProduct: text('end_product').notNull().default(''),
    /** [{ organisationId, description }] */
    endProductVariants: jsonb('end_product_variants')
      .$type<{ organisationId: string; description: string }[]>()
      .notNull()
      .default([]),
    phase: text('phase').notNull().default('prePhase'),
    includesParents: boolean('includes_parents').notNull().default(false),
    /** Stakeholder groups invited first during the pre-phase; others are held until the community is active. */
    firstGroups: jsonb('first_groups').$type<string[]>().notNull().default([]),
    /** fixed: one chair (fixed_chair_user_id) chairs every meeting; rotating: the rota decides. */
    chairMode: text('chair_mode').notNull().default('fixed'),
    fixedChairUserId: text('fixed_chair_user_id').references(() => user.id, { onDelete: 'set null' }),
    rotaVersion: integer('rota_version').notNull().default(1),
    /** Live notes in the meeting room: by the note-taker (and the chair), or by anyone. */
    notesMode: text('notes_mode').notNull().default('noteTaker'),
    /** Part 4: the quorum proposals need when their closing time passes (see decision-rules.ts). */
    decisionQuorum: text('decision_quorum').notNull().default('groups'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('communities_network_idx').on(t.networkId)],
);

export const communityRevisions = pgTable(
  'community_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    changedBy: text('changed_by').references(() => user.id, { onDelete: 'set null' }),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [index('community_revisions_community_idx').on(t.communityId, t.changedAt)],
);

export const communityMembers = pgTable(
  'community_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    stakeholderGroup: text('stakeholder_group').notNull(),
    roles: jsonb('roles').$type<string[]>().notNull().default(['member']),
    /** Willing to take a turn as chair when the chair rotates. */
    chairWilling: boolean('chair_willing').notNull().default(true),
    /** Part 5: the member's own statement of hours per month for the community (null: not stated). */
    hoursPerMonth: integer('hours_per_month'),
    /** Part 5: whether that time is an official part of their tasks. */
    timeOfficial: boolean('time_official'),
    joinedAt: ts('joined_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('community_members_uq').on(t.communityId, t.userId),
    index('community_members_user_idx').on(t.userId),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    stakeholderGroup: text('stakeholder_group').notNull(),
    roles: jsonb('roles').$type<string[]>().notNull().default(['member']),
    locale: text('locale').notNull().default('nl'),
    message: text('message').notNull().default(''),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    /** Hashes of links replaced by a resend, so that an old mail can still explain itself. */
    previousTokenHashes: jsonb('previous_token_hashes').$type<string[]>().notNull().default([]),
    status: text('status').notNull().default('pending'),
    expiresAt: ts('expires_at').notNull(),
    sentAt: ts('sent_at'),
    sendCount: integer('send_count').notNull().default(0),
    invitedBy: text('invited_by').references(() => user.id, { onDelete: 'set null' }),
    acceptedBy: text('accepted_by').references(() => user.id, { onDelete: 'set null' }),
    acceptedAt: ts('accepted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitations_community_idx').on(t.communityId, t.status),
    // At most one open invitation per address and community, whatever races.
    uniqueIndex('invitations_open_uq').on(t.communityId, t.email).where(sql`status in ('pending', 'held')`),
  ],
);

/** Every mail passes through here; without SMTP it is the place to read them (development). */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Delivered by the job runner (notifications) rather than at once by the request (sign-in links). */
    queued: boolean('queued').notNull().default(false),
    /** A process is delivering it until then; after that another may retry. */
    claimedUntil: ts('claimed_until'),
    nextAttemptAt: ts('next_attempt_at'),
    /** text/calendar part (METHOD:PUBLISH) for invitations to meetings. */
    calendar: text('calendar'),
  },
  (t) => [
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_queued_idx').on(t.nextAttemptAt).where(sql`queued and sent_at is null`),
  ],
);

/** Fixed-window counters for rate limits, shared by all processes on one database. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull().default(0),
});

// ---------------------------------------------------------------------------
// Part 2: the rhythm of meetings
// ---------------------------------------------------------------------------
export const meetingSeries = pgTable(
  'meeting_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    rrule: text('rrule').notNull(),
    /** Local date and time of the first meeting in time_zone. */
    startDate: text('start_date').notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    timeZone: text('time_zone').notNull(),
    inputDeadlineDays: integer('input_deadline_days').notNull().default(3),
    room: text('room').notNull().default(''),
    address: text('address').notNull().default(''),
    locationNotes: text('location_notes').notNull().default(''),
    onlineUrl: text('online_url').notNull().default(''),
    /** Last local date with meetings (set when the series is ended or changed from a date onward). */
    endDate: text('end_date'),
    /** Meetings are materialized up to this local date; the daily job extends it. */
    materializedUntil: text('materialized_until').notNull(),
    previousSeriesId: uuid('previous_series_id'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_series_community_idx').on(t.communityId)],
);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').references(() => meetingSeries.id, { onDelete: 'set null' }),
    /** Local date of this meeting's place in its series (stable identity when it is moved). */
    seriesDate: text('series_date'),
    title: text('title').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    timeZone: text('time_zone').notNull(),
    status: text('status').notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    moved: boolean('moved').notNull().default(false),
    room: text('room').notNull().default(''),
    address: text('address').notNull().default(''),
    locationNotes: text('location_notes').notNull().default(''),
    onlineUrl: text('online_url').notNull().default(''),
    inputDeadline: ts('input_deadline').notNull(),
    inputReminderSentAt: ts('input_reminder_sent_at'),
    chairUserId: text('chair_user_id').references(() => user.id, { onDelete: 'set null' }),
    /** The chair was set by a swap or by hand; the rota leaves it alone. */
    chairPinned: boolean('chair_pinned').notNull().default(false),
    /** Users who said they skip their turn as chair for this meeting. */
    chairSkips: jsonb('chair_skips').$type<string[]>().notNull().default([]),
    agendaStartedAt: ts('agenda_started_at'),
    programmePublishedAt: ts('programme_published_at'),
    minutesPublishedAt: ts('minutes_published_at'),
    /** iCalendar SEQUENCE: raised on every change a calendar shows. */
    sequence: integer('sequence').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('meetings_community_start_idx').on(t.communityId, t.startsAt),
    uniqueIndex('meetings_series_date_uq').on(t.seriesId, t.seriesDate),
  ],
);

export const attendance = pgTable(
  'attendance',
  {
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    response: text('response'),
    reason: text('reason'),
    present: boolean('present'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const meetingInputs = pgTable(
  'meeting_inputs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('meeting_inputs_meeting_idx').on(t.meetingId)],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    ownerUserId: text('owner_user_id').references(() => user.id, { onDelete: 'set null' }),
    inputIds: jsonb('input_ids').$type<string[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    ownerUserId: text('owner_user_id').references(() => user.id, { onDelete: 'set null' }),
    dueDate: text('due_date'),
    doneAt: ts('done_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('action_items_community_idx').on(t.communityId, t.doneAt)],
);

/** A private calendar feed. The URL's secret is an HMAC of the id, so nothing secret is stored. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('calendar_feeds_user_idx').on(t.userId)],
);

/**
 * Durable jobs. A job is claimed with FOR UPDATE SKIP LOCKED and its effects (outbox rows) are
 * written in the same transaction that marks it done, so a restart neither loses nor repeats one.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** Identity of the job, e.g. meetingReminder:<meetingId>; one job per key. */
    key: text('key').notNull().unique(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    runAt: ts('run_at').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    doneAt: ts('done_at'),
    createdAt: createdAt(),
  },
  (t) => [index('jobs_due_idx').on(t.runAt).where(sql`status = 'pending'`)],
);

// ---------------------------------------------------------------------------
// Part 3: the live meeting room
// ---------------------------------------------------------------------------
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The room's current state (a snapshot of its events folded with `evolve`) and its last sequence number. */
export const rooms = pgTable('rooms', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
  communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull().default(0),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Every applied intent, in order. The client's intent id is unique per room, so a retried intent
 * finds its first result instead of acting twice.
 */
export const roomEvents = pgTable(
  'room_events',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seq] }), uniqueIndex('room_events_client_uq').on(t.meetingId, t.clientId)],
);

/** The harvest of one member's turn: the community's knowledge log. */
export const harvests = pgTable(
  'harvests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    speakerId: text('speaker_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    /** The speaker's organisation and group when they spoke (members move on; the log stays true). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    stakeholderGroup: text('stakeholder_group').notNull(),
    writtenBy: text('written_by').references(() => user.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    version: integer('version').notNull().default(1),
    /** Dutch and English stems together: members write in either language. */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch'::regconfig, text) || to_tsvector('english'::regconfig, text)`),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('harvests_meeting_speaker_uq').on(t.meetingId, t.speakerId),
    index('harvests_community_idx').on(t.communityId, t.createdAt),
    index('harvests_search_idx').using('gin', t.search),
  ],
);

/** "Did we work well together today?" 1–5 and one word, per member and meeting (for part 5). */
export const checkOuts = pgTable(
  'check_outs',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    word: text('word').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('check_outs_community_idx').on(t.communityId)],
);

// ---------------------------------------------------------------------------
// Part 4: decisions by consensus
// ---------------------------------------------------------------------------
/**
 * A proposal: its current wording (round = 1 + amendments), how it is decided, and once closed its
 * result, the participation snapshot and the outcome statement. One row lock serializes responses,
 * amendments and closing, so a response either lands before the close or is refused.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    proposerId: text('proposer_id').references(() => user.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    background: text('background').notNull().default(''),
    process: text('process').notNull(),
    /** The community's quorum when the proposal opened. */
    quorum: text('quorum').notNull(),
    /** Null: closes when everyone has responded. */
    closesAt: ts('closes_at'),
    status: text('status').notNull().default('open'),
    result: text('result'),
    round: integer('round').notNull().default(1),
    /** Participation by organisation and stakeholder group when it closed (members move on; the log stays true). */
    participation: jsonb('participation').$type<Record<string, unknown>>(),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by').references(() => user.id, { onDelete: 'set null' }),
    withdrawnReason: text('withdrawn_reason'),
    /** The round for which the one reminder was sent. */
    reminderRound: integer('reminder_round'),
    reminderSentAt: ts('reminder_sent_at'),
    outcomeStatement: text('outcome_statement'),
    /** Local date (YYYY-MM-DD) to look at the decision again. */
    reviewDate: text('review_date'),
    outcomeBy: text('outcome_by').references(() => user.id, { onDelete: 'set null' }),
    outcomeAt: ts('outcome_at'),
    outcomeVersion: integer('outcome_version').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('proposals_community_idx').on(t.communityId, t.status, t.createdAt), index('proposals_meeting_idx').on(t.meetingId)],
);

/** Earlier wordings of a proposal, with why they were replaced. */
export const proposalRevisions = pgTable(
  'proposal_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    background: text('background').notNull(),
    closesAt: ts('closes_at'),
    note: text('note').notNull(),
    amendedBy: text('amended_by').references(() => user.id, { onDelete: 'set null' }),
    amendedAt: ts('amended_at').notNull(),
  },
  (t) => [uniqueIndex('proposal_revisions_round_uq').on(t.proposalId, t.round)],
);

/** Each member's current response; `round` says which wording it answers. */
export const proposalResponses = pgTable(
  'proposal_responses',
  {
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    position: text('position').notNull(),
    reason: text('reason').notNull().default(''),
    round: integer('round').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

/** Every response ever given, in order: the history kept through amendments and changes of mind. */
export const proposalResponseHistory = pgTable(
  'proposal_response_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    position: text('position').notNull(),
    reason: text('reason').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('proposal_response_history_idx').on(t.proposalId, t.at)],
);

/** The discussion thread: comments and (one level of) replies. */
export const proposalComments = pgTable(
  'proposal_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('proposal_comments_idx').on(t.proposalId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Part 5: the conditions monitor
// ---------------------------------------------------------------------------
/** A short evaluation of a community's conditions, opened by a coordinator or researcher. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    /** When it actually closed: at closes_at, early by its opener, or when every participant answered. */
    closedAt: ts('closed_at'),
    openQuestions: jsonb('open_questions').$type<string[]>().notNull().default([]),
    openedBy: text('opened_by').references(() => user.id, { onDelete: 'set null' }),
    /** Participants when it closed (the denominator of the response rate). */
    participants: integer('participants'),
    /** The condition scores when it closed (ConditionScore[]): the monitor's history. */
    snapshot: jsonb('snapshot').$type<unknown[]>(),
    createdAt: createdAt(),
  },
  (t) => [index('evaluations_community_idx').on(t.communityId, t.opensAt)],
);

/** Who answered an evaluation (to refuse a second answer). Holds nothing of the answer itself. */
export const evaluationParticipations = pgTable(
  'evaluation_participations',
  {
    evaluationId: uuid('evaluation_id').notNull().references(() => evaluations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.userId] })],
);

/**
 * One member's answers, without who or when: nothing links a row to a person (no user, no time; a
 * random id). Shown only in aggregate, only once closed and with at least three answers.
 */
export const evaluationAnswers = pgTable(
  'evaluation_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id').notNull().references(() => evaluations.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    openAnswers: jsonb('open_answers').$type<string[]>().notNull().default([]),
  },
  (t) => [index('evaluation_answers_evaluation_idx').on(t.evaluationId)],
);

/** What the community does about its critical factor: what, who, by when. */
export const improvementActions = pgTable(
  'improvement_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').notNull().references(() => communities.id, { onDelete: 'cascade' }),
    condition: text('condition').notNull(),
    what: text('what').notNull(),
    ownerUserId: text('owner_user_id').references(() => user.id, { onDelete: 'set null' }),
    dueDate: text('due_date').notNull(),
    /** The condition's score when the action was recorded: the effect is measured against it. */
    baselineScore: integer('baseline_score'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    done: boolean('done').notNull().default(false),
    doneAt: ts('done_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('improvement_actions_community_idx').on(t.communityId, t.createdAt)],
);

/**
 * A materialized summary per community for the network view: its current condition scores and the
 * same window a quarter earlier. Rewritten whenever the community's monitor is computed; refreshed in the
 * background when older than an hour.
 */
export const monitorSummaries = pgTable(
  'monitor_summaries',
  {
    communityId: uuid('community_id')
      .primaryKey()
      .references(() => communities.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    computedAt: ts('computed_at').notNull(),
    scores: jsonb('scores').$type<{ condition: string; score: number | null }[]>().notNull(),
    previous: jsonb('previous').$type<{ condition: string; score: number | null }[]>().notNull(),
    criticalFactor: text('critical_factor'),
    groupSize: integer('group_size').notNull(),
  },
  (t) => [index('monitor_summaries_network_idx').on(t.networkId)],
);
