import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { conditions, type Condition } from '../../../contracts/conditions';
import type { NetworkMonitorRow } from '../../../contracts/monitor';
import { useConditionLabel } from '../monitor/labels';
import { band, nextSort, parseSort, scoreOf, sortRows, trend, type Sort, type SortKey } from './heatmap';
import styles from './networkMonitor.module.css';

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

function SortHeader({ column, label, sort, onSort, className }: { column: SortKey; label: string; sort: Sort; onSort: (k: SortKey) => void; className?: string }) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={className} data-column-label={label}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(column)}>
        <span>{label}</span>
        <span aria-hidden="true" className={cx(styles.sortIcon, !active && styles.sortIconIdle)}>
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** One condition's score: the number, its colour band, a trend arrow and whether it is the critical factor. */
function ScoreTd({ row, condition }: { row: NetworkMonitorRow; condition: Condition }) {
  const { t } = useTranslation();
  const score = scoreOf(row.scores, condition);
  const previous = scoreOf(row.previous, condition);
  const arrow = trend(score, previous);
  const b = band(score);
  const critical = row.criticalFactor === condition;
  return (
    <td className={cx(styles.cell, b === null ? styles.bandNone : styles[`band${b}`], critical && styles.critical)} data-condition={condition}>
      {score === null ? (
        <>
          <span aria-hidden="true">–</span>
          <span className="sr-only">{t('networkMonitor.cell.noData')}</span>
        </>
      ) : (
        <span className={styles.score}>{score}</span>
      )}
      {arrow && (
        <>
          <span aria-hidden="true" className={styles.arrow}>
            {arrow === 'up' ? '↑' : '↓'}
          </span>
          <span className="sr-only">, {t(`networkMonitor.cell.${arrow}`, { previous })}</span>
        </>
      )}
      {critical && <span className="sr-only">, {t('networkMonitor.cell.critical')}</span>}
    </td>
  );
}

/**
 * The heat map: one row per community, one column per condition. It is a real table (caption,
 * column and row headers), so it is also the data table behind the colours; the sort lives in the
 * address so that a sorted view survives a reload and can be shared.
 */
export function HeatMap({ rows }: { rows: NetworkMonitorRow[] }) {
  const { t, i18n } = useTranslation();
  const label = useConditionLabel();
  const [params, setParams] = useSearchParams();
  const { key, dir } = parseSort(params);
  const sort: Sort = { key, dir };
  const [announcement, setAnnouncement] = useState('');
  const sorted = useMemo(() => sortRows(rows, { key, dir }, { locale: i18n.language, label }), [rows, key, dir, i18n.language, label]);

  const columnLabel = (key: SortKey) =>
    key === 'name' ? t('networkMonitor.columns.community') : key === 'members' ? t('networkMonitor.columns.members') : key === 'critical' ? t('networkMonitor.columns.critical') : label(key);

  const onSort = (key: SortKey) => {
    const next = nextSort(sort, key);
    setParams(
      (p) => {
        const out = new URLSearchParams(p);
        out.set('sort', next.key);
        out.set('dir', next.dir);
        return out;
      },
      { replace: true, preventScrollReset: true },
    );
    setAnnouncement(t('networkMonitor.sort.announce', { column: columnLabel(next.key), direction: t(`networkMonitor.sort.${next.dir}`) }));
  };

  return (
    <>
      <div className={styles.tableScroll} tabIndex={0} role="group" aria-labelledby="heatmap-caption">
        <table className={styles.heatmap} data-testid="network-heatmap">
          <caption id="heatmap-caption" className={styles.caption}>
            {t('networkMonitor.table.caption')}
            <span className="sr-only">
              {' '}
              {t('networkMonitor.sort.current', { column: columnLabel(sort.key), direction: t(`networkMonitor.sort.${sort.dir}`) })}
            </span>
          </caption>
          <thead>
            <tr>
              <SortHeader column="name" label={columnLabel('name')} sort={sort} onSort={onSort} className={styles.nameHead} />
              <SortHeader column="members" label={columnLabel('members')} sort={sort} onSort={onSort} />
              {conditions.map((c) => (
                <SortHeader key={c} column={c} label={label(c)} sort={sort} onSort={onSort} />
              ))}
              <SortHeader column="critical" label={columnLabel('critical')} sort={sort} onSort={onSort} />
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.communityId}>
                <th scope="row" className={styles.nameCell}>
                  <Link to={`/communities/${r.communityId}/monitor`}>{r.name}</Link>
                </th>
                <td className={styles.num}>{r.groupSize}</td>
                {conditions.map((c) => (
                  <ScoreTd key={c} row={r} condition={c} />
                ))}
                <td className={styles.criticalName}>
                  {r.criticalFactor ? (
                    label(r.criticalFactor)
                  ) : (
                    <span className={styles.muted}>{t('networkMonitor.cell.noCritical')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </>
  );
}

/** What the colours, arrows and the thick border mean, in words. */
export function Legend() {
  const { t } = useTranslation();
  const bands = [
    [0, '0–19'],
    [1, '20–39'],
    [2, '40–59'],
    [3, '60–79'],
    [4, '80–100'],
  ] as const;
  return (
    <div className={styles.legend}>
      <h3 id="legend-h" className={styles.legendTitle}>
        {t('networkMonitor.legend.title')}
      </h3>
      <ul aria-labelledby="legend-h" className={styles.legendList}>
        {bands.map(([b, range]) => (
          <li key={b}>
            <span aria-hidden="true" className={cx(styles.swatch, styles[`band${b}`])} />
            {t(`networkMonitor.legend.band${b}`, { range })}
          </li>
        ))}
        <li>
          <span aria-hidden="true" className={cx(styles.swatch, styles.bandNone)}>
            –
          </span>
          {t('networkMonitor.cell.noData')}
        </li>
        <li>
          <span aria-hidden="true" className={styles.legendGlyph}>
            ↑↓
          </span>
          {t('networkMonitor.legend.trend')}
        </li>
        <li>
          <span aria-hidden="true" className={cx(styles.swatch, styles.critical)} />
          {t('networkMonitor.legend.critical')}
        </li>
      </ul>
    </div>
  );
}
