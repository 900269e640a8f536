/**
 * Part 2, the rhythm of meetings: series, meetings (occurrences), attendance, the chair rota, input,
 * the programme (agenda), minutes, calendars and notification preferences. Shared by server and web.
 * Instants travel as ISO 8601 UTC strings; planned wall-clock times as local date + time + time zone.
 */
import * as z from 'zod';
import { id, timeZone } from './api';
import { isLocalDate, isLocalTime } from './zoned';

export {
  attendanceResponses,
  inputKinds,
  agendaItemKinds,
  chairModes,
  meetingStatuses,
  notificationKinds,
  weekdays,
  type AttendanceResponse,
  type InputKind,
  type AgendaItemKind,
  type ChairMode,
  type NotificationKind,
} from './enums';
import { agendaItemKinds, attendanceResponses, chairModes, inputKinds, meetingStatuses, notificationKinds, weekdays, type NotificationKind } from './enums';

export const localDate = z.string().refine(isLocalDate, { params: { code: 'invalidDate' } });
export const localTime = z.string().refine(isLocalTime, { params: { code: 'invalidTime' } });
const title = z.string().trim().min(1).max(200);
const shortText = z.string().trim().max(300);
const text = z.string().trim().max(4000);
const url = z.union([z.literal(''), z.string().trim().max(500).pipe(z.url({ protocol: /^https?$/ }))]);
const durationMinutes = z.number().int().min(15).max(720);
const version = z.number().int().positive();
const person = z.object({ userId: z.string(), name: z.string() });
export type Person = z.infer<typeof person>;

// ----- recurrence ------------------------------------------------------------------
/** The parsed RRULE, so the web can describe it in words ("every second Tuesday of the month"). */
export const recurrence = z.object({
  frequency: z.enum(['weekly', 'monthly']),
  interval: z.number().int(),
  byDay: z.array(z.object({ weekday: z.enum(weekdays), ordinal: z.number().int().nullable() })),
  byMonthDay: z.array(z.number().int()),
  bySetPos: z.number().int().nullable(),
  count: z.number().int().nullable(),
  until: z.string().nullable(),
});
export type Recurrence = z.infer<typeof recurrence>;

// ----- series ----------------------------------------------------------------------
const locationFields = {
  room: shortText.optional(),
  address: shortText.optional(),
  /** e.g. "we sit in a circle" */
  locationNotes: z.string().trim().max(1000).optional(),
  onlineUrl: url.optional(),
};

export const createSeriesBody = z.strictObject({
  title: title.optional(),
  startDate: localDate,
  startTime: localTime,
  /** Give either the duration or the end time (same day; an end before the start is refused). */
  durationMinutes: durationMinutes.optional(),
  endTime: localTime.optional(),
  timeZone: timeZone.optional(),
  /** RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU. Omitted: monthly on the start date's weekday of the month. */
  rrule: z.string().trim().min(1).max(200).optional(),
  /** Input closes this many days before each meeting (default 3). */
  inputDeadlineDays: z.number().int().min(0).max(28).optional(),
  ...locationFields,
});
export type CreateSeriesBody = z.infer<typeof createSeriesBody>;

/** Change the series from a date onward; meetings before that date stay as they were. */
export const changeSeriesBody = createSeriesBody.extend({
  version,
  /** The first date the change applies to (the new start date may be later). */
  fromDate: localDate,
});
export type ChangeSeriesBody = z.infer<typeof changeSeriesBody>;

export const endSeriesBody = z.strictObject({ fromDate: localDate, version, reason: shortText.optional() });

export const series = z.object({
  id,
  communityId: id,
  title: z.string(),
  rrule: z.string(),
  recurrence,
  startDate: z.string(),
  startTime: z.string(),
  durationMinutes: z.number().int(),
  timeZone: z.string(),
  inputDeadlineDays: z.number().int(),
  room: z.string(),
  address: z.string(),
  locationNotes: z.string(),
  onlineUrl: z.string(),
  /** Last date of the series when it was ended or changed from a date onward. */
  endDate: z.string().nullable(),
  previousSeriesId: id.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Series = z.infer<typeof series>;

// ----- meetings --------------------------------------------------------------------
export const createMeetingBody = z.strictObject({
  title: title.optional(),
  date: localDate,
  startTime: localTime,
  /** Give either the duration or the end time. */
  durationMinutes: durationMinutes.optional(),
  endTime: localTime.optional(),
  timeZone: timeZone.optional(),
  /** Defaults to three days before the meeting. Must be before the meeting starts. */
  inputDeadline: z.iso.datetime({ offset: true }).optional(),
  ...locationFields,
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

/** Move or change one meeting without touching the rest of its series. */
export const updateMeetingBody = z.strictObject({
  version,
  title: title.optional(),
  date: localDate.optional(),
  startTime: localTime.optional(),
  durationMinutes: durationMinutes.optional(),
  endTime: localTime.optional(),
  timeZone: timeZone.optional(),
  inputDeadline: z.iso.datetime({ offset: true }).optional(),
  ...locationFields,
});
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;

export const cancelMeetingBody = z.strictObject({ version, reason: z.string().trim().min(1).max(500) });
export const restoreMeetingBody = z.strictObject({ version });

export const attendanceCounts = z.object({ yes: z.number().int(), no: z.number().int(), maybe: z.number().int(), unanswered: z.number().int() });

export const meetingSummary = z.object({
  id,
  communityId: id,
  communityName: z.string(),
  seriesId: id.nullable(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  /** Wall-clock date and time in the meeting's zone. */
  localDate: z.string(),
  localStartTime: z.string(),
  localEndTime: z.string(),
  durationMinutes: z.number().int(),
  status: z.enum(meetingStatuses),
  cancelReason: z.string().nullable(),
  /** Moved away from its place in the series. */
  moved: z.boolean(),
  room: z.string(),
  address: z.string(),
  locationNotes: z.string(),
  onlineUrl: z.string(),
  chair: person.nullable(),
  inputDeadline: z.string(),
  inputOpen: z.boolean(),
  /** The meeting has ended. */
  held: z.boolean(),
  programmePublishedAt: z.string().nullable(),
  minutesPublishedAt: z.string().nullable(),
  myResponse: z.enum(attendanceResponses).nullable(),
  counts: attendanceCounts,
  sequence: z.number().int(),
  version: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;

export const attendee = z.object({
  userId: z.string(),
  name: z.string(),
  organisationName: z.string().nullable(),
  response: z.enum(attendanceResponses).nullable(),
  /** Only for the chair and coordinators (and your own). */
  reason: z.string().nullable(),
  /** Recorded by the chair after the meeting; null = not recorded. */
  present: z.boolean().nullable(),
});
export type Attendee = z.infer<typeof attendee>;

export const meetingPermissions = z.object({
  /** Move, cancel, change the location; plan series (chair of the meeting or coordinator). */
  manage: z.boolean(),
  /** Build and publish the programme and minutes, record presence, remind (chair of this meeting or coordinator). */
  chair: z.boolean(),
  /** Respond to attendance and add input (members, not researchers/observers). */
  participate: z.boolean(),
  seeAbsenceReasons: z.boolean(),
});

export const meetingDetail = meetingSummary.extend({
  permissions: meetingPermissions,
  attendees: z.array(attendee),
  myReason: z.string().nullable(),
  previousMeetingId: id.nullable(),
  nextMeetingId: id.nullable(),
  /** Links to add this single meeting to a calendar. */
  calendarLinks: z.object({ ics: z.string(), google: z.string(), outlook: z.string() }),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const meetingListQuery = z.strictObject({
  scope: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const attendanceBody = z.strictObject({
  response: z.enum(attendanceResponses),
  reason: z.string().trim().max(500).optional(),
});
export const presenceBody = z.strictObject({
  /** Everyone present; members not listed are recorded as absent. */
  presentUserIds: z.array(z.string().min(1).max(100)).max(200),
});

// ----- input -----------------------------------------------------------------------
export const inputBody = z.strictObject({ kind: z.enum(inputKinds), title, body: text.optional() });
export const updateInputBody = z.strictObject({ version, kind: z.enum(inputKinds).optional(), title: title.optional(), body: text.optional() });

export const meetingInput = z.object({
  id,
  meetingId: id,
  author: person.extend({ organisationName: z.string().nullable() }),
  kind: z.enum(inputKinds),
  title: z.string(),
  body: z.string(),
  mine: z.boolean(),
  /** Programme items this input was taken into. */
  agendaItemIds: z.array(id),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeetingInput = z.infer<typeof meetingInput>;

export const inputOverview = z.object({
  meetingId: id,
  deadline: z.string(),
  open: z.boolean(),
  inputs: z.array(meetingInput),
  /** Members who have not given input yet: only for the chair and coordinators, else null. */
  missing: z.array(person).nullable(),
  memberCount: z.number().int(),
  contributorCount: z.number().int(),
  reminderSentAt: z.string().nullable(),
});
export type InputOverview = z.infer<typeof inputOverview>;

// ----- programme (agenda) and minutes -----------------------------------------------
export const agendaItem = z.object({
  id,
  meetingId: id,
  position: z.number().int(),
  kind: z.enum(agendaItemKinds),
  title: z.string(),
  durationMinutes: z.number().int(),
  owner: person.nullable(),
  inputIds: z.array(id),
  /** Minutes: what was discussed and agreed for this item. */
  notes: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AgendaItem = z.infer<typeof agendaItem>;

export const actionItem = z.object({
  id,
  meetingId: id,
  meetingDate: z.string(),
  agendaItemId: id.nullable(),
  title: z.string(),
  owner: person.nullable(),
  dueDate: z.string().nullable(),
  done: z.boolean(),
  version: z.number().int(),
});
export type ActionItem = z.infer<typeof actionItem>;

export const agenda = z.object({
  meetingId: id,
  /** False until the chair starts the programme (which adds a harvest round and a check-out). */
  started: z.boolean(),
  items: z.array(agendaItem),
  totalMinutes: z.number().int(),
  meetingMinutes: z.number().int(),
  publishedAt: z.string().nullable(),
  /** Open action items from earlier meetings of the community, to come back to. */
  openActions: z.array(actionItem),
  /** Members see a programme once it is published; the chair sees the draft. */
  visible: z.boolean(),
  canEdit: z.boolean(),
});
export type Agenda = z.infer<typeof agenda>;

const minutesDuration = z.number().int().min(1).max(720);
export const createAgendaItemBody = z.strictObject({
  kind: z.enum(agendaItemKinds),
  title,
  durationMinutes: minutesDuration,
  ownerUserId: z.string().min(1).max(100).nullable().optional(),
  inputIds: z.array(id).max(50).optional(),
  /** Insert before the check-out when omitted. */
  position: z.number().int().min(0).max(100).optional(),
});
export const updateAgendaItemBody = z.strictObject({
  version,
  kind: z.enum(agendaItemKinds).optional(),
  title: title.optional(),
  durationMinutes: minutesDuration.optional(),
  ownerUserId: z.string().min(1).max(100).nullable().optional(),
  inputIds: z.array(id).max(50).optional(),
  notes: z.string().trim().max(10000).optional(),
});
export const reorderAgendaBody = z.strictObject({ itemIds: z.array(id).min(1).max(100) });

export const createActionBody = z.strictObject({
  title,
  ownerUserId: z.string().min(1).max(100).nullable().optional(),
  dueDate: localDate.nullable().optional(),
  agendaItemId: id.nullable().optional(),
});
export const updateActionBody = z.strictObject({
  version,
  title: title.optional(),
  ownerUserId: z.string().min(1).max(100).nullable().optional(),
  dueDate: localDate.nullable().optional(),
  done: z.boolean().optional(),
});

export const minutes = z.object({
  meetingId: id,
  items: z.array(agendaItem),
  actions: z.array(actionItem),
  present: z.array(person),
  absent: z.array(person),
  publishedAt: z.string().nullable(),
  /** Members see minutes once published; the chair sees the draft. */
  visible: z.boolean(),
  canEdit: z.boolean(),
});
export type Minutes = z.infer<typeof minutes>;

// ----- chair rota -------------------------------------------------------------------
export const rota = z.object({
  communityId: id,
  mode: z.enum(chairModes),
  fixedChair: person.nullable(),
  version: z.number().int(),
  members: z.array(person.extend({ organisationName: z.string().nullable(), willing: z.boolean(), turnsTaken: z.number().int(), turnsPlanned: z.number().int() })),
  upcoming: z.array(
    z.object({
      meetingId: id,
      startsAt: z.string(),
      localDate: z.string(),
      chair: person.nullable(),
      /** Kept by a swap or a manual choice; the rota does not move it. */
      pinned: z.boolean(),
      skipped: z.array(person),
    }),
  ),
  canManage: z.boolean(),
});
export type Rota = z.infer<typeof rota>;

export const updateRotaBody = z.strictObject({ version, mode: z.enum(chairModes), fixedChairUserId: z.string().min(1).max(100).nullable().optional() });
export const willingBody = z.strictObject({ willing: z.boolean() });
export const swapChairBody = z.strictObject({ otherMeetingId: id });
export const assignChairBody = z.strictObject({ userId: z.string().min(1).max(100) });

// ----- community rhythm (community page) ----------------------------------------------
export const rhythm = z.object({
  communityId: id,
  nextMeeting: meetingSummary.nullable(),
  /** The next meeting's programme when published (or for the chair). */
  nextAgenda: z.array(agendaItem).nullable(),
  nextInput: z.object({ deadline: z.string(), open: z.boolean(), contributorCount: z.number().int(), memberCount: z.number().int(), mine: z.number().int() }).nullable(),
  lastMinutes: z
    .object({ meeting: meetingSummary, items: z.array(z.object({ title: z.string(), notes: z.string() })), openActions: z.array(actionItem) })
    .nullable(),
  /** Set when the next meeting is more than six weeks after the previous one. */
  gapWarning: z.object({ previousAt: z.string(), nextAt: z.string(), weeks: z.number() }).nullable(),
  canPlan: z.boolean(),
});
export type Rhythm = z.infer<typeof rhythm>;

// ----- calendar subscription and notification preferences -----------------------------
export const calendarSubscription = z.object({
  /** https URL of the private feed; null when there is none (revoked or never made). */
  url: z.string().nullable(),
  webcalUrl: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type CalendarSubscription = z.infer<typeof calendarSubscription>;

export const notificationPreferences = z.object(
  Object.fromEntries(notificationKinds.map((k) => [k, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>,
);
export type NotificationPreferences = z.infer<typeof notificationPreferences>;
export const updateNotificationPreferencesBody = z.strictObject(
  Object.fromEntries(notificationKinds.map((k) => [k, z.boolean().optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodBoolean>>,
);
