import { useTranslation } from 'react-i18next';
import type { CommunityMonitor } from '../../../contracts/monitor';
import { extremes } from './figures';
import { useConditionLabel, useReasonText } from './labels';
import { BarChart, DataTable, NoData, Section, toneOf } from './parts';
import styles from './monitor.module.css';

/** Every condition's score over the last six months: a summary in words, a bar chart and the same as a table. */
export function Scores({ monitor, organisations }: { monitor: CommunityMonitor; organisations: Map<string, string> }) {
  const { t } = useTranslation();
  const label = useConditionLabel();
  const reason = useReasonText();
  const scores = monitor.current.scores;
  const { strongest, weakest, missing } = extremes(scores);
  const summary = [
    strongest && weakest
      ? t('monitor.scores.summary', { strongest: label(strongest.condition), strongestScore: strongest.score, weakest: label(weakest.condition), weakestScore: weakest.score })
      : t('monitor.scores.summaryNone'),
    missing.length > 0 ? t('monitor.scores.summaryMissing', { conditions: missing.map(label).join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Section id="scores" title={t('monitor.scores.title')} lead={t('monitor.scores.lead')}>
      <p data-testid="scores-summary">{summary}</p>
      <BarChart
        label={t('monitor.scores.chartLabel', { summary })}
        max={100}
        testId="scores-chart"
        bars={scores.map((s) => ({
          key: s.condition,
          label: label(s.condition),
          value: s.score,
          text: s.score === null ? <NoData /> : s.score,
          tone: s.score === null ? undefined : toneOf(s.score),
        }))}
      />
      <p className={styles.muted}>{t('monitor.scores.legend')}</p>
      <DataTable caption={t('monitor.scores.tableCaption')} testId="scores-table">
        <thead>
          <tr>
            <th scope="col">{t('monitor.scores.condition')}</th>
            <th scope="col" className={styles.num}>
              {t('monitor.scores.score')}
            </th>
            <th scope="col">{t('monitor.scores.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((s) => (
            <tr key={s.condition}>
              <th scope="row">{label(s.condition)}</th>
              <td className={`${styles.num} ${styles.nowrap}`}>{s.score === null ? <NoData /> : s.score}</td>
              <td>{reason(s.reason, organisations)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <details className={styles.disclosure}>
        <summary>{t('monitor.scores.helpTitle')}</summary>
        <dl className={styles.help}>
          {scores.map((s) => (
            <div key={s.condition}>
              <dt>{label(s.condition)}</dt>
              <dd>{t(`monitor.help.${s.condition}`)}</dd>
            </div>
          ))}
        </dl>
        <p className={styles.muted}>{t('monitor.scores.notScored')}</p>
      </details>
    </Section>
  );
}
