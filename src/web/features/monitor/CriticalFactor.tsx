import { useTranslation } from 'react-i18next';
import type { CommunityMonitor } from '../../../contracts/monitor';
import { Card } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useConditionLabel, useReasonText } from './labels';
import { NoData, toneOf } from './parts';
import { RecordActionForm } from './RecordActionForm';
import styles from './monitor.module.css';

/** "62 van 100", with the colour band as a border (the number carries the meaning). */
export function Score({ score, large }: { score: number | null; large?: boolean }) {
  const { t } = useTranslation();
  if (score === null) return <NoData />;
  return <span className={[styles.score, styles[`score_${toneOf(score)}`], large ? styles.scoreLarge : ''].join(' ')}>{t('monitor.scoreOf', { score })}</span>;
}

/**
 * The one condition that holds the community back now (the lowest score over the last six months),
 * why, and what it rests on; those who may, record what they will do about it right here.
 */
export function CriticalFactor({ monitor, organisations }: { monitor: CommunityMonitor; organisations: Map<string, string> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useConditionLabel();
  const reason = useReasonText();
  const cf = monitor.current.criticalFactor;
  return (
    <Card aria-labelledby="critical-h" className={styles.critical} data-testid="critical-factor">
      <h2 id="critical-h">{t('monitor.critical.title')}</h2>
      <p className={styles.muted}>{t('monitor.critical.period', { from: fmt.date(monitor.current.from), to: fmt.date(monitor.current.to) })}</p>
      {cf ? (
        <>
          <p className={styles.criticalName}>
            <strong data-testid="critical-condition">{label(cf.condition)}</strong> <Score score={cf.score} large />
          </p>
          <p className={styles.criticalReason} data-testid="critical-reason">
            {reason(cf.reason, organisations)}
          </p>
          <p className={styles.muted}>{t(`monitor.help.${cf.condition}`)}</p>
          {cf.parts.length > 0 && (
            <>
              <h3>{t('monitor.critical.behind')}</h3>
              <ul className={styles.parts}>
                {cf.parts.map((p, i) => (
                  <li key={i}>
                    <span className={styles.partSource}>{t(`monitor.critical.source.${p.source}`)}</span>{' '}
                    <span className={styles.partScore}>{t('monitor.scoreOf', { score: p.score })}</span> – {reason(p.reason, organisations)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p>{t('monitor.critical.none')}</p>
      )}
      {monitor.viewer.canRecordAction && (
        <RecordActionForm key={cf?.condition ?? 'none'} communityId={monitor.community.id} preselected={cf?.condition ?? null} members={monitor.members} />
      )}
    </Card>
  );
}
