import { useTranslation } from 'react-i18next';
import type { IndicatorsView } from '../../../contracts/monitor';
import { useFormat } from '../../lib/format';
import { DataTable, Facts, Value, useNumbers } from './parts';
import styles from './monitor.module.css';

function Ambition({ ind }: { ind: IndicatorsView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = useNumbers();
  const a = ind.ambition;
  const yesNo = (b: boolean) => (b ? t('monitor.yes') : t('monitor.no'));
  const endProduct = !a.endProductSet
    ? t('monitor.indicators.ambition.endProductNotSet')
    : a.endProductDescribed
      ? t('monitor.indicators.ambition.endProductDescribed', { count: a.endProductWords })
      : t('monitor.indicators.ambition.endProductVague', { count: a.endProductWords });
  return (
    <div className={styles.block}>
      <h3 id="ind-ambition">{t('monitor.indicators.ambition.title')}</h3>
      <Facts
        items={[
          { term: t('monitor.indicators.ambition.question'), value: yesNo(a.questionSet) },
          { term: t('monitor.indicators.ambition.ambition'), value: yesNo(a.ambitionSet) },
          { term: t('monitor.indicators.ambition.ambitionRevised'), value: <Value value={a.ambitionRevisedAt} format={fmt.date} /> },
          { term: t('monitor.indicators.ambition.endProduct'), value: endProduct },
          { term: t('monitor.indicators.ambition.endProductRevised'), value: <Value value={a.endProductRevisedAt} format={fmt.date} /> },
          { term: t('monitor.indicators.ambition.agendaItems'), value: t('monitor.ofCount', { count: a.agendaItemsReferring, of: a.agendaItems }) },
          { term: t('monitor.indicators.ambition.proposals'), value: t('monitor.ofCount', { count: a.proposalsReferring, of: a.proposals }) },
          { term: t('monitor.indicators.ambition.referring'), value: <Value value={a.referringShare} format={n.percent} /> },
        ]}
      />
      <p className={styles.muted}>{t('monitor.indicators.ambition.help')}</p>
    </div>
  );
}

function CheckOuts({ ind }: { ind: IndicatorsView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = useNumbers();
  const c = ind.checkOuts;
  return (
    <div className={styles.block}>
      <h3 id="ind-checkouts">{t('monitor.indicators.checkOuts.title')}</h3>
      <p>
        {t('monitor.indicators.checkOuts.mean')} <Value value={c.mean} format={(m) => t('monitor.outOfFive', { mean: n.decimal(m) })} />{' '}
        <span className={styles.muted}>({t('monitor.indicators.checkOuts.count', { count: c.count })})</span>
      </p>
      {c.perMeeting.length > 0 && (
        <DataTable caption={t('monitor.indicators.checkOuts.perMeeting')}>
          <thead>
            <tr>
              <th scope="col">{t('monitor.indicators.checkOuts.meeting')}</th>
              <th scope="col" className={styles.num}>
                {t('monitor.indicators.checkOuts.meanCol')}
              </th>
              <th scope="col" className={styles.num}>
                {t('monitor.indicators.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.perMeeting.map((m) => (
              <tr key={m.meetingId}>
                <th scope="row">{fmt.date(m.date)}</th>
                <td className={styles.num}>{n.decimal(m.mean)}</td>
                <td className={styles.num}>{m.count}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}

/** Ambition and end product, and the check-outs of one quarter. */
export function IndicatorsAmbition({ ind }: { ind: IndicatorsView }) {
  return (
    <>
      <Ambition ind={ind} />
      <CheckOuts ind={ind} />
    </>
  );
}
