import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, SuccessMessage, TextArea, TextField, formStyles } from '../../ui/Form';
import { useFormat } from '../../lib/format';
import { useOpenEvaluation } from './api';
import { defaultClosesAt, instantOf, questionsOf } from './figures';
import styles from './monitor.module.css';

const MAX_QUESTIONS = 5;
const MAX_QUESTION_LENGTH = 300;
type Errors = Partial<Record<'title' | 'closesAt' | 'openQuestions', string>>;

/** The first server message for a field or any of its elements (openQuestions.2). */
const serverError = (err: unknown, path: string) => (isApiError(err) ? err.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message : undefined);

/** Opens an evaluation now, until a chosen moment: the standard statements plus open questions. */
export function OpenEvaluationForm({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { timeZone } = useFormat();
  const open = useOpenEvaluation(communityId);
  const [title, setTitle] = useState('');
  const [closesAt, setClosesAt] = useState(() => defaultClosesAt(new Date(), timeZone));
  const [questions, setQuestions] = useState(() => t('monitor.evaluations.form.defaultQuestion'));
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The button stays focusable while saving (aria-disabled, not `disabled`): a second press does nothing.
    if (open.isPending) return;
    const form = e.currentTarget;
    const instant = instantOf(closesAt, timeZone);
    const list = questionsOf(questions);
    const next: Errors = {
      closesAt: !instant ? t('monitor.evaluations.form.closesAtInvalid') : Date.parse(instant) <= Date.now() ? t('monitor.evaluations.form.closesAtPast') : undefined,
      openQuestions:
        list.length > MAX_QUESTIONS
          ? t('monitor.evaluations.form.tooManyQuestions', { max: MAX_QUESTIONS })
          : list.some((q) => q.length > MAX_QUESTION_LENGTH)
            ? t('monitor.evaluations.form.questionTooLong', { max: MAX_QUESTION_LENGTH })
            : undefined,
    };
    setErrors(next);
    setSaved(false);
    if (next.closesAt || next.openQuestions || !instant) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    open.mutate(
      { title: title.trim() || undefined, closesAt: instant, openQuestions: list },
      {
        onSuccess: () => {
          setTitle('');
          setSaved(true);
        },
      },
    );
  };
  const error = (f: keyof Errors) => errors[f] ?? serverError(open.error, f);

  return (
    <Form onSubmit={submit} aria-labelledby={headingId} className={`${styles.formBox} ${styles.noPrint}`} data-testid="open-evaluation-form">
      <h3 id={headingId} className={styles.formTitle}>
        {t('monitor.evaluations.form.title')}
      </h3>
      <p className={styles.muted}>{t('monitor.evaluations.form.lead')}</p>
      <FormAlert error={open.error} />
      <TextField
        label={t('monitor.evaluations.form.name')}
        description={t('monitor.evaluations.form.nameHint')}
        optional
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        error={error('title')}
      />
      <TextField
        label={t('monitor.evaluations.form.closesAt')}
        description={t('monitor.evaluations.form.closesAtHint', { zone: timeZone.replace(/_/g, ' ') })}
        type="datetime-local"
        value={closesAt}
        onChange={(e) => setClosesAt(e.target.value)}
        error={error('closesAt')}
        required
      />
      <TextArea
        label={t('monitor.evaluations.form.questions')}
        description={t('monitor.evaluations.form.questionsHint', { max: MAX_QUESTIONS })}
        optional
        rows={4}
        value={questions}
        onChange={(e) => setQuestions(e.target.value)}
        error={error('openQuestions')}
      />
      <div className={formStyles.actions}>
        <Button type="submit" aria-disabled={open.isPending || undefined} className={open.isPending ? styles.busy : undefined}>
          {open.isPending ? t('common.working') : t('monitor.evaluations.form.submit')}
        </Button>
      </div>
      {saved && <SuccessMessage>{t('monitor.evaluations.form.opened')}</SuccessMessage>}
    </Form>
  );
}
