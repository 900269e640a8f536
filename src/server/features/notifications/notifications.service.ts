import type { AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { cancelJobs, queueMail, scheduleJob } from '../../lib/jobs';
import { renderMail } from '../../lib/mailer';
import { t, type MessageKey } from '../../i18n/messages';
import type { SessionUser } from '../../plugins/auth';
import type { Locale } from '../../../contracts/enums';
import { notificationKinds, type NotificationKind, type NotificationPreferences } from '../../../contracts/meetings';
import { buildCalendar } from '../calendar/ics';
import { meetingEvent } from '../calendar/calendar.service';
import type { MeetingRow, SeriesRow } from '../meetings/meetings.repository';
import { describeRecurrence } from '../meetings/describe';
import { parseRRule } from '../meetings/recurrence';
import { placeOf } from '../meetings/schedule';
import * as repo from './notifications.repository';

const DAY = 86_400_000;
export const CHAIR_NOTICE_DAYS = 14;
export const REMINDER_DAYS = 2;
/** Input is asked for two weeks ahead (or at once when the meeting is planned later than that). */
export const INPUT_REQUEST_DAYS = 14;

export const JOB = {
  inputRequested: 'meeting.inputRequested',
  reminder: 'meeting.reminder',
  chairTurn: 'meeting.chairTurn',
  extendSeries: 'series.extend',
} as const;

const later = (a: Date, b: Date) => (a > b ? a : b);

/** Plans the time-based mails of one meeting; moving it moves them (and re-arms them when needed). */
export async function scheduleMeetingNotifications(ctx: AppContext, tx: DbOrTx, m: MeetingRow, opts: { moved?: boolean } = {}) {
  const now = ctx.now();
  if (m.status !== 'planned' || m.startsAt <= now) return;
  const again = opts.moved === true;
  const inputAt = later(now, new Date(m.startsAt.getTime() - INPUT_REQUEST_DAYS * DAY));
  if (inputAt < m.inputDeadline) await scheduleJob(tx, { kind: JOB.inputRequested, key: `inputRequested:${m.id}`, runAt: inputAt, payload: { meetingId: m.id } });
  const reminderAt = new Date(m.startsAt.getTime() - REMINDER_DAYS * DAY);
  if (reminderAt > now) await scheduleJob(tx, { kind: JOB.reminder, key: `reminder:${m.id}`, runAt: reminderAt, payload: { meetingId: m.id } }, { again });
  if (again) {
    // The chair's notice moves along (read after any rebalance, which may have changed the chair).
    const chair = await repo.chairOf(tx, m.id);
    if (chair) await scheduleChairTurn(tx, { meetingId: m.id, userId: chair, startsAt: m.startsAt }, now);
  }
}

export async function cancelMeetingNotifications(tx: DbOrTx, meetingId: string) {
  await cancelJobs(tx, [`inputRequested:${meetingId}`, `reminder:${meetingId}`]);
}

/** "Your turn as chair", two weeks ahead; once per person and meeting. */
export async function scheduleChairTurn(tx: DbOrTx, a: { meetingId: string; userId: string; startsAt: Date }, now: Date) {
  const runAt = later(now, new Date(a.startsAt.getTime() - CHAIR_NOTICE_DAYS * DAY));
  await scheduleJob(tx, { kind: JOB.chairTurn, key: `chairTurn:${a.meetingId}:${a.userId}`, runAt, payload: { meetingId: a.meetingId, userId: a.userId } });
}

// ----- composing ------------------------------------------------------------------------------
const asLocale = (l: string): Locale => (l === 'en' ? 'en' : 'nl');

function when(m: MeetingRow, locale: Locale) {
  const tag = locale === 'en' ? 'en-GB' : 'nl-NL';
  const date = new Intl.DateTimeFormat(tag, { timeZone: m.timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(m.startsAt);
  const time = (d: Date) => new Intl.DateTimeFormat(tag, { timeZone: m.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const short = new Intl.DateTimeFormat(tag, { timeZone: m.timeZone, day: 'numeric', month: 'long' }).format(m.startsAt);
  const deadline = `${new Intl.DateTimeFormat(tag, { timeZone: m.timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(m.inputDeadline)} ${time(m.inputDeadline)}`;
  return { date: short, when: t(locale, 'mail.meeting.when', { date, start: time(m.startsAt), end: time(m.endsAt) }), deadline };
}

function whereLines(m: MeetingRow, locale: Locale) {
  const place = placeOf(m);
  const lines = [place && t(locale, 'mail.meeting.where', { place }), m.locationNotes, m.onlineUrl && t(locale, 'mail.meeting.online', { url: m.onlineUrl })].filter(Boolean);
  return lines.length ? `${lines.join('\n')}\n\n` : '';
}

const wants = (prefs: Record<string, boolean>, kind: NotificationKind) => prefs[kind] !== false;

interface Compose {
  kind: NotificationKind;
  subjectKey: MessageKey;
  bodyKey: MessageKey;
  params: (locale: Locale) => Record<string, string | number>;
  url: string;
  /** Where the "open the meeting" button goes, when the text links elsewhere (default: url). */
  meetingUrl?: string;
  calendar?: string | null;
}

async function queueFor(ctx: AppContext, tx: DbOrTx, networkId: string, to: { name: string; email: string; locale: string; preferences: Record<string, boolean> }, c: Compose) {
  if (!wants(to.preferences, c.kind)) return;
  const locale = asLocale(to.locale);
  const params = { name: to.name, url: c.url, ...c.params(locale) };
  const prefsUrl = `${ctx.config.publicUrl}/account/notifications`;
  const body = renderMail({
    lang: locale,
    text: t(locale, c.bodyKey, params),
    footer: `${t(locale, 'mail.footer')} ${t(locale, 'mail.preferences', { url: prefsUrl })}`,
    action: { url: c.meetingUrl ?? c.url, label: t(locale, 'mail.meeting.open') },
  });
  await queueMail(tx, { to: to.email, subject: t(locale, c.subjectKey, params), ...body, kind: c.kind, networkId, calendar: c.calendar ?? null }, ctx.now());
}

const meetingUrl = (ctx: AppContext, m: MeetingRow, tab = '') => `${ctx.config.publicUrl}/communities/${m.communityId}/meetings/${m.id}${tab}`;

/** Everyone at the table hears about a new series, with the meetings attached for their calendar. */
export async function queueSeriesInvitation(ctx: AppContext, tx: Tx, a: { series: SeriesRow; meetingIds: string[]; plannerName: string; communityName: string }) {
  const first = a.meetingIds[0];
  if (!first) return;
  const rows = await Promise.all(a.meetingIds.map((id) => repo.meetingWithCommunity(tx, id)));
  const list = rows.filter((r): r is NonNullable<typeof r> => r !== null);
  const calendar = buildCalendar({ name: a.communityName, method: 'PUBLISH', events: list.map((r) => meetingEvent(ctx, r.meeting, r.communityName)) });
  const firstMeeting = list[0]!.meeting;
  for (const r of await repo.meetingRecipients(tx, first)) {
    await queueFor(ctx, tx, a.series.networkId, r, {
      kind: 'seriesInvited',
      subjectKey: 'mail.seriesInvited.subject',
      bodyKey: 'mail.seriesInvited.body',
      url: meetingUrl(ctx, firstMeeting),
      calendar,
      params: (locale) => ({
        community: a.communityName,
        planner: a.plannerName,
        rule: describeRecurrence(parseRRule(a.series.rrule), a.series.rrule, locale),
        dates: list
          .slice(0, 4)
          .map((x) => `- ${when(x.meeting, locale).when}`)
          .join('\n'),
        where: whereLines(firstMeeting, locale),
      }),
    });
  }
}

async function forMeeting(tx: DbOrTx, meetingId: string) {
  const found = await repo.meetingWithCommunity(tx, meetingId);
  return found && found.meeting.status === 'planned' ? found : null;
}

export async function queueProgrammePublished(ctx: AppContext, tx: DbOrTx, meetingId: string) {
  const found = await forMeeting(tx, meetingId);
  if (!found) return;
  const m = found.meeting;
  const items = await repo.agendaOf(tx, meetingId);
  for (const r of await repo.meetingRecipients(tx, meetingId)) {
    await queueFor(ctx, tx, m.networkId, r, {
      kind: 'programmePublished',
      subjectKey: 'mail.programmePublished.subject',
      bodyKey: 'mail.programmePublished.body',
      url: meetingUrl(ctx, m, '/programme'),
      params: (locale) => ({
        community: found.communityName,
        ...when(m, locale),
        items: items.map((i) => `- ${i.title} (${i.durationMinutes} min)`).join('\n'),
        where: whereLines(m, locale),
      }),
    });
  }
}

export async function queueMinutesPublished(ctx: AppContext, tx: DbOrTx, meetingId: string) {
  const found = await repo.meetingWithCommunity(tx, meetingId);
  if (!found) return;
  const m = found.meeting;
  const items = (await repo.agendaOf(tx, meetingId)).filter((i) => i.notes.trim());
  const actions = await repo.actionsOf(tx, meetingId);
  const harvests = await repo.harvestsOf(tx, meetingId);
  for (const r of await repo.meetingRecipients(tx, meetingId)) {
    await queueFor(ctx, tx, m.networkId, r, {
      kind: 'minutesPublished',
      subjectKey: 'mail.minutesPublished.subject',
      bodyKey: 'mail.minutesPublished.body',
      url: meetingUrl(ctx, m, '/minutes'),
      params: (locale) => ({
        community: found.communityName,
        ...when(m, locale),
        harvests: harvests.length ? t(locale, 'mail.minutesPublished.harvests', { list: harvests.map((h) => `- ${h.speakerName}: ${h.text}`).join('\n') }) : '',
        notes: items.map((i) => `${i.title}\n${i.notes}\n\n`).join(''),
        actions: actions.length
          ? t(locale, 'mail.minutesPublished.actions', { list: actions.map((a) => `- ${a.title}${a.ownerName ? ` (${a.ownerName}${a.dueDate ? `, ${a.dueDate}` : ''})` : ''}`).join('\n') })
          : '',
      }),
    });
  }
}

/** The chair's one reminder, only to participants who have not given input yet. */
export async function queueInputReminder(ctx: AppContext, tx: DbOrTx, meetingId: string, chairName: string) {
  const found = await forMeeting(tx, meetingId);
  if (!found) return 0;
  const m = found.meeting;
  const missing = (await repo.meetingRecipients(tx, meetingId)).filter((r) => !r.hasInput);
  for (const r of missing) {
    await queueFor(ctx, tx, m.networkId, r, {
      kind: 'inputRequested',
      subjectKey: 'mail.inputReminder.subject',
      bodyKey: 'mail.inputReminder.body',
      url: meetingUrl(ctx, m),
      params: (locale) => ({ community: found.communityName, chair: chairName, ...when(m, locale) }),
    });
  }
  return missing.length;
}

// ----- scheduled jobs ---------------------------------------------------------------------------
export function registerNotificationJobs(ctx: AppContext, extendSeries: (tx: Tx) => Promise<void>) {
  ctx.jobs.register(JOB.inputRequested, async (tx, job, now) => {
    const found = await forMeeting(tx, String(job.payload.meetingId));
    if (!found || found.meeting.inputDeadline <= now) return;
    const m = found.meeting;
    for (const r of await repo.meetingRecipients(tx, m.id)) {
      if (r.hasInput || r.response === 'no') continue;
      await queueFor(ctx, tx, m.networkId, r, {
        kind: 'inputRequested',
        subjectKey: 'mail.inputRequested.subject',
        bodyKey: 'mail.inputRequested.body',
        url: meetingUrl(ctx, m),
        params: (locale) => ({ community: found.communityName, ...when(m, locale) }),
      });
    }
  });
  ctx.jobs.register(JOB.reminder, async (tx, job, now) => {
    const found = await forMeeting(tx, String(job.payload.meetingId));
    if (!found || found.meeting.startsAt <= now) return;
    const m = found.meeting;
    for (const r of await repo.meetingRecipients(tx, m.id)) {
      if (r.response === 'no') continue;
      await queueFor(ctx, tx, m.networkId, r, {
        kind: 'meetingReminder',
        subjectKey: 'mail.meetingReminder.subject',
        bodyKey: 'mail.meetingReminder.body',
        url: meetingUrl(ctx, m),
        params: (locale) => ({
          community: found.communityName,
          ...when(m, locale),
          where: whereLines(m, locale).trim(),
          chairLine: found.chairName ? t(locale, 'mail.meeting.chairLine', { chair: found.chairName }) : '',
        }),
      });
    }
  });
  ctx.jobs.register(JOB.chairTurn, async (tx, job, now) => {
    const found = await forMeeting(tx, String(job.payload.meetingId));
    const userId = String(job.payload.userId);
    // The rota may have moved the turn to someone else since this was planned.
    if (!found || found.meeting.chairUserId !== userId || found.meeting.startsAt <= now) return;
    const to = await repo.findUser(tx, userId);
    if (!to) return;
    const m = found.meeting;
    await queueFor(ctx, tx, m.networkId, to, {
      kind: 'chairTurn',
      subjectKey: 'mail.chairTurn.subject',
      bodyKey: 'mail.chairTurn.body',
      url: `${ctx.config.publicUrl}/communities/${m.communityId}/rota`,
      meetingUrl: meetingUrl(ctx, m),
      params: (locale) => ({ community: found.communityName, ...when(m, locale) }),
    });
  });
  ctx.jobs.register(JOB.extendSeries, async (tx, job, now) => {
    await extendSeries(tx);
    const next = new Date(now.getTime() + DAY);
    await scheduleJob(tx, { kind: JOB.extendSeries, key: `series.extend:${next.toISOString().slice(0, 10)}`, runAt: next });
    void job;
  });
}

/** Arms the daily series job when the server starts (idempotent across restarts and processes). */
export async function armDailyJobs(ctx: AppContext) {
  const now = ctx.now();
  await scheduleJob(ctx.db, { kind: JOB.extendSeries, key: `series.extend:${now.toISOString().slice(0, 10)}`, runAt: now });
}

// ----- preferences -----------------------------------------------------------------------------
function toPreferences(stored: Record<string, boolean>): NotificationPreferences {
  return Object.fromEntries(notificationKinds.map((k) => [k, stored[k] !== false])) as NotificationPreferences;
}

export async function getPreferences(ctx: AppContext, me: SessionUser) {
  return toPreferences(await repo.getPreferences(ctx.db, me.id));
}

export async function updatePreferences(ctx: AppContext, me: SessionUser, body: Partial<NotificationPreferences>) {
  return ctx.db.transaction(async (tx) => {
    const current = toPreferences(await repo.getPreferences(tx, me.id));
    const next = { ...current, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
    await repo.setPreferences(tx, me.id, next);
    return toPreferences(next);
  });
}
