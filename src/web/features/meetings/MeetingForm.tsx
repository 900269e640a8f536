/** The fields of one meeting: used to add an extra meeting and to move or change one meeting. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../contracts/meetings';
import { fromZoned, isLocalDate, isLocalTime, toZoned } from '../../../contracts/zoned';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextField, formStyles } from '../../ui/Form';
import { DEFAULT_TIME_ZONE } from '../../lib/format';
import { DurationField, LocationFields, SavedValue, TimeZoneField, emptyLocation, type LocationValues } from './fields';
import styles from './meetings.module.css';

export interface MeetingFormValues extends LocationValues {
  title: string;
  date: string;
  startTime: string;
  durationMinutes: string;
  timeZone: string;
  /** datetime-local value (YYYY-MM-DDTHH:MM) in the meeting's zone; empty = the server's default. */
  inputDeadline: string;
}

export const emptyMeeting = (timeZone = DEFAULT_TIME_ZONE): MeetingFormValues => ({
  title: '',
  date: '',
  startTime: '',
  durationMinutes: '120',
  timeZone,
  inputDeadline: '',
  ...emptyLocation,
});

function localDeadline(iso: string, timeZone: string): string {
  try {
    const z = toZoned(new Date(iso), timeZone);
    return `${z.date}T${z.time}`;
  } catch {
    return '';
  }
}

export function meetingToValues(m: MeetingDetail): MeetingFormValues {
  return {
    title: m.title,
    date: m.localDate,
    startTime: m.localStartTime,
    durationMinutes: String(m.durationMinutes),
    timeZone: m.timeZone,
    inputDeadline: localDeadline(m.inputDeadline, m.timeZone),
    room: m.room,
    address: m.address,
    locationNotes: m.locationNotes,
    onlineUrl: m.onlineUrl,
  };
}

function instant(date: string, time: string, timeZone: string): number | null {
  if (!isLocalDate(date) || !isLocalTime(time)) return null;
  try {
    return fromZoned(date, time, timeZone).getTime();
  } catch {
    return null;
  }
}

/** The deadline as an ISO instant; undefined when empty, the raw text when unreadable (the server then says why). */
export function deadlineToIso(value: string, timeZone: string): string | undefined {
  if (!value) return undefined;
  const [date = '', time = ''] = value.split('T');
  const t = instant(date, time.slice(0, 5), timeZone);
  return t === null ? value : new Date(t).toISOString();
}

/** When the meeting moves and the deadline was not touched, the deadline moves along by the same amount. */
function followedDeadline(before: MeetingFormValues, after: MeetingFormValues): string {
  const from = instant(before.date, before.startTime, before.timeZone);
  const to = instant(after.date, after.startTime, after.timeZone);
  const deadline = before.inputDeadline ? deadlineToIso(before.inputDeadline, before.timeZone) : undefined;
  if (from === null || to === null || !deadline || Number.isNaN(Date.parse(deadline))) return after.inputDeadline;
  return localDeadline(new Date(Date.parse(deadline) + (to - from)).toISOString(), after.timeZone);
}

export function MeetingForm({
  initial,
  onSubmit,
  error,
  pending,
  submitLabel,
  saved,
  onReloadAfterConflict,
  extraActions,
}: {
  initial: MeetingFormValues;
  onSubmit: (values: MeetingFormValues) => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  saved?: MeetingFormValues;
  onReloadAfterConflict?: () => void;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<MeetingFormValues>(initial);
  const [deadlineTouched, setDeadlineTouched] = useState(false);
  const [base, setBase] = useState<MeetingFormValues>(initial);
  const [mergedSaved, setMergedSaved] = useState(saved);
  if (saved !== mergedSaved) {
    setMergedSaved(saved);
    if (saved) {
      setV((prev) => {
        const next = { ...saved };
        for (const key of Object.keys(prev) as (keyof MeetingFormValues)[]) if (prev[key] !== base[key]) next[key] = prev[key];
        return next;
      });
      setBase(saved);
    }
  }

  /** Date, time and zone changes carry an untouched deadline along. */
  const setWhen = (key: 'date' | 'startTime' | 'timeZone', value: string) =>
    setV((prev) => {
      const next = { ...prev, [key]: value };
      if (!deadlineTouched && initial.inputDeadline) next.inputDeadline = followedDeadline(initial, next);
      return next;
    });
  const set = <K extends keyof MeetingFormValues>(key: K, value: MeetingFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };

  return (
    <Form onSubmit={submit}>
      <FormAlert error={error} onReload={onReloadAfterConflict} />
      <TextField
        label={t('meetings.fields.meetingTitle')}
        description={t('meetings.fields.meetingTitleHint')}
        value={v.title}
        maxLength={200}
        onChange={(e) => set('title', e.target.value)}
        error={fieldError(error, 'title')}
        optional
        after={<SavedValue saved={saved?.title} current={v.title} />}
      />
      <div className={styles.fieldRow}>
        <TextField
          label={t('meetings.fields.date')}
          type="date"
          value={v.date}
          onChange={(e) => setWhen('date', e.target.value)}
          error={fieldError(error, 'date')}
          required
          after={<SavedValue saved={saved?.date} current={v.date} />}
        />
        <TextField
          label={t('meetings.fields.startTime')}
          type="time"
          value={v.startTime}
          onChange={(e) => setWhen('startTime', e.target.value)}
          error={fieldError(error, 'startTime')}
          required
          after={<SavedValue saved={saved?.startTime} current={v.startTime} />}
        />
        <DurationField
          value={v.durationMinutes}
          startTime={v.startTime}
          onChange={(x) => set('durationMinutes', x)}
          error={fieldError(error, 'durationMinutes') ?? fieldError(error, 'endTime')}
          after={<SavedValue saved={saved?.durationMinutes} current={v.durationMinutes} />}
        />
      </div>
      <TimeZoneField value={v.timeZone} onChange={(x) => setWhen('timeZone', x)} error={fieldError(error, 'timeZone')} after={<SavedValue saved={saved?.timeZone} current={v.timeZone} />} />
      <TextField
        label={t('meetings.fields.inputDeadline')}
        description={initial.inputDeadline ? t('meetings.fields.inputDeadlineMoves') : t('meetings.fields.inputDeadlineHint')}
        type="datetime-local"
        value={v.inputDeadline}
        onChange={(e) => {
          setDeadlineTouched(true);
          set('inputDeadline', e.target.value);
        }}
        error={fieldError(error, 'inputDeadline')}
        optional
        after={<SavedValue saved={saved?.inputDeadline} current={v.inputDeadline} render={(x) => x.replace('T', ' ')} />}
      />
      <LocationFields values={v} onChange={(k, x) => set(k, x)} error={error} saved={saved} />
      <div className={formStyles.actions}>
        <Button type="submit" disabled={pending}>
          {pending ? t('common.working') : submitLabel}
        </Button>
        {extraActions}
      </div>
    </Form>
  );
}
