import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { quorums, type Quorum } from '../../../contracts/decision-rules';
import { Button } from '../../ui/Button';
import { Form, FormAlert, formStyles } from '../../ui/Form';
import { Card } from '../../ui/Page';
import { useSetQuorum } from './api';
import styles from './decisions.module.css';

/** The community's quorum: shown to everyone, chosen by coordinators and chairs. */
export function QuorumSetting({ communityId, quorum, mayConfigure }: { communityId: string; quorum: Quorum; mayConfigure: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const set = useSetQuorum(communityId);
  const [choice, setChoice] = useState<Quorum>(quorum);
  const [saved, setSaved] = useState(false);
  const [shown, setShown] = useState(quorum);
  if (shown !== quorum) {
    setShown(quorum);
    setChoice(quorum);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    set.mutate(choice, { onSuccess: () => setSaved(true) });
  };
  return (
    <Card aria-labelledby="quorum-h" data-testid="quorum">
      <h2 id="quorum-h">{t('decisions.quorum.title')}</h2>
      <p>{t('decisions.quorum.lead')}</p>
      {!mayConfigure ? (
        <p data-testid="quorum-current">
          <strong>{t(`decisions.quorum.option.${quorum}.label`)}</strong> — {t(`decisions.quorum.option.${quorum}.hint`)}
        </p>
      ) : (
        <Form onSubmit={submit}>
          <FormAlert error={set.error} />
          <fieldset className={formStyles.fieldset}>
            <legend className={formStyles.legend}>{t('decisions.quorum.legend')}</legend>
            {quorums.map((q) => (
              <div key={q} className={`${formStyles.check} ${styles.option}`}>
                <input id={`${id}-${q}`} type="radio" name={`${id}-quorum`} checked={choice === q} onChange={() => setChoice(q)} aria-describedby={`${id}-${q}-d`} data-testid={`quorum-${q}`} />
                <div>
                  <label htmlFor={`${id}-${q}`} className={styles.optionLabel}>
                    {t(`decisions.quorum.option.${q}.label`)}
                    {q === quorum && <span className={styles.muted}> ({t('decisions.quorum.current')})</span>}
                  </label>
                  <p id={`${id}-${q}-d`} className={formStyles.description}>
                    {t(`decisions.quorum.option.${q}.hint`)}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <div className={formStyles.actions}>
            <Button type="submit" variant="secondary" disabled={set.isPending || choice === quorum} data-testid="save-quorum">
              {set.isPending ? t('common.working') : t('decisions.quorum.save')}
            </Button>
          </div>
          <p role="status" className={styles.status}>
            {saved ? t('decisions.quorum.saved', { quorum: t(`decisions.quorum.option.${quorum}.label`) }) : ''}
          </p>
        </Form>
      )}
      <p className={styles.muted}>{t('decisions.quorum.note')}</p>
    </Card>
  );
}
