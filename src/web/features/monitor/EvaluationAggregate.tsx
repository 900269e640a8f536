import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../../contracts/monitor';
import { BarChart, DataTable, useNumbers } from './parts';
import styles from './monitor.module.css';

const scale = [1, 2, 3, 4, 5] as const;

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/**
 * A closed evaluation's answers, only ever together: per statement the mean and how many chose each
 * point of the scale (chart and table), and the open answers without names. `headingLevel` is the
 * level of its one heading (the open answers): one below the heading it sits under, so no level is
 * skipped — an h4 under the evaluation's h3 on the monitor, an h3 under "Uitkomst" (h2) on its own page.
 */
export function EvaluationAggregate({ aggregate, answered, headingLevel = 4 }: { aggregate: NonNullable<Evaluation['aggregate']>; answered: number; headingLevel?: HeadingLevel }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const n = useNumbers();
  const statement = (item: string) => t(`monitor.items.${item}`);
  return (
    <div className={styles.aggregate} data-testid="evaluation-aggregate">
      <p className={styles.muted}>{t('monitor.evaluations.aggregateLead', { count: answered })}</p>
      <ul className={styles.aggItems}>
        {aggregate.items.map((it) => {
          const words = scale.map((s, i) => t('monitor.evaluations.pointCount', { point: s, label: t(`monitor.scale.${s}`), count: it.distribution[i] ?? 0 })).join(', ');
          return (
            <li key={it.item} className={styles.aggItem}>
              <p className={styles.statement}>{statement(it.item)}</p>
              <p className={styles.tight}>
                {t('monitor.evaluations.mean')} <strong>{t('monitor.outOfFive', { mean: n.decimal(it.mean) })}</strong>
              </p>
              <BarChart
                small
                max={Math.max(1, ...it.distribution)}
                label={t('monitor.evaluations.chartLabel', { statement: statement(it.item), mean: n.decimal(it.mean), distribution: words })}
                bars={scale.map((s, i) => ({ key: String(s), label: `${s} ${t(`monitor.scale.${s}`)}`, value: it.distribution[i] ?? 0, text: it.distribution[i] ?? 0 }))}
              />
            </li>
          );
        })}
      </ul>
      <DataTable caption={t('monitor.evaluations.tableCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('monitor.evaluations.statement')}</th>
            <th scope="col" className={styles.num}>
              {t('monitor.evaluations.meanCol')}
            </th>
            {scale.map((s) => (
              <th key={s} scope="col" className={styles.num}>
                <span aria-hidden="true">{s}</span>
                <span className="sr-only">
                  {s} {t(`monitor.scale.${s}`)}
                </span>
              </th>
            ))}
            <th scope="col" className={styles.num}>
              {t('monitor.indicators.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {aggregate.items.map((it) => (
            <tr key={it.item}>
              <th scope="row">{statement(it.item)}</th>
              <td className={styles.num}>{n.decimal(it.mean)}</td>
              {scale.map((s, i) => (
                <td key={s} className={styles.num}>
                  {it.distribution[i] ?? 0}
                </td>
              ))}
              <td className={styles.num}>{it.count}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className={styles.muted}>{t('monitor.evaluations.scaleLegend')}</p>
      {aggregate.openAnswers.length > 0 && (
        <>
          <Heading>{t('monitor.evaluations.openAnswers')}</Heading>
          {aggregate.openAnswers.map((q, i) => (
            <div key={i} className={styles.openAnswers}>
              <p className={styles.statement}>{q.question}</p>
              {q.answers.length > 0 ? (
                <ul>
                  {q.answers.map((a, j) => (
                    <li key={j} className={styles.text}>
                      {a}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.muted}>{t('monitor.evaluations.noOpenAnswers')}</p>
              )}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
