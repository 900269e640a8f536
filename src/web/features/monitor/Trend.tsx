import { useTranslation } from 'react-i18next';
import { conditions } from '../../../contracts/conditions';
import type { CommunityMonitor, QuarterRow } from '../../../contracts/monitor';
import { csvHref } from './api';
import { change, quarterLabel, scoreOf, signed, sparkline } from './figures';
import { useConditionLabel } from './labels';
import { DataTable, NoData, Section, Value, useNumbers } from './parts';
import styles from './monitor.module.css';

/** A score in the trend table with its move since the quarter before: an arrow for the eye, words for the ear. */
function TrendCell({ previous, current }: { previous: number | null | undefined; current: number | null }) {
  const { t } = useTranslation();
  if (current === null) return <NoData compact />;
  const { direction, delta } = change(previous, current);
  return (
    <>
      {current}
      {(direction === 'up' || direction === 'down') && delta !== null && (
        <>
          {' '}
          <span aria-hidden="true" className={styles[`trend_${direction}`]}>
            {direction === 'up' ? '↑' : '↓'}
            <small>{signed(delta)}</small>
          </span>
          <span className="sr-only">{t(`monitor.trend.${direction}`, { delta: Math.abs(delta) })}</span>
        </>
      )}
    </>
  );
}

/** A small line of one condition's eight quarters. */
function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const segments = sparkline(values, 80, 20);
  return (
    <svg role="img" aria-label={label} viewBox="-2 -2 84 24" width="84" height="24" className={styles.sparkline}>
      <line x1="0" y1="20" x2="80" y2="20" className={styles.sparkBase} />
      {segments.map((points) =>
        points.includes(' ') ? <polyline key={points} points={points} className={styles.sparkLine} /> : <circle key={points} cx={points.split(',')[0]} cy={points.split(',')[1]} r="2" className={styles.sparkDot} />,
      )}
    </svg>
  );
}

function KeyFigures({ quarters }: { quarters: QuarterRow[] }) {
  const { t, i18n } = useTranslation();
  const n = useNumbers();
  const cols = ['groupSize', 'held', 'cancelled', 'medianGap', 'longestGap', 'attendance', 'voiceEvenness', 'reciprocity', 'chairs', 'referring', 'checkOut', 'timeStated', 'contributions'] as const;
  return (
    <DataTable caption={t('monitor.trend.figuresCaption')} testId="trend-figures">
      <thead>
        <tr>
          <th scope="col">{t('monitor.trend.quarter')}</th>
          {cols.map((c) => (
            <th key={c} scope="col" className={styles.num}>
              {t(`monitor.trend.col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {quarters.map((q) => (
          <tr key={q.quarter}>
            <th scope="row">{quarterLabel(q.quarter, i18n.language)}</th>
            <td className={styles.num}>{q.groupSize}</td>
            <td className={styles.num}>{q.held}</td>
            <td className={styles.num}>{q.cancelled}</td>
            <td className={styles.num}>
              <Value compact value={q.medianGapDays} format={(v) => n.decimal(v)} />
            </td>
            <td className={styles.num}>
              <Value compact value={q.longestGapDays} format={(v) => n.decimal(v)} />
            </td>
            <td className={styles.num}>
              <Value compact value={q.attendance} format={n.percent} />
            </td>
            <td className={styles.num}>
              <Value compact value={q.voiceEvenness} format={(v) => n.decimal(v, 2)} />
            </td>
            <td className={styles.num}>
              <Value compact value={q.reciprocity} format={(v) => n.decimal(v, 2)} />
            </td>
            <td className={styles.num}>{q.distinctChairs}</td>
            <td className={styles.num}>
              <Value compact value={q.referringShare} format={n.percent} />
            </td>
            <td className={styles.num}>
              <Value compact value={q.checkOutMean} format={(v) => n.decimal(v)} />
            </td>
            <td className={styles.num}>{q.timeStated}</td>
            <td className={styles.num}>{q.contributions}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The last eight quarters: each condition's score with its move, and the key figures behind them. */
export function Trend({ monitor }: { monitor: CommunityMonitor }) {
  const { t, i18n } = useTranslation();
  const label = useConditionLabel();
  const quarters = monitor.quarters;
  const names = quarters.map((q) => quarterLabel(q.quarter, i18n.language));
  return (
    <Section id="trend" title={t('monitor.trend.title')} lead={t('monitor.trend.lead')}>
      <DataTable caption={t('monitor.trend.scoresCaption')} testId="trend-scores">
        <thead>
          <tr>
            <th scope="col">{t('monitor.scores.condition')}</th>
            <th scope="col">{t('monitor.trend.course')}</th>
            {names.map((q) => (
              <th key={q} scope="col" className={styles.num}>
                {q}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => {
            const values = quarters.map((q) => scoreOf(q.scores, c));
            const known = values.map((v, i) => (v === null ? null : `${names[i]}: ${v}`)).filter(Boolean);
            return (
              <tr key={c}>
                <th scope="row">{label(c)}</th>
                <td>
                  <Sparkline values={values} label={known.length ? t('monitor.trend.sparkLabel', { condition: label(c), values: known.join(', ') }) : t('monitor.trend.sparkEmpty', { condition: label(c) })} />
                </td>
                {values.map((v, i) => (
                  <td key={quarters[i]!.quarter} className={`${styles.num} ${styles.nowrap}`}>
                    <TrendCell previous={i > 0 ? values[i - 1] : undefined} current={v} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <KeyFigures quarters={quarters} />
      <p className={styles.noPrint}>
        <a href={csvHref(monitor.community.id)} download data-testid="csv-link">
          {t('monitor.trend.csv')}
        </a>{' '}
        <span className={styles.muted}>{t('monitor.trend.csvHint')}</span>
      </p>
    </Section>
  );
}
