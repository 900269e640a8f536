import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { groupSizeBand } from '../../../contracts/conditions';
import type { CommunityMonitor, IndicatorsView } from '../../../contracts/monitor';
import { formStyles } from '../../ui/Form';
import { useFormat } from '../../lib/format';
import { quarterLabel } from './figures';
import { IndicatorsAmbition } from './IndicatorsAmbition';
import { IndicatorsVoice } from './IndicatorsVoice';
import { DataTable, Facts, PrivacyNote, Section, Value, useNumbers, useOrgName } from './parts';
import styles from './monitor.module.css';

type RateRow = IndicatorsView['attendance']['members'][number];

function RateTable({ rows, caption, header, nameOf }: { rows: RateRow[]; caption: string; header: string; nameOf: (name: string) => string }) {
  const { t } = useTranslation();
  const n = useNumbers();
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col" className={styles.num}>
            {t('monitor.indicators.attendance.attended')}
          </th>
          <th scope="col" className={styles.num}>
            {t('monitor.indicators.attendance.rate')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{nameOf(r.name)}</th>
            <td className={styles.num}>{t('monitor.ofCount', { count: r.attended, of: r.expected })}</td>
            <td className={styles.num}>
              <Value value={r.rate} format={n.percent} compact />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function GroupAndRegularity({ ind }: { ind: IndicatorsView }) {
  const { t, i18n } = useTranslation();
  const n = useNumbers();
  const r = ind.regularity;
  const gaps = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { type: 'conjunction' }).format(r.gapsDays.map((d) => n.decimal(d)));
  return (
    <>
      <h3 id="ind-group">{t('monitor.conditions.groupSize')}</h3>
      <p data-testid="indicator-group-size">
        {t('monitor.indicators.groupSize.count', { count: ind.groupSize.count })} {t(`monitor.indicators.groupSize.${ind.groupSize.band}`, { min: groupSizeBand.min, max: groupSizeBand.max })}
      </p>
      <h3 id="ind-regularity">{t('monitor.conditions.regularity')}</h3>
      <Facts
        items={[
          { term: t('monitor.indicators.regularity.held'), value: r.held },
          {
            term: t('monitor.indicators.regularity.cancelled'),
            value: (
              <>
                {r.cancelled}
                {r.cancelledShare !== null && <> ({n.percent(r.cancelledShare)})</>}
              </>
            ),
          },
          { term: t('monitor.indicators.regularity.gaps'), value: r.gapsDays.length ? t('monitor.indicators.days', { list: gaps }) : t('monitor.noData') },
          { term: t('monitor.indicators.regularity.median'), value: <Value value={r.medianGapDays} format={(v) => t('monitor.indicators.dayCount', { count: v, n: n.decimal(v) })} /> },
          { term: t('monitor.indicators.regularity.longest'), value: <Value value={r.longestGapDays} format={(v) => t('monitor.indicators.dayCount', { count: v, n: n.decimal(v) })} /> },
        ]}
      />
    </>
  );
}

function Attendance({ ind, seesMembers }: { ind: IndicatorsView; seesMembers: boolean }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const org = useOrgName();
  const a = ind.attendance;
  return (
    <>
      <h3 id="ind-attendance">{t('monitor.indicators.attendance.title')}</h3>
      <p>
        {t('monitor.indicators.attendance.overall')} <Value value={a.overall} format={n.percent} />
      </p>
      {a.organisations.length > 0 && <RateTable rows={a.organisations} caption={t('monitor.indicators.attendance.perOrganisation')} header={t('monitor.indicators.organisation')} nameOf={org} />}
      {seesMembers ? (
        a.members.length > 0 && <RateTable rows={a.members} caption={t('monitor.indicators.attendance.perMember')} header={t('monitor.indicators.member')} nameOf={(x) => x} />
      ) : (
        <PrivacyNote />
      )}
    </>
  );
}

function Time({ ind }: { ind: IndicatorsView }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const x = ind.time;
  return (
    <>
      <h3 id="ind-time">{t('monitor.conditions.time')}</h3>
      <Facts
        items={[
          { term: t('monitor.indicators.time.stated'), value: t('monitor.ofCount', { count: x.stated, of: x.participants }) },
          { term: t('monitor.indicators.time.median'), value: <Value value={x.medianHours} format={(v) => t('monitor.indicators.time.hours', { n: n.decimal(v) })} /> },
          { term: t('monitor.indicators.time.enough'), value: t('monitor.ofCount', { count: x.enoughHours, of: x.participants }) },
          { term: t('monitor.indicators.time.official'), value: t('monitor.ofCount', { count: x.official, of: x.participants }) },
        ]}
      />
    </>
  );
}

/** One quarter's indicators in full; the quarter is chosen here and kept in the address (?quarter=). */
export function Indicators({ monitor, selected, onQuarter, updating }: { monitor: CommunityMonitor; selected: string; onQuarter: (key: string) => void; updating: boolean }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const pickerId = useId();
  const ind = monitor.quarter.indicators;
  const keys = monitor.quarters.map((q) => q.quarter);
  for (const k of [monitor.quarter.key, selected]) if (!keys.includes(k)) keys.push(k);
  // `to` is the start of the next quarter (or now): the last day shown is the day before it.
  const lastDay = new Date(Date.parse(ind.to) - 1).toISOString();
  return (
    <Section id="indicators" title={t('monitor.indicators.title')} lead={t('monitor.indicators.lead')}>
      <div className={`${styles.picker} ${styles.noPrint}`}>
        <label htmlFor={pickerId} className={formStyles.label}>
          {t('monitor.indicators.quarter')}
        </label>
        <select id={pickerId} className={formStyles.select} value={selected} onChange={(e) => onQuarter(e.target.value)} data-testid="quarter-picker">
          {[...keys].reverse().map((k) => (
            <option key={k} value={k}>
              {quarterLabel(k, i18n.language)}
            </option>
          ))}
        </select>
        <span role="status" className={styles.muted}>
          {updating ? t('common.loading') : ''}
        </span>
      </div>
      <p className={styles.period} data-testid="indicators-period">
        <strong>{quarterLabel(monitor.quarter.key, i18n.language)}</strong> {t('monitor.indicators.period', { from: fmt.date(ind.from), to: fmt.date(lastDay) })}
      </p>
      {!monitor.viewer.seesMembers && <p className={styles.note}>{t('monitor.indicators.privacyLead')}</p>}
      <div className={styles.indicatorGrid} aria-busy={updating || undefined} data-testid="indicators">
        <div className={styles.block}>
          <GroupAndRegularity ind={ind} />
        </div>
        <div className={styles.block}>
          <Attendance ind={ind} seesMembers={monitor.viewer.seesMembers} />
        </div>
        <IndicatorsVoice ind={ind} seesMembers={monitor.viewer.seesMembers} />
        <IndicatorsAmbition ind={ind} />
        <div className={styles.block}>
          <Time ind={ind} />
        </div>
      </div>
    </Section>
  );
}
