import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateSeriesBody } from '../../../contracts/meetings';
import { isLocalDate } from '../../../contracts/zoned';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextField, formStyles } from '../../ui/Form';
import { DurationField, LocationFields, SavedValue, TimeZoneField } from './fields';
import { RecurrenceText, useDescribeRecurrence } from './RecurrenceText';
import { defaultPreset, endKinds, isLastOfMonth, nthOfMonth, parseRrule, presetFits, presetRule, recurrencePresets, type RecurrencePreset } from './recurrence';
import { seriesBody, seriesRrule, withStartDate, type SeriesFormValues } from './seriesValues';
import styles from './meetings.module.css';

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** The label of a preset for the chosen first date ("Elke tweede dinsdag van de maand"), or a general one. */
function usePresetLabel() {
  const { t } = useTranslation();
  const describe = useDescribeRecurrence();
  return (preset: RecurrencePreset, date: string, timeZone: string): { label: string; note?: string } => {
    if (preset === 'custom') return { label: t('meetings.plan.preset.custom') };
    if (!isLocalDate(date)) return { label: t(`meetings.plan.presetGeneral.${preset}`) };
    if (preset === 'nthWeekday' && nthOfMonth(date) === 5) return { label: t('meetings.plan.presetGeneral.nthWeekday'), note: t('meetings.plan.fifthWeekdayNote') };
    if (preset === 'lastWeekday' && !isLastOfMonth(date)) return { label: t('meetings.plan.presetGeneral.lastWeekday'), note: t('meetings.plan.lastWeekdayNote') };
    const rule = presetRule(preset, date);
    const rec = rule ? parseRrule(rule) : null;
    const words = rec && rule ? capitalise(describe(rec, rule, timeZone)) : t(`meetings.plan.presetGeneral.${preset}`);
    if (preset === defaultPreset(date)) return { label: t('meetings.plan.recommended', { rule: words }) };
    if (preset === 'monthDay' && Number(date.slice(8, 10)) > 28) return { label: words, note: t('meetings.plan.monthDayNote') };
    return { label: words };
  };
}

export function SeriesForm({
  initial,
  onSubmit,
  error,
  pending,
  submitLabel,
  saved,
  savedRuleText,
  onReloadAfterConflict,
  before,
  extraActions,
}: {
  initial: SeriesFormValues;
  onSubmit: (body: CreateSeriesBody, values: SeriesFormValues) => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  /** The newest saved values after a conflict, shown under fields that differ. */
  saved?: SeriesFormValues;
  savedRuleText?: string;
  onReloadAfterConflict?: () => void;
  /** Fields shown first, e.g. "from which date" when changing a series. */
  before?: ReactNode;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [v, setV] = useState<SeriesFormValues>(initial);
  // After a conflict the newest saved version comes in as `saved`: fields the user has not touched
  // take it, so that saving again keeps the other person's change; what the user typed stays.
  const [base, setBase] = useState<SeriesFormValues>(initial);
  const [mergedSaved, setMergedSaved] = useState(saved);
  if (saved !== mergedSaved) {
    setMergedSaved(saved);
    if (saved) {
      setV((prev) => keepEdits(prev, base, saved));
      setBase(saved);
    }
  }
  const set = <K extends keyof SeriesFormValues>(key: K, value: SeriesFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));
  const presetLabel = usePresetLabel();
  const rrule = seriesRrule(v);
  const rruleError = fieldError(error, 'rrule');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(seriesBody(v), v);
  };

  return (
    <Form onSubmit={submit}>
      <FormAlert error={error} onReload={onReloadAfterConflict} />
      {before}
      <TextField
        label={t('meetings.fields.seriesTitle')}
        description={t('meetings.fields.seriesTitleHint')}
        value={v.title}
        maxLength={200}
        onChange={(e) => set('title', e.target.value)}
        error={fieldError(error, 'title')}
        optional
        after={<SavedValue saved={saved?.title} current={v.title} />}
      />
      <div className={styles.fieldRow}>
        <TextField
          label={t('meetings.fields.firstDate')}
          type="date"
          value={v.startDate}
          onChange={(e) => setV((prev) => withStartDate(prev, e.target.value))}
          error={fieldError(error, 'startDate')}
          required
          after={<SavedValue saved={saved?.startDate} current={v.startDate} />}
        />
        <TextField
          label={t('meetings.fields.startTime')}
          type="time"
          value={v.startTime}
          onChange={(e) => set('startTime', e.target.value)}
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
      <TimeZoneField value={v.timeZone} onChange={(x) => set('timeZone', x)} error={fieldError(error, 'timeZone')} after={<SavedValue saved={saved?.timeZone} current={v.timeZone} />} />

      <fieldset className={formStyles.fieldset} aria-describedby={[`${id}-rd`, rruleError && v.preset !== 'custom' ? `${id}-re` : ''].filter(Boolean).join(' ')}>
        <legend className={formStyles.legend}>{t('meetings.fields.recurrence')}</legend>
        <p id={`${id}-rd`} className={formStyles.description}>
          {isLocalDate(v.startDate) ? t('meetings.fields.recurrenceHint') : t('meetings.fields.recurrenceNoDate')}
        </p>
        {recurrencePresets.map((p) => {
          const { label, note } = presetLabel(p, v.startDate, v.timeZone);
          const fits = presetFits(p, v.startDate);
          return (
            <div key={p} className={formStyles.check}>
              <input
                type="radio"
                id={`${id}-p-${p}`}
                name={`${id}-preset`}
                value={p}
                checked={v.preset === p}
                disabled={!fits && v.preset !== p}
                aria-describedby={note ? `${id}-pn-${p}` : undefined}
                onChange={() => setV((prev) => ({ ...prev, preset: p, presetChosen: true }))}
              />
              <label htmlFor={`${id}-p-${p}`}>
                {label}
                {note && (
                  <span id={`${id}-pn-${p}`} className={styles.optionNote}>
                    {note}
                  </span>
                )}
              </label>
            </div>
          );
        })}
        {v.preset === 'custom' && (
          <TextField
            label={t('meetings.fields.customRrule')}
            description={t('meetings.fields.customRruleHint')}
            value={v.customRrule}
            maxLength={200}
            spellCheck={false}
            autoCapitalize="characters"
            className={`${formStyles.input} ${styles.mono}`}
            onChange={(e) => set('customRrule', e.target.value)}
            error={rruleError}
            required
          />
        )}
        {rruleError && v.preset !== 'custom' && (
          <p id={`${id}-re`} className={formStyles.error}>
            {rruleError}
          </p>
        )}
        {saved && seriesRrule(saved) !== rrule && savedRuleText && <SavedValue saved={savedRuleText} current="" />}
      </fieldset>

      {v.preset !== 'custom' && (
        <fieldset className={formStyles.fieldset}>
          <legend className={formStyles.legend}>{t('meetings.fields.end')}</legend>
          {endKinds.map((k) => (
            <div key={k} className={styles.endOption}>
              <div className={formStyles.check}>
                <input type="radio" id={`${id}-e-${k}`} name={`${id}-end`} value={k} checked={v.endKind === k} onChange={() => set('endKind', k)} />
                <label htmlFor={`${id}-e-${k}`}>{t(`meetings.fields.endKind.${k}`)}</label>
              </div>
              {k === 'count' && v.endKind === 'count' && (
                <TextField
                  label={t('meetings.fields.endCount')}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={500}
                  value={v.endCount}
                  onChange={(e) => set('endCount', e.target.value)}
                  required
                />
              )}
              {k === 'until' && v.endKind === 'until' && (
                <TextField label={t('meetings.fields.endUntil')} type="date" value={v.endUntil} onChange={(e) => set('endUntil', e.target.value)} required />
              )}
            </div>
          ))}
        </fieldset>
      )}

      <RecurrencePreview rrule={rrule} timeZone={v.timeZone} />

      <TextField
        label={t('meetings.fields.inputDeadlineDays')}
        description={t('meetings.fields.inputDeadlineDaysHint')}
        type="number"
        inputMode="numeric"
        min={0}
        max={28}
        value={v.inputDeadlineDays}
        onChange={(e) => set('inputDeadlineDays', e.target.value)}
        error={fieldError(error, 'inputDeadlineDays')}
        after={<SavedValue saved={saved?.inputDeadlineDays} current={v.inputDeadlineDays} />}
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

/** The rule as it will be saved, in words, read out when it changes. */
function RecurrencePreview({ rrule, timeZone }: { rrule: string | undefined; timeZone: string }) {
  const { t } = useTranslation();
  const rec = rrule ? parseRrule(rrule) : null;
  return (
    <p className={styles.preview} aria-live="polite">
      <strong>{t('meetings.plan.previewLabel')}</strong>{' '}
      {rrule ? rec ? <RecurrenceText recurrence={rec} rrule={rrule} timeZone={timeZone} /> : t('meetings.plan.previewUnknown') : t('meetings.plan.previewNone')}
    </p>
  );
}

function keepEdits(edited: SeriesFormValues, base: SeriesFormValues, latest: SeriesFormValues): SeriesFormValues {
  const next = { ...latest };
  for (const key of Object.keys(edited) as (keyof SeriesFormValues)[]) {
    if (edited[key] !== base[key]) (next as Record<string, unknown>)[key] = edited[key];
  }
  return next;
}
