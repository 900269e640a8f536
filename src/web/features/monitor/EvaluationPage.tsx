import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { evaluationItems, minimumAnswers, type EvaluationItem } from '../../../contracts/conditions';
import type { Evaluation } from '../../../contracts/monitor';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextArea, formStyles } from '../../ui/Form';
import { Card, Loading, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { evaluationQuery, useAnswerEvaluation } from './api';
import { EvaluationAggregate } from './EvaluationAggregate';
import { EvaluationStatus, useEvaluationTitle } from './Evaluations';
import styles from './monitor.module.css';

const scale = [1, 2, 3, 4, 5] as const;
type Scores = Partial<Record<EvaluationItem, number>>;

/** One statement as a 1–5 radio group, its legend the statement itself. */
function ScaleQuestion({ item, number, value, onChange, error }: { item: EvaluationItem; number: number; value: number | undefined; onChange: (v: number) => void; error?: string }) {
  const { t } = useTranslation();
  const id = `item-${item}`;
  return (
    <fieldset className={`${formStyles.fieldset} ${styles.scaleQuestion}`} aria-describedby={error ? `${id}-e` : undefined} data-testid={`item-${item}`}>
      <legend className={formStyles.legend}>
        <span className={styles.itemNumber}>{number}.</span> {t(`monitor.items.${item}`)}
      </legend>
      <div className={styles.scale}>
        {scale.map((s) => (
          <div key={s} className={styles.scaleOption}>
            <input id={`${id}-${s}`} type="radio" name={id} value={s} checked={value === s} onChange={() => onChange(s)} aria-invalid={error ? true : undefined} />
            <label htmlFor={`${id}-${s}`}>
              <span className={styles.scaleNumber}>{s}</span> {t(`monitor.scale.${s}`)}
            </label>
          </div>
        ))}
      </div>
      {error && (
        <p id={`${id}-e`} className={formStyles.error}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

type AnswerMutation = ReturnType<typeof useAnswerEvaluation>;

function AnswerForm({ evaluation, answer }: { evaluation: Evaluation; answer: AnswerMutation }) {
  const { t } = useTranslation();
  const [scores, setScores] = useState<Scores>({});
  const [open, setOpen] = useState<string[]>(() => evaluation.openQuestions.map(() => ''));
  const [missing, setMissing] = useState<EvaluationItem[]>([]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The button stays focusable while sending (aria-disabled): a second press does nothing.
    if (answer.isPending) return;
    const form = e.currentTarget;
    const unanswered = evaluationItems.filter((i) => scores[i] === undefined);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    answer.mutate({ scores: scores as Record<EvaluationItem, number>, openAnswers: open.map((a) => a.trim()) });
  };

  return (
    <Form onSubmit={submit} aria-labelledby="answer-h" className={styles.answerForm} data-testid="answer-form">
      <h2 id="answer-h">{t('monitor.answer.formTitle')}</h2>
      <p className={styles.muted}>{t('monitor.answer.howTo')}</p>
      {missing.length > 0 && (
        <div role="alert" className={formStyles.alert}>
          <p className={styles.tight}>
            <strong>{t('monitor.answer.missing', { count: missing.length })}</strong>
          </p>
        </div>
      )}
      {evaluationItems.map((item, i) => (
        <ScaleQuestion
          key={item}
          item={item}
          number={i + 1}
          value={scores[item]}
          onChange={(v) => {
            setScores((s) => ({ ...s, [item]: v }));
            setMissing((m) => m.filter((x) => x !== item));
          }}
          error={missing.includes(item) ? t('monitor.answer.itemRequired') : undefined}
        />
      ))}
      {evaluation.openQuestions.map((q, i) => (
        <TextArea
          key={i}
          label={q}
          optional
          rows={4}
          maxLength={2000}
          value={open[i] ?? ''}
          onChange={(e) => setOpen((o) => o.map((x, j) => (j === i ? e.target.value : x)))}
          data-testid={`open-answer-${i}`}
        />
      ))}
      <div className={formStyles.actions}>
        <Button type="submit" aria-disabled={answer.isPending || undefined} className={answer.isPending ? styles.busy : undefined} data-testid="submit-answers">
          {answer.isPending ? t('common.working') : t('monitor.answer.submit')}
        </Button>
      </div>
    </Form>
  );
}

/**
 * Thanks for answering. It takes focus only right after sending (the form it replaces had focus);
 * on a later visit the page's heading keeps it. When that answer closed the evaluation, the outcome
 * follows below instead of the promise to show it later.
 */
function ThankYou({ back, focus, closed }: { back: string; focus: boolean; closed: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} tabIndex={focus ? -1 : undefined} role="status" className={formStyles.success} data-testid="answer-thanks">
      <p className={styles.tight}>
        <strong>{t('monitor.answer.thanks')}</strong>
      </p>
      {!closed && <p className={styles.tight}>{t('monitor.answer.thanksBody', { min: minimumAnswers })}</p>}
      <p className={styles.tight}>
        <Link to={back}>{t('monitor.answer.back')}</Link>
      </p>
    </div>
  );
}

/** A closed evaluation's outcome under its own h2 (so the aggregate's heading is an h3), or why it is hidden. */
function Result({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  if (e.aggregate)
    return (
      <Card aria-labelledby="result-h">
        <h2 id="result-h">{t('monitor.answer.result')}</h2>
        <EvaluationAggregate aggregate={e.aggregate} answered={e.answered} headingLevel={3} />
      </Card>
    );
  if (e.hidden === 'tooFew') return <p className={styles.note}>{t('monitor.evaluations.hiddenTooFew', { count: e.answered, min: minimumAnswers })}</p>;
  return null;
}

function EvaluationView({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const community = useCommunity();
  const fmt = useFormat();
  const title = useEvaluationTitle();
  // Lives here, not in the form: after a 409 the page reloads the evaluation and the form may give
  // way to a thank-you or a closed notice, while the server's reason stays in view.
  const answer = useAnswerEvaluation(e.id);
  const back = `/communities/${community.id}/monitor`;
  // A failed send: the form may be gone (closed meanwhile, answered elsewhere), so focus the reason.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answer.error) errorRef.current?.focus();
  }, [answer.error]);
  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={back}>
          <span aria-hidden="true">← </span>
          {t('monitor.answer.back')}
        </Link>
      </p>
      <div className={styles.itemHead}>
        <h1 tabIndex={-1} className={styles.tight}>
          {title(e)}
        </h1>
        <EvaluationStatus status={e.status} />
      </div>
      <p className={styles.meta}>
        {e.status === 'closed' && e.closedAt ? t('monitor.evaluations.closedAt', { date: fmt.dateTime(e.closedAt) }) : t('monitor.evaluations.openFromTo', { opens: fmt.dateTime(e.opensAt), closes: fmt.dateTime(e.closesAt) })} ·{' '}
        {t('monitor.evaluations.answered', { count: e.answered, of: e.participants })}
      </p>
      <p className={styles.note} data-testid="answer-privacy">
        {t('monitor.answer.privacy', { min: minimumAnswers })}
      </p>
      <div ref={errorRef} tabIndex={-1} className={styles.focusTarget}>
        <FormAlert error={answer.error} />
      </div>
      <Content evaluation={e} back={back} answer={answer} />
    </div>
  );
}

/**
 * What the page shows besides the header: the form, a thank-you, or why there is nothing to answer.
 * A closed evaluation shows its outcome to everyone, also to those who answered (the mail links here).
 */
function Content({ evaluation: e, back, answer }: { evaluation: Evaluation; back: string; answer: AnswerMutation }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const closed = e.status === 'closed';
  // Sent from this page just now (possibly the last answer, which closes the evaluation).
  if (answer.isSuccess)
    return (
      <>
        <ThankYou back={back} focus closed={closed} />
        {closed && <Result evaluation={e} />}
      </>
    );
  if (closed)
    return (
      <>
        <p>{t('monitor.answer.closed')}</p>
        {e.iAnswered && (
          <p className={styles.done} data-testid="answered-note">
            {t('monitor.evaluations.iAnswered')}
          </p>
        )}
        <Result evaluation={e} />
      </>
    );
  if (e.iAnswered) return <ThankYou back={back} focus={false} closed={false} />;
  if (e.status === 'scheduled') return <p>{t('monitor.answer.scheduled', { date: fmt.dateTime(e.opensAt) })}</p>;
  if (!e.canAnswer) return <p>{t('monitor.answer.notForYou')}</p>;
  return (
    <Card>
      <AnswerForm evaluation={e} answer={answer} />
    </Card>
  );
}

/** Answering an evaluation (a mail links here): seven statements on a 1–5 scale and the open questions. */
export default function EvaluationPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const { evaluationId = '' } = useParams();
  const q = useQuery(evaluationQuery(evaluationId));
  const title = useEvaluationTitle();
  usePageTitle(q.data ? t('monitor.answer.documentTitle', { title: title(q.data), community: community.name }) : undefined);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  // A link with another community's id in it: the evaluation does not exist here.
  if (q.data.communityId !== community.id)
    return (
      <div>
        <h1 tabIndex={-1}>{t('common.notFound.title')}</h1>
        <p>{t('common.notFound.body')}</p>
      </div>
    );
  return <EvaluationView evaluation={q.data} />;
}
