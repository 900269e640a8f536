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
