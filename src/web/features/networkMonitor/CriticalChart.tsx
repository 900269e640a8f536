import { useTranslation } from 'react-i18next';
import type { NetworkMonitorRow } from '../../../contracts/monitor';
import { useConditionLabel } from '../monitor/labels';
import { criticalCounts } from './heatmap';
import styles from './networkMonitor.module.css';

/**
 * How often each condition is the critical factor across the network: CSS bars for the eye (one
 * image with the numbers in its name), and the same numbers in a small table beside it.
 */
export function CriticalChart({ rows }: { rows: NetworkMonitorRow[] }) {
  const { t } = useTranslation();
  const label = useConditionLabel();
  const counts = criticalCounts(rows);
  const without = rows.filter((r) => r.criticalFactor === null).length;
  const max = Math.max(1, ...counts.map((c) => c.count));

  return (
    <section aria-labelledby="critical-chart-h" className={styles.chartSection}>
      <h2 id="critical-chart-h">{t('networkMonitor.chart.title')}</h2>
      {counts.length === 0 ? (
        <p className={styles.muted}>{t('networkMonitor.chart.empty')}</p>
      ) : (
        <div className={styles.chartGrid}>
          <div
            role="img"
            className={styles.bars}
            aria-label={t('networkMonitor.chart.label', {
              list: counts.map((c) => t('networkMonitor.chart.item', { condition: label(c.condition), count: c.count })).join(', '),
            })}
          >
            {counts.map((c) => (
              <div key={c.condition} className={styles.barRow}>
                <span className={styles.barLabel}>{label(c.condition)}</span>
                <span className={styles.barTrack}>
                  <span className={styles.bar} style={{ width: `${(c.count / max) * 100}%` }} />
                </span>
                <span className={styles.barValue}>{c.count}</span>
              </div>
            ))}
          </div>
          <table className={styles.smallTable}>
            <caption className={styles.caption}>{t('networkMonitor.chart.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('networkMonitor.chart.condition')}</th>
                <th scope="col" className={styles.num}>
                  {t('networkMonitor.chart.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.condition}>
                  <th scope="row">{label(c.condition)}</th>
                  <td className={styles.num}>{c.count}</td>
                </tr>
              ))}
              {without > 0 && (
                <tr>
                  <th scope="row">{t('networkMonitor.chart.without')}</th>
                  <td className={styles.num}>{without}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
