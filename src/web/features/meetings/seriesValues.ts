/** The values of the series form and how they become a request body. */
import type { CreateSeriesBody, Series } from '../../../contracts/meetings';
import { DEFAULT_TIME_ZONE } from '../../lib/format';
import { emptyLocation, optionalText, toMinutes, type LocationValues } from './fields';
import { buildRrule, defaultPreset, matchPreset, presetFits, type EndKind, type RecurrencePreset } from './recurrence';

export interface SeriesFormValues extends LocationValues {
  title: string;
  startDate: string;
  startTime: string;
  durationMinutes: string;
  timeZone: string;
  preset: RecurrencePreset;
  /** False until the user picks a rule: a new first date then picks the fitting default again. */
  presetChosen: boolean;
  customRrule: string;
  endKind: EndKind;
  endCount: string;
  endUntil: string;
  inputDeadlineDays: string;
}

export const emptySeries = (timeZone = DEFAULT_TIME_ZONE): SeriesFormValues => ({
  title: '',
  startDate: '',
  startTime: '',
  durationMinutes: '120',
  timeZone,
  preset: 'nthWeekday',
  presetChosen: false,
  customRrule: '',
  endKind: 'none',
  endCount: '10',
  endUntil: '',
  inputDeadlineDays: '3',
  ...emptyLocation,
});

/** The form for changing a series, starting from its stored values (with a later first date when given). */
export function seriesToValues(s: Series, startDate = s.startDate): SeriesFormValues {
  const m = matchPreset(s.rrule, startDate, s.timeZone);
  return {
    title: s.title,
    startDate,
    startTime: s.startTime,
    durationMinutes: String(s.durationMinutes),
    timeZone: s.timeZone,
    preset: m.preset,
    presetChosen: true,
    customRrule: m.custom,
    endKind: m.end.kind,
    endCount: m.end.count || '10',
    endUntil: m.end.until,
    inputDeadlineDays: String(s.inputDeadlineDays),
    room: s.room,
    address: s.address,
    locationNotes: s.locationNotes,
    onlineUrl: s.onlineUrl,
  };
}

/** A changed first date: when the user has not picked a rule, follow it with the fitting default. */
export function withStartDate(v: SeriesFormValues, startDate: string): SeriesFormValues {
  const next = { ...v, startDate };
  if (!v.presetChosen) next.preset = defaultPreset(startDate);
  else if (!presetFits(v.preset, startDate)) next.preset = defaultPreset(startDate);
  return next;
}

export function seriesRrule(v: SeriesFormValues): string | undefined {
  return buildRrule(v.preset, v.startDate, v.customRrule, { kind: v.endKind, count: v.endCount, until: v.endUntil });
}

export function seriesBody(v: SeriesFormValues): CreateSeriesBody {
  const deadline = v.inputDeadlineDays.trim();
  return {
    title: optionalText(v.title),
    startDate: v.startDate,
    startTime: v.startTime,
    durationMinutes: toMinutes(v.durationMinutes),
    timeZone: v.timeZone || DEFAULT_TIME_ZONE,
    rrule: seriesRrule(v),
    inputDeadlineDays: deadline === '' ? undefined : Number(deadline),
    room: v.room.trim(),
    address: v.address.trim(),
    locationNotes: v.locationNotes.trim(),
    onlineUrl: v.onlineUrl.trim(),
  };
}
