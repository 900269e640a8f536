/** Form pieces shared by the plan, series and move forms: time zone, duration, location, saved values after a conflict. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalTime } from '../../../contracts/zoned';
import { fieldError } from '../../api/client';
import { SelectField, TextArea, TextField, formStyles } from '../../ui/Form';
import { DEFAULT_TIME_ZONE, supportedTimeZones } from '../../lib/format';

export interface LocationValues {
  room: string;
  address: string;
  locationNotes: string;
  onlineUrl: string;
}
export const emptyLocation: LocationValues = { room: '', address: '', locationNotes: '', onlineUrl: '' };

let zones: string[] | null = null;
function timeZones(current: string): string[] {
  zones ??= supportedTimeZones();
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** After a 409: what someone else saved, under a field where it differs from what is in the form. */
export function SavedValue({ saved, current, render }: { saved: string | undefined; current: string; render?: (v: string) => string }) {
  const { t } = useTranslation();
  if (saved === undefined || saved === current) return null;
  return (
    <p className={formStyles.serverValue}>
      <strong>{t('meetings.form.savedValue')}</strong> {saved ? (render ? render(saved) : saved) : t('meetings.form.emptyValue')}
    </p>
  );
}

export function TimeZoneField({ value, onChange, error, after }: { value: string; onChange: (tz: string) => void; error?: string; after?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <SelectField label={t('meetings.fields.timeZone')} description={t('meetings.fields.timeZoneHint')} value={value || DEFAULT_TIME_ZONE} onChange={(e) => onChange(e.target.value)} error={error} after={after}>
      {timeZones(value).map((z) => (
        <option key={z} value={z}>
          {z.replace(/_/g, ' ')}
        </option>
      ))}
    </SelectField>
  );
}

/** End time of a start time plus minutes, on a 24-hour clock ("21:00"); null when either is not usable. */
export function endTimeOf(startTime: string, minutes: string): string | null {
  const n = Number(minutes);
  if (!isLocalTime(startTime) || !minutes.trim() || !Number.isInteger(n) || n <= 0) return null;
  const total = Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3, 5)) + n;
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${pad(Math.floor(total / 60) % 24)}:${pad(total % 60)}${total >= 24 * 60 ? '+1' : ''}`;
}

export function DurationField({
  value,
  startTime,
  onChange,
  error,
  after,
}: {
  value: string;
  startTime: string;
  onChange: (v: string) => void;
  error?: string;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const end = endTimeOf(startTime, value);
  return (
    <TextField
      label={t('meetings.fields.duration')}
      description={end ? t('meetings.fields.durationEnds', { time: end.replace('+1', ` ${t('meetings.fields.nextDay')}`) }) : t('meetings.fields.durationHint')}
      type="number"
      inputMode="numeric"
      min={15}
      max={720}
      step={15}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      required
      after={after}
    />
  );
}

/** Room, address, notes ("we sit in a circle") and an online link. */
export function LocationFields({
  values,
  onChange,
  error,
  saved,
}: {
  values: LocationValues;
  onChange: (key: keyof LocationValues, value: string) => void;
  error: unknown;
  saved?: LocationValues;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={formStyles.fieldset}>
      <legend className={formStyles.legend}>{t('meetings.fields.location')}</legend>
      <p className={formStyles.description}>{t('meetings.fields.locationHint')}</p>
      <TextField
        label={t('meetings.fields.room')}
        value={values.room}
        maxLength={300}
        onChange={(e) => onChange('room', e.target.value)}
        error={fieldError(error, 'room')}
        optional
        after={<SavedValue saved={saved?.room} current={values.room} />}
      />
      <TextField
        label={t('meetings.fields.address')}
        value={values.address}
        maxLength={300}
        autoComplete="off"
        onChange={(e) => onChange('address', e.target.value)}
        error={fieldError(error, 'address')}
        optional
        after={<SavedValue saved={saved?.address} current={values.address} />}
      />
      <TextArea
        label={t('meetings.fields.locationNotes')}
        description={t('meetings.fields.locationNotesHint')}
        value={values.locationNotes}
        maxLength={1000}
        rows={2}
        onChange={(e) => onChange('locationNotes', e.target.value)}
        error={fieldError(error, 'locationNotes')}
        optional
        after={<SavedValue saved={saved?.locationNotes} current={values.locationNotes} />}
      />
      <TextField
        label={t('meetings.fields.onlineUrl')}
        description={t('meetings.fields.onlineUrlHint')}
        type="url"
        inputMode="url"
        value={values.onlineUrl}
        maxLength={500}
        onChange={(e) => onChange('onlineUrl', e.target.value)}
        error={fieldError(error, 'onlineUrl')}
        optional
        after={<SavedValue saved={saved?.onlineUrl} current={values.onlineUrl} />}
      />
    </fieldset>
  );
}

/** Whole minutes from a typed number; undefined when empty so the server names the missing field. */
export function toMinutes(v: string): number | undefined {
  return v.trim() === '' ? undefined : Number(v);
}

/** Optional text: undefined when empty, so the server keeps its default. */
export const optionalText = (v: string) => (v.trim() ? v.trim() : undefined);
