import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityMonitor } from '../../../contracts/monitor';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Checkbox, Form, FormAlert, TextField, formStyles } from '../../ui/Form';
import { useSetMyTime } from './api';
import { Section } from './parts';
import styles from './monitor.module.css';

/** A participant states their own hours a month for the community, and whether it is an official task. */
export function MyTime({ communityId, myTime }: { communityId: string; myTime: NonNullable<CommunityMonitor['myTime']> }) {
  const { t } = useTranslation();
  const save = useSetMyTime(communityId);
  const [hours, setHours] = useState(myTime.hoursPerMonth === null ? '' : String(myTime.hoursPerMonth));
  const [official, setOfficial] = useState(myTime.official ?? false);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The button stays focusable while saving (aria-disabled, not `disabled`): a second press does nothing.
    if (save.isPending) return;
    const n = Number(hours);
    const bad = hours.trim() === '' || !Number.isInteger(n) || n < 0 || n > 200;
    setError(bad ? t('monitor.myTime.hoursInvalid') : undefined);
    setSaved(false);
    if (bad) {
      const input = e.currentTarget.querySelector<HTMLElement>('input[type="number"]');
      requestAnimationFrame(() => input?.focus());
      return;
    }
    save.mutate({ hoursPerMonth: n, official }, { onSuccess: () => setSaved(true) });
  };

  return (
    <Section id="my-time" title={t('monitor.myTime.title')} lead={t('monitor.myTime.lead')} className={styles.noPrint}>
      <Form onSubmit={submit} aria-labelledby="my-time-h" data-testid="my-time-form">
        <FormAlert error={save.error} />
        <TextField
          label={t('monitor.myTime.hours')}
          description={t('monitor.myTime.hoursHint')}
          type="number"
          inputMode="numeric"
          min={0}
          max={200}
          step={1}
          value={hours}
          onChange={(e) => {
            setHours(e.target.value);
            setSaved(false);
          }}
          error={error ?? fieldError(save.error, 'hoursPerMonth')}
          className={`${formStyles.input} ${styles.short}`}
        />
        <Checkbox
          label={t('monitor.myTime.official')}
          checked={official}
          onChange={(e) => {
            setOfficial(e.target.checked);
            setSaved(false);
          }}
          error={fieldError(save.error, 'official')}
        />
        <div className={formStyles.actions}>
          <Button type="submit" aria-disabled={save.isPending || undefined} className={save.isPending ? styles.busy : undefined}>
            {save.isPending ? t('common.working') : t('common.save')}
          </Button>
          <span role="status" className={styles.status}>
            {saved ? t('monitor.myTime.saved') : ''}
          </span>
        </div>
      </Form>
    </Section>
  );
}
