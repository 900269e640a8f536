import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { needsReason, positionsByProcess, type DecisionProcess, type Position } from '../../../contracts/decision-rules';
import { TextArea, formStyles } from '../../ui/Form';
import styles from './decisions.module.css';

export interface PositionValue {
  position: Position | null;
  reason: string;
}

export interface PositionErrors {
  position?: string;
  reason?: string;
}

export const REASON_MAX = 2000;

/** What the form starts from: the response given so far, or the only position there is (advice). */
export function initialPosition(process: DecisionProcess, given?: { position: string; reason: string } | null): PositionValue {
  const options = positionsByProcess[process] as readonly string[];
  if (given && options.includes(given.position)) return { position: given.position as Position, reason: given.reason };
  return { position: options.length === 1 ? (options[0] as Position) : null, reason: given?.reason ?? '' };
}

/** Checks the form as the server would, so that the common mistakes are named before sending. */
export function usePositionCheck() {
  const { t } = useTranslation();
  return (v: PositionValue): PositionErrors => ({
    position: v.position === null ? t('decisions.respond.choose') : undefined,
    reason: v.position && needsReason(v.position) && !v.reason.trim() ? t('decisions.respond.reasonRequired') : undefined,
  });
}

/**
 * The positions of the proposal's process as a radio group, each with a one-line explanation, and
 * the reason: required for an objection, concerns, a block and advice.
 */
export function PositionFields({
  process,
  value,
  onChange,
  errors,
  legend,
}: {
  process: DecisionProcess;
  value: PositionValue;
  onChange: (v: PositionValue) => void;
  errors: PositionErrors;
  legend?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const required = value.position !== null && needsReason(value.position);
  const options = positionsByProcess[process] as readonly Position[];
  return (
    <>
      {options.length > 1 && (
        <fieldset className={formStyles.fieldset} aria-describedby={errors.position ? `${id}-e` : undefined} data-testid="position-fields">
          <legend className={formStyles.legend}>{legend ?? t('decisions.respond.legend')}</legend>
          {options.map((p) => (
            <div key={p} className={`${formStyles.check} ${styles.option}`}>
              <input
                id={`${id}-${p}`}
                type="radio"
                name={`${id}-position`}
                value={p}
                checked={value.position === p}
                onChange={() => onChange({ ...value, position: p })}
                aria-describedby={`${id}-${p}-d`}
                aria-invalid={errors.position ? true : undefined}
                data-testid={`position-${p}`}
              />
              <div>
                <label htmlFor={`${id}-${p}`} className={styles.optionLabel}>
                  {t(`decisions.position.${p}.label`)}
                </label>
                <p id={`${id}-${p}-d`} className={formStyles.description}>
                  {t(`decisions.position.${p}.hint`)}
                </p>
              </div>
            </div>
          ))}
          {errors.position && (
            <p id={`${id}-e`} className={formStyles.error}>
              {errors.position}
            </p>
          )}
        </fieldset>
      )}
      <TextArea
        label={process === 'advice' ? t('decisions.respond.adviceLabel') : t('decisions.respond.reasonLabel')}
        description={required ? t('decisions.respond.reasonRequiredHint') : t('decisions.respond.reasonHint')}
        optional={!required}
        required={required}
        aria-required={required || undefined}
        value={value.reason}
        maxLength={REASON_MAX}
        rows={process === 'advice' ? 5 : 3}
        onChange={(e) => onChange({ ...value, reason: e.target.value })}
        error={errors.reason}
        data-testid="position-reason"
      />
    </>
  );
}
