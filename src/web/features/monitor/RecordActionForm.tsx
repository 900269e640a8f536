import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conditions, type Condition } from '../../../contracts/conditions';
import { isLocalDate, toZoned } from '../../../contracts/zoned';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, SelectField, SuccessMessage, TextArea, TextField, formStyles } from '../../ui/Form';
import { useFormat } from '../../lib/format';
import { useRecordAction } from './api';
import { useConditionLabel } from './labels';
import styles from './monitor.module.css';

type Field = 'condition' | 'what' | 'ownerUserId' | 'dueDate';
type Errors = Partial<Record<Field, string>>;

/** What the community will do about a condition: what, who, by when. */
export function RecordActionForm({ communityId, preselected, members }: { communityId: string; preselected: Condition | null; members: { userId: string; name: string }[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const label = useConditionLabel();
  const { timeZone } = useFormat();
  const record = useRecordAction(communityId);
  const [condition, setCondition] = useState<Condition>(preselected ?? conditions[0]);
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const today = toZoned(new Date(), timeZone).date;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The button stays focusable while saving (aria-disabled, not `disabled`): a second press does nothing.
    if (record.isPending) return;
    const form = e.currentTarget;
    const next: Errors = {
      what: what.trim() ? undefined : t('monitor.actions.form.whatRequired'),
      ownerUserId: owner ? undefined : t('monitor.actions.form.whoRequired'),
      dueDate: !isLocalDate(due) ? t('monitor.actions.form.dueRequired') : due < today ? t('monitor.actions.form.duePast') : undefined,
    };
    setErrors(next);
    setSaved(false);
    if (next.what || next.ownerUserId || next.dueDate) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    record.mutate(
      { condition, what: what.trim(), ownerUserId: owner, dueDate: due },
      {
        onSuccess: () => {
          setWhat('');
          setOwner('');
          setDue('');
          setSaved(true);
        },
      },
    );
  };
  const error = (f: Field) => errors[f] ?? fieldError(record.error, f);

  return (
    <Form onSubmit={submit} aria-labelledby={headingId} className={`${styles.actionForm} ${styles.noPrint}`} data-testid="record-action-form">
      <h3 id={headingId} className={styles.formTitle}>
        {t('monitor.actions.form.title')}
      </h3>
      <p className={styles.muted}>{t('monitor.actions.form.lead')}</p>
      <FormAlert error={record.error} />
      <SelectField label={t('monitor.actions.form.condition')} value={condition} onChange={(e) => setCondition(e.target.value as Condition)} error={error('condition')}>
        {conditions.map((c) => (
          <option key={c} value={c}>
            {label(c)}
            {c === preselected ? ` (${t('monitor.actions.form.critical')})` : ''}
          </option>
        ))}
      </SelectField>
      <TextArea label={t('monitor.actions.form.what')} description={t('monitor.actions.form.whatHint')} value={what} rows={3} maxLength={1000} onChange={(e) => setWhat(e.target.value)} error={error('what')} required />
      <div className={styles.fieldRow}>
        <SelectField label={t('monitor.actions.form.who')} value={owner} onChange={(e) => setOwner(e.target.value)} error={error('ownerUserId')} required>
          <option value="">{t('monitor.actions.form.choose')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('monitor.actions.form.due')} type="date" min={today} value={due} onChange={(e) => setDue(e.target.value)} error={error('dueDate')} required />
      </div>
      <div className={formStyles.actions}>
        <Button type="submit" aria-disabled={record.isPending || undefined} className={record.isPending ? styles.busy : undefined}>
          {record.isPending ? t('common.working') : t('monitor.actions.form.submit')}
        </Button>
      </div>
      {saved && <SuccessMessage>{t('monitor.actions.form.saved')}</SuccessMessage>}
    </Form>
  );
}
