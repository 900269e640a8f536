import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityMonitor, ImprovementAction } from '../../../contracts/monitor';
import { FormAlert } from '../../ui/Form';
import { Badge, EmptyState } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { isStale, useUpdateAction } from './api';
import { signed } from './figures';
import { useConditionLabel } from './labels';
import { Section } from './parts';
import styles from './monitor.module.css';

/** "Bij de evaluatie van 3 maart 2026: 45 → 62 (+17)", or that the effect shows after the next evaluation. */
export function useEffectText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback(
    (a: Pick<ImprovementAction, 'effect' | 'baselineScore'>) => {
      const e = a.effect;
      if (!e) return t('monitor.actions.effectPending');
      const date = fmt.date(e.closedAt);
      if (e.score === null) return t('monitor.actions.effectNoData', { date });
      if (a.baselineScore === null || e.delta === null) return t('monitor.actions.effectScore', { date, score: e.score });
      return t('monitor.actions.effect', { date, from: a.baselineScore, to: e.score, delta: signed(e.delta) });
    },
    [t, fmt],
  );
}

function ActionItem({ action: a, canAct, onToggle }: { action: ImprovementAction; canAct: boolean; onToggle: (a: ImprovementAction, done: boolean, settled: () => void) => void }) {
  const { t } = useTranslation();
  // The box follows the click at once; the server's answer (or the state after a conflict) replaces it.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const mf = useMeetingFormat();
  const label = useConditionLabel();
  const effect = useEffectText();
  const id = useId();
  return (
    <li className={`${styles.item} ${a.done ? styles.itemDone : ''}`} data-testid="improvement-action">
      <p className={styles.tight}>
        <Badge tone="primary">{label(a.condition)}</Badge>
      </p>
      <p id={`${id}-what`} className={`${styles.what} ${styles.text}`}>
        {a.what}
      </p>
      <p className={styles.meta}>
        {t('monitor.actions.who', { name: a.ownerName || t('monitor.actions.formerMember') })} · {t('monitor.actions.due', { date: mf.localDate(a.dueDate, 'long') })}
        {a.baselineScore !== null && <> · {t('monitor.actions.baseline', { score: a.baselineScore })}</>}
      </p>
      <p className={styles.tight} data-testid="action-effect">
        {effect(a)}
      </p>
      {canAct ? (
        <div className={styles.check}>
          <input
            id={`${id}-done`}
            type="checkbox"
            checked={optimistic ?? a.done}
            // Not `disabled` while saving: that would drop keyboard focus to the page's body.
            aria-disabled={optimistic !== null || undefined}
            aria-describedby={`${id}-what`}
            onChange={(e) => {
              // Still saving the previous click: the controlled box stays as it is.
              if (optimistic !== null) return;
              setOptimistic(e.target.checked);
              onToggle(a, e.target.checked, () => setOptimistic(null));
            }}
          />
          <label htmlFor={`${id}-done`}>{t('monitor.actions.done')}</label>
        </div>
      ) : (
        <p className={a.done ? styles.done : styles.meta}>{a.done ? t('monitor.actions.isDone') : t('monitor.actions.notDone')}</p>
      )}
    </li>
  );
}

/** What the community set out to do about its conditions, and whether it helped. */
export function Actions({ monitor }: { monitor: CommunityMonitor }) {
  const { t } = useTranslation();
  const update = useUpdateAction(monitor.community.id);
  const toggle = (a: ImprovementAction, done: boolean, settled: () => void) => update.mutate({ id: a.id, version: a.version, done }, { onSettled: settled });
  // Newest first: the action being worked on now is on top.
  const actions = [...monitor.actions].reverse();
  return (
    <Section id="actions" title={t('monitor.actions.title')} lead={t('monitor.actions.lead')}>
      {update.error &&
        (isStale(update.error) ? (
          <div role="alert" className={styles.warning}>
            <p className={styles.tight}>
              <strong>{t('monitor.actions.conflictTitle')}</strong>
            </p>
            <p className={styles.tight}>{t('monitor.actions.conflictBody')}</p>
          </div>
        ) : (
          <FormAlert error={update.error} />
        ))}
      <div data-testid="improvement-actions">
        {actions.length === 0 ? (
          <EmptyState>{monitor.viewer.canRecordAction ? t('monitor.actions.noneCanAct') : t('monitor.actions.none')}</EmptyState>
        ) : (
          <ul className={styles.list}>
            {actions.map((a) => (
              <ActionItem key={a.id} action={a} canAct={monitor.viewer.canRecordAction} onToggle={toggle} />
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}
