import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../features/account/api';

/** All dates in the app are formatted here, in the user's time zone (default Europe/Amsterdam). */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

export function formatDateTime(iso: string, locale: string, timeZone = DEFAULT_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(d);
}

export function formatDate(iso: string, locale: string, timeZone = DEFAULT_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone }).format(d);
}

export function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function supportedTimeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes(DEFAULT_TIME_ZONE) ? zones : [DEFAULT_TIME_ZONE, ...zones];
  } catch {
    return [DEFAULT_TIME_ZONE, 'UTC'];
  }
}

/** Formatters bound to the current language and the signed-in user's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { data: me } = useQuery(meQuery);
  const lang = i18n.language;
  const tz = me?.timeZone || DEFAULT_TIME_ZONE;
  const dateTime = useCallback((iso: string) => formatDateTime(iso, lang, tz), [lang, tz]);
  const date = useCallback((iso: string) => formatDate(iso, lang, tz), [lang, tz]);
  const percent = useCallback((n: number) => formatPercent(n, lang), [lang]);
  return useMemo(() => ({ dateTime, date, percent, timeZone: tz }), [dateTime, date, percent, tz]);
}

// ----- meetings (part 2) ---------------------------------------------------------------
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL');

/**
 * A wall-clock date (YYYY-MM-DD) exactly as planned, e.g. "dinsdag 10 maart 2026". It is not an
 * instant, so no time zone may shift it to the day before or after.
 */
export function formatLocalDate(localDate: string, locale: string, style: 'full' | 'long' | 'medium' = 'full'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) return localDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: 'UTC' }).format(d);
}

export interface ZonedMeetingTime {
  localDate: string;
  localStartTime: string;
  localEndTime?: string;
  timeZone: string;
}

/**
 * When a meeting takes place, in the meeting's own time zone ("dinsdag 10 maart 2026, 19:30–21:00").
 * The zone is named when it differs from the viewer's, so nobody misreads the hour.
 */
export function formatMeetingTime(m: ZonedMeetingTime, locale: string, viewerTimeZone = DEFAULT_TIME_ZONE): string {
  const time = m.localEndTime ? `${m.localStartTime}–${m.localEndTime}` : m.localStartTime;
  const zone = m.timeZone && m.timeZone !== viewerTimeZone ? ` (${m.timeZone.replace(/_/g, ' ')})` : '';
  return `${formatLocalDate(m.localDate, locale)}, ${time}${zone}`;
}

/** A length of time in words: "1 uur 30 minuten" / "1 hour 30 minutes" (or "1 u 30 min" short). */
export function formatMinutes(minutes: number, locale: string, unitDisplay: 'long' | 'short' = 'long'): string {
  const total = Math.abs(Math.round(minutes));
  const h = Math.floor(total / 60);
  const min = total % 60;
  const unit = (value: number, u: 'hour' | 'minute') => new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit: u, unitDisplay }).format(value);
  const parts: string[] = [];
  if (h > 0) parts.push(unit(h, 'hour'));
  if (min > 0 || h === 0) parts.push(unit(min, 'minute'));
  return parts.join(' ');
}

/** Meeting formatters bound to the current language; instants can be shown in a meeting's zone. */
export function useMeetingFormat() {
  const { i18n } = useTranslation();
  const { timeZone } = useFormat();
  const lang = i18n.language;
  return useMemo(
    () => ({
      localDate: (d: string, style?: 'full' | 'long' | 'medium') => formatLocalDate(d, lang, style),
      meetingTime: (m: ZonedMeetingTime) => formatMeetingTime(m, lang, timeZone),
      minutes: (n: number, unitDisplay?: 'long' | 'short') => formatMinutes(n, lang, unitDisplay),
      /** An instant (e.g. an input deadline) in the given zone, naming the zone when it is not the viewer's. */
      dateTimeIn: (iso: string, zone: string) =>
        formatDateTime(iso, lang, zone || timeZone) + (zone && zone !== timeZone ? ` (${zone.replace(/_/g, ' ')})` : ''),
    }),
    [lang, timeZone],
  );
}
