import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Form, TextField, formStyles } from '../../ui/Form';
import { CheckOutSummary, SCORES } from './CheckOutSummary';
import { WORD_MAX } from './limits';
import { usePending, useRejection, useRoom } from './useRoom';
import styles from './room.module.css';

function Answer() {
  const { t } = useTranslation();
  const { send } = useRoom();
  const legendId = useId();
  const [score, setScore] = useState<number | null>(null);
  const [word, setWord] = useState('');
  const [errors, setErrors] = useState<{ score?: string; word?: string }>({});
  const pending = usePending((i) => i.kind === 'checkOut.submit');
  const { rejection, dismiss } = useRejection((i) => i.kind === 'checkOut.submit');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const w = word.trim();
    const next = {
      score: score === null ? t('room.checkOut.scoreRequired') : undefined,
      word: !w ? t('room.checkOut.wordRequired') : /\s/.test(w) ? t('room.checkOut.oneWord') : undefined,
    };
    setErrors(next);
    if (next.score || next.word || score === null) return;
    dismiss();
    send({ kind: 'checkOut.submit', score, word: w });
  };

  if (pending) return <p role="status">{t('room.checkOut.sending')}</p>;
  return (
    <Form onSubmit={submit} data-testid="checkout-form">
      {rejection && (
        <div role="alert" className={formStyles.alert}>
          <p className={styles.tight}>
            <strong>{rejection.message}</strong>
          </p>
        </div>
      )}
      <fieldset className={formStyles.fieldset} aria-describedby={errors.score ? `${legendId}-e` : undefined}>
        <legend id={legendId} className={formStyles.legend}>
          {t('room.checkOut.question')}
        </legend>
        <div className={styles.scores}>
          {SCORES.map((s) => (
            <div key={s} className={formStyles.check}>
              <input id={`${legendId}-${s}`} type="radio" name="checkout-score" value={s} checked={score === s} onChange={() => setScore(s)} />
              <label htmlFor={`${legendId}-${s}`}>{t(`room.checkOut.scoreLabel.${s}`)}</label>
            </div>
          ))}
        </div>
        {errors.score && (
          <p id={`${legendId}-e`} className={formStyles.error}>
            {errors.score}
          </p>
        )}
      </fieldset>
      <TextField label={t('room.checkOut.wordLabel')} description={t('room.checkOut.wordHint')} value={word} maxLength={WORD_MAX} onChange={(e) => setWord(e.target.value)} error={errors.word} />
      <div className={formStyles.actions}>
        <Button type="submit" data-testid="checkout-submit">
          {t('room.checkOut.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** "Did we work well together today?": each participant answers once; everyone sees the aggregate. */
export function CheckOut() {
  const { t } = useTranslation();
  const { state, me } = useRoom();
  const c = state.checkOut;
  if (!c.open && c.answered.length === 0) return null;
  const answered = c.answered.includes(me.userId);
  const canAnswer = c.open && me.participant && !answered && state.closedAt === null;
  return (
    <section aria-labelledby="room-checkout-h" className={styles.panel} data-testid="room-checkout">
      <h2 id="room-checkout-h">{t('room.checkOut.title')}</h2>
      {canAnswer ? <Answer /> : answered ? <p>{t('room.checkOut.thanks')}</p> : null}
      <CheckOutSummary distribution={c.distribution} words={c.words} answered={c.answered.length} of={state.present.length || undefined} />
    </section>
  );
}
