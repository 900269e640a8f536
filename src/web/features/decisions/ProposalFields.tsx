import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionProcesses, type DecisionProcess } from '../../../contracts/decision-rules';
import { addDays, fromZoned, isLocalDate, isLocalTime, toZoned } from '../../../contracts/zoned';
import { fieldError } from '../../api/client';
import { TextArea, TextField, formStyles } from '../../ui/Form';
import styles from './decisions.module.css';

export interface ProposalValues {
  title: string;
  body: string;
  background: string;
  process: DecisionProcess;
  closing: 'whenAll' | 'at';
  /** Local date and time in the user's time zone (date and time inputs). */
  date: string;
  time: string;
}

export type ProposalErrors = Partial<Record<'title' | 'body' | 'background' | 'process' | 'closesAt', string>>;

/** A week from now at 20:00, in the user's zone: a suggestion when choosing a closing time. */
export function defaultClosing(timeZone: string): { date: string; time: string } {
  return { date: addDays(toZoned(new Date(), timeZone).date, 7), time: '20:00' };
}

export function closingValues(closesAt: string | null, timeZone: string): Pick<ProposalValues, 'closing' | 'date' | 'time'> {
  if (!closesAt) return { closing: 'whenAll', ...defaultClosing(timeZone) };
  const z = toZoned(new Date(closesAt), timeZone);
  return { closing: 'at', date: z.date, time: z.time };
}

/** The closing instant (ISO) from the wall clock in the user's zone; undefined when unreadable. */
export function closesAtOf(v: Pick<ProposalValues, 'closing' | 'date' | 'time'>, timeZone: string): string | null | undefined {
  if (v.closing === 'whenAll') return null;
  if (!isLocalDate(v.date) || !isLocalTime(v.time)) return undefined;
  try {
    return fromZoned(v.date, v.time, timeZone).toISOString();
  } catch {
    return undefined;
  }
}

/** Checks what the browser can check; the server checks again and its messages show the same way. */
export function useProposalCheck() {
  const { t } = useTranslation();
  return (v: ProposalValues, timeZone: string): ProposalErrors => {
    const closesAt = closesAtOf(v, timeZone);
    return {
      title: v.title.trim() ? undefined : t('decisions.form.titleRequired'),
      body: v.body.trim() ? undefined : t('decisions.form.bodyRequired'),
      closesAt:
        closesAt === undefined ? t('decisions.form.closesAtInvalid') : closesAt && Date.parse(closesAt) <= Date.now() ? t('decisions.form.closesAtPast') : undefined,
    };
  };
}

export function mergeErrors(local: ProposalErrors, err: unknown): ProposalErrors {
  const keys = ['title', 'body', 'background', 'process', 'closesAt'] as const;
  return Object.fromEntries(keys.map((k) => [k, local[k] ?? fieldError(err, k)])) as ProposalErrors;
}

/** Title, text, background, (for a new proposal) the process, and when it closes. */
export function ProposalFields({
  values,
  onChange,
  errors,
  timeZone,
  withProcess,
}: {
  values: ProposalValues;
  onChange: (v: ProposalValues) => void;
  errors: ProposalErrors;
  timeZone: string;
  withProcess: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof ProposalValues>(key: K, value: ProposalValues[K]) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextField label={t('decisions.form.title')} value={values.title} maxLength={200} required onChange={(e) => set('title', e.target.value)} error={errors.title} data-testid="proposal-title" />
      <TextArea
        label={t('decisions.form.body')}
        description={t('decisions.form.bodyHint')}
        value={values.body}
        maxLength={8000}
        rows={6}
        required
        onChange={(e) => set('body', e.target.value)}
        error={errors.body}
        data-testid="proposal-body"
      />
      <TextArea
        label={t('decisions.form.background')}
        description={t('decisions.form.backgroundHint')}
        optional
        value={values.background}
        maxLength={8000}
        rows={4}
        onChange={(e) => set('background', e.target.value)}
        error={errors.background}
      />
      {withProcess && (
        <fieldset className={formStyles.fieldset} aria-describedby={errors.process ? `${id}-pe` : undefined}>
          <legend className={formStyles.legend}>{t('decisions.form.process')}</legend>
          {decisionProcesses.map((p) => (
            <div key={p} className={`${formStyles.check} ${styles.option}`}>
              <input id={`${id}-${p}`} type="radio" name={`${id}-process`} checked={values.process === p} onChange={() => set('process', p)} aria-describedby={`${id}-${p}-d`} data-testid={`process-${p}`} />
              <div>
                <label htmlFor={`${id}-${p}`} className={styles.optionLabel}>
                  {t(`decisions.process.${p}.label`)}
                </label>
                <p id={`${id}-${p}-d`} className={formStyles.description}>
                  {t(`decisions.process.${p}.hint`)}
                </p>
              </div>
            </div>
          ))}
          {errors.process && (
            <p id={`${id}-pe`} className={formStyles.error}>
              {errors.process}
            </p>
          )}
        </fieldset>
      )}
      <fieldset className={formStyles.fieldset} aria-describedby={errors.closesAt ? `${id}-ce` : undefined}>
        <legend className={formStyles.legend}>{t('decisions.form.closing')}</legend>
        {(['whenAll', 'at'] as const).map((c) => (
          <div key={c} className={`${formStyles.check} ${styles.option}`}>
            <input id={`${id}-${c}`} type="radio" name={`${id}-closing`} checked={values.closing === c} onChange={() => set('closing', c)} aria-describedby={`${id}-${c}-d`} data-testid={`closing-${c}`} />
            <div>
              <label htmlFor={`${id}-${c}`} className={styles.optionLabel}>
                {t(`decisions.form.closingOption.${c}.label`)}
              </label>
              <p id={`${id}-${c}-d`} className={formStyles.description}>
                {t(`decisions.form.closingOption.${c}.hint`)}
              </p>
            </div>
          </div>
        ))}
        {values.closing === 'at' && (
          <>
            <p id={`${id}-zone`} className={formStyles.description}>
              {t('decisions.form.closingZone', { zone: timeZone.replace(/_/g, ' ') })}
            </p>
            <div className={styles.fieldRow}>
              <TextField
                type="date"
                label={t('decisions.form.closingDate')}
                value={values.date}
                required
                onChange={(e) => set('date', e.target.value)}
                aria-invalid={errors.closesAt ? true : undefined}
                aria-describedby={`${id}-zone${errors.closesAt ? ` ${id}-ce` : ''}`}
                data-testid="closing-date"
              />
              <TextField
                type="time"
                label={t('decisions.form.closingTime')}
                value={values.time}
                required
                onChange={(e) => set('time', e.target.value)}
                aria-invalid={errors.closesAt ? true : undefined}
                aria-describedby={`${id}-zone${errors.closesAt ? ` ${id}-ce` : ''}`}
                data-testid="closing-time"
              />
            </div>
          </>
        )}
        {errors.closesAt && (
          <p id={`${id}-ce`} className={formStyles.error} data-testid="closing-error">
            {errors.closesAt}
          </p>
        )}
      </fieldset>
    </>
  );
}
