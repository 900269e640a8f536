import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConditionScore } from '../../../contracts/conditions';
import type { CommunityMonitor } from '../../../contracts/monitor';
import { EmptyState } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useEffectText } from './Actions';
import { useEvaluationTitle } from './Evaluations';
import { useConditionLabel, useReasonText } from './labels';
import { Section } from './parts';
import styles from './monitor.module.css';

function Factor({ factor, organisations }: { factor: ConditionScore | null; organisations: Map<string, string> }) {
  const { t } = useTranslation();
  const label = useConditionLabel();
  const reason = useReasonText();
  if (!factor) return <>{t('monitor.history.noFactor')}</>;
  return (
    <>
      <strong>{label(factor.condition)}</strong> {factor.score !== null && <>({t('monitor.scoreOf', { score: factor.score })})</>}: {reason(factor.reason, organisations)}
    </>
  );
}

function Step({ label, children, first }: { label: string; children: ReactNode; first?: boolean }) {
  return (
    <li className={styles.step}>
      {!first && (
        <span aria-hidden="true" className={styles.arrow}>
          →
        </span>
      )}
      <span className={styles.stepLabel}>{label}</span> {children}
    </li>
  );
}

/**
 * The improvement loop so far: after each closed evaluation its critical factor, the actions taken
 * until the next one with their effect, and the critical factor that came next.
 */
export function LoopHistory({ monitor, organisations }: { monitor: CommunityMonitor; organisations: Map<string, string> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = useEvaluationTitle();
  const effect = useEffectText();
  const label = useConditionLabel();
  const actions = new Map(monitor.actions.map((a) => [a.id, a]));
  const evaluations = new Map(monitor.evaluations.map((e) => [e.id, e]));
  return (
    <Section id="history" title={t('monitor.history.title')} lead={t('monitor.history.lead')}>
      {monitor.history.length === 0 ? (
        <EmptyState>{t('monitor.history.none')}</EmptyState>
      ) : (
        <ol className={styles.loop} data-testid="loop-history">
          {monitor.history.map((h, i) => {
            const next = monitor.history[i + 1];
            const taken = h.actionIds.map((id) => actions.get(id)).filter((a) => a !== undefined);
            return (
              <li key={h.evaluationId} className={styles.loopEntry}>
                <h3 className={styles.itemTitle}>{title({ title: h.title, opensAt: evaluations.get(h.evaluationId)?.opensAt ?? h.closedAt })}</h3>
                <p className={styles.meta}>{t('monitor.history.closed', { date: fmt.date(h.closedAt), count: h.answered })}</p>
                <ol className={styles.steps}>
                  <Step label={t('monitor.history.factor')} first>
                    <Factor factor={h.criticalFactor} organisations={organisations} />
                  </Step>
                  <Step label={t('monitor.history.actions')}>
                    {taken.length === 0 ? (
                      t('monitor.history.noActions')
                    ) : (
                      <ul className={styles.stepList}>
                        {taken.map((a) => (
                          <li key={a.id}>
                            {label(a.condition)}: {a.what} ({a.ownerName || t('monitor.actions.formerMember')}
                            {a.done ? `, ${t('monitor.actions.isDone').toLowerCase()}` : ''})
                            <br />
                            <span className={styles.meta}>
                              {t('monitor.history.effect')} {effect(a)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Step>
                  <Step label={next ? t('monitor.history.next') : t('monitor.history.now')}>
                    <Factor factor={next ? next.criticalFactor : monitor.current.criticalFactor} organisations={organisations} />
                  </Step>
                </ol>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
