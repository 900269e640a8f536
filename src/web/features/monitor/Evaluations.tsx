import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minimumAnswers } from '../../../contracts/conditions';
import type { CommunityMonitor, Evaluation } from '../../../contracts/monitor';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { FormAlert } from '../../ui/Form';
import { Badge, EmptyState } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCloseEvaluation } from './api';
import { EvaluationAggregate } from './EvaluationAggregate';
import { OpenEvaluationForm } from './OpenEvaluationForm';
import { Section } from './parts';
import styles from './monitor.module.css';

/** An evaluation's title, or "Evaluatie van 3 maart 2026" when it was opened without one. */
export function useEvaluationTitle() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback((e: Pick<Evaluation, 'title' | 'opensAt'>) => e.title || t('monitor.evaluations.defaultTitle', { date: fmt.date(e.opensAt) }), [t, fmt]);
}

export function EvaluationStatus({ status }: { status: Evaluation['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={status === 'open' ? 'primary' : 'neutral'}>{t(`monitor.evaluations.status.${status}`)}</Badge>;
}

/** The newest closed evaluation's outcome is shown in full; older ones fold away. */
function Outcome({ evaluation: e, folded }: { evaluation: Evaluation; folded: boolean }) {
  const { t } = useTranslation();
  if (!e.aggregate) return null;
  const aggregate = <EvaluationAggregate aggregate={e.aggregate} answered={e.answered} />;
  if (!folded) return aggregate;
  return (
    <details className={styles.disclosure}>
      <summary>{t('monitor.evaluations.showOutcome')}</summary>
      {aggregate}
    </details>
  );
}

function EvaluationItem({ evaluation: e, base, onClose, folded }: { evaluation: Evaluation; base: string; onClose: (e: Evaluation) => void; folded: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = useEvaluationTitle();
  return (
    <li className={`${styles.item} ${e.status === 'open' ? styles.itemOpen : ''}`} data-testid="evaluation" data-status={e.status} data-evaluation-id={e.id}>
      <div className={styles.itemHead}>
        <h3 tabIndex={-1} className={styles.itemTitle}>
          {title(e)}
        </h3>
        <EvaluationStatus status={e.status} />
      </div>
      <p className={styles.meta}>
        {e.status === 'closed' && e.closedAt
          ? t('monitor.evaluations.closedOn', { opens: fmt.dateTime(e.opensAt), closed: fmt.dateTime(e.closedAt) })
          : t('monitor.evaluations.openFromTo', { opens: fmt.dateTime(e.opensAt), closes: fmt.dateTime(e.closesAt) })}
        {e.openedBy && <> · {t('monitor.evaluations.openedBy', { name: e.openedBy })}</>}
      </p>
      <p className={styles.tight} data-testid="evaluation-answered">
        {t('monitor.evaluations.answered', { count: e.answered, of: e.participants })}
      </p>
      {e.iAnswered && <p className={styles.done}>{t('monitor.evaluations.iAnswered')}</p>}
      {(e.canAnswer || e.canClose) && (
        <div className={`${styles.actions} ${styles.noPrint}`}>
          {e.canAnswer && (
            <ButtonLink to={`${base}/monitor/evaluations/${e.id}`} data-testid="answer-evaluation">
              {t('monitor.evaluations.answer')}
            </ButtonLink>
          )}
          {e.canClose && (
            <Button variant="secondary" onClick={() => onClose(e)} data-testid="close-evaluation">
              {t('monitor.evaluations.closeNow')}
            </Button>
          )}
        </div>
      )}
      {e.hidden === 'open' && <p className={styles.note}>{t('monitor.evaluations.hiddenOpen', { min: minimumAnswers })}</p>}
      {e.hidden === 'tooFew' && <p className={styles.note}>{t('monitor.evaluations.hiddenTooFew', { count: e.answered, min: minimumAnswers })}</p>}
      {e.status === 'closed' && <Outcome evaluation={e} folded={folded} />}
    </li>
  );
}

/** The community's evaluations, newest first; coordinators and researchers open and close them here. */
export function Evaluations({ monitor }: { monitor: CommunityMonitor }) {
  const { t } = useTranslation();
  const title = useEvaluationTitle();
  const close = useCloseEvaluation();
  const [closing, setClosing] = useState<Evaluation | null>(null);
  // Closing removes the "Nu sluiten" button the dialog hands focus back to; once the monitor shows
  // the evaluation closed, its heading takes focus instead of the page's body.
  const [closed, setClosed] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!closed || monitor.evaluations.find((e) => e.id === closed)?.status !== 'closed') return;
    listRef.current?.querySelector<HTMLElement>(`[data-evaluation-id="${closed}"] h3`)?.focus();
    setClosed(null);
  }, [closed, monitor.evaluations]);
  const base = `/communities/${monitor.community.id}`;
  const newestOutcome = monitor.evaluations.find((e) => e.aggregate !== null)?.id;
  const cancel = () => {
    setClosing(null);
    close.reset();
  };
  return (
    <Section id="evaluations" title={t('monitor.evaluations.title')} lead={t('monitor.evaluations.lead')}>
      {monitor.evaluations.length === 0 ? (
        <EmptyState>{t('monitor.evaluations.none')}</EmptyState>
      ) : (
        <ul ref={listRef} className={styles.list} data-testid="evaluations">
          {monitor.evaluations.map((e) => (
            <EvaluationItem key={e.id} evaluation={e} base={base} onClose={setClosing} folded={e.id !== newestOutcome} />
          ))}
        </ul>
      )}
      {monitor.viewer.canOpenEvaluation && <OpenEvaluationForm communityId={monitor.community.id} />}
      <ConfirmDialog
        open={closing !== null}
        title={t('monitor.evaluations.closeTitle', { title: closing ? title(closing) : '' })}
        confirmLabel={t('monitor.evaluations.closeConfirm')}
        danger={false}
        pending={close.isPending}
        error={<FormAlert error={close.error} />}
        onCancel={cancel}
        onConfirm={() =>
          closing &&
          close.mutate(closing.id, {
            onSuccess: (e) => {
              setClosing(null);
              setClosed(e.id);
            },
          })
        }
      >
        <p>{closing && t('monitor.evaluations.closeBody', { count: closing.answered, of: closing.participants, min: minimumAnswers })}</p>
      </ConfirmDialog>
    </Section>
  );
}
