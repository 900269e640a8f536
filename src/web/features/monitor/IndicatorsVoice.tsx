import { useTranslation } from 'react-i18next';
import type { IndicatorsView } from '../../../contracts/monitor';
import { DataTable, Facts, PrivacyNote, Value, useNumbers, useOrgName } from './parts';
import styles from './monitor.module.css';

const kinds = ['harvest', 'input', 'response', 'comment'] as const;
const families = ['members', 'organisations', 'groups'] as const;
type CountRow = IndicatorsView['voice']['perMember'][number];

function CountTable({ rows, caption, header, nameOf }: { rows: CountRow[]; caption: string; header: string; nameOf: (r: CountRow) => string }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col" className={styles.num}>
            {t('monitor.indicators.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{nameOf(r)}</th>
            <td className={styles.num}>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function Voice({ ind, seesMembers }: { ind: IndicatorsView; seesMembers: boolean }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const org = useOrgName();
  const v = ind.voice;
  const even = (x: number | null) => <Value compact value={x} format={(y) => n.decimal(y, 2)} />;
  return (
    <div className={`${styles.block} ${styles.wide}`}>
      <h3 id="ind-voice">{t('monitor.indicators.voice.title')}</h3>
      <Facts
        items={[
          { term: t('monitor.indicators.voice.total'), value: v.total },
          ...kinds.map((k) => ({ term: t(`monitor.indicators.voice.kind.${k}`), value: v.byKind[k] ?? 0 })),
        ]}
      />
      <DataTable caption={t('monitor.indicators.voice.evenness')}>
        <thead>
          <tr>
            <th scope="col">{t('monitor.indicators.voice.among')}</th>
            <th scope="col" className={styles.num}>
              {t('monitor.indicators.voice.all')}
            </th>
            {kinds.map((k) => (
              <th key={k} scope="col" className={styles.num}>
                {t(`monitor.indicators.voice.kind.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {families.map((f) => (
            <tr key={f}>
              <th scope="row">{t(`monitor.indicators.voice.family.${f}`)}</th>
              <td className={styles.num}>{even(v.evenness[f])}</td>
              {kinds.map((k) => (
                <td key={k} className={styles.num}>
                  {even(v.evennessByKind[k]?.[f] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className={styles.muted}>{t('monitor.indicators.voice.evennessHelp')}</p>
      {seesMembers ? (
        v.perMember.length > 0 && <CountTable rows={v.perMember} caption={t('monitor.indicators.voice.perMember')} header={t('monitor.indicators.member')} nameOf={(r) => r.name} />
      ) : (
        <PrivacyNote />
      )}
      {v.perOrganisation.length > 0 && (
        <CountTable rows={v.perOrganisation} caption={t('monitor.indicators.voice.perOrganisation')} header={t('monitor.indicators.organisation')} nameOf={(r) => org(r.name)} />
      )}
      {v.perGroup.length > 0 && (
        <CountTable rows={v.perGroup} caption={t('monitor.indicators.voice.perGroup')} header={t('monitor.indicators.group')} nameOf={(r) => t(`enums.group.${r.key}`, { defaultValue: r.name })} />
      )}
    </div>
  );
}

function Reciprocity({ ind }: { ind: IndicatorsView }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const org = useOrgName();
  const r = ind.reciprocity;
  return (
    <div className={styles.block}>
      <h3 id="ind-reciprocity">{t('monitor.indicators.reciprocity.title')}</h3>
      <p>
        {t('monitor.indicators.reciprocity.index')} <Value value={r.index} format={(x) => n.decimal(x, 2)} />
      </p>
      <p className={styles.muted}>{t('monitor.indicators.reciprocity.help')}</p>
      {r.brings.length > 0 && (
        <DataTable caption={t('monitor.indicators.reciprocity.brings')}>
          <thead>
            <tr>
              <th scope="col">{t('monitor.indicators.organisation')}</th>
              <th scope="col" className={styles.num}>
                {t('monitor.indicators.voice.kind.input')}
              </th>
              <th scope="col" className={styles.num}>
                {t('monitor.indicators.voice.kind.harvest')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.brings.map((b) => (
              <tr key={b.organisationId}>
                <th scope="row">{org(b.name)}</th>
                <td className={styles.num}>{b.input}</td>
                <td className={styles.num}>{b.harvest}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {r.flows.length > 0 ? (
        <DataTable caption={t('monitor.indicators.reciprocity.flows')}>
          <thead>
            <tr>
              <th scope="col">{t('monitor.indicators.reciprocity.from')}</th>
              <th scope="col">{t('monitor.indicators.reciprocity.to')}</th>
              <th scope="col" className={styles.num}>
                {t('monitor.indicators.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.flows.map((f) => (
              <tr key={`${f.from}-${f.to}`}>
                <th scope="row">{org(f.fromName)}</th>
                <td>{org(f.toName)}</td>
                <td className={styles.num}>{f.count}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p className={styles.muted}>{t('monitor.indicators.reciprocity.noFlows')}</p>
      )}
    </div>
  );
}

function Chairing({ ind, seesMembers }: { ind: IndicatorsView; seesMembers: boolean }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const c = ind.chairing;
  return (
    <div className={styles.block}>
      <h3 id="ind-chairing">{t('monitor.conditions.chairing')}</h3>
      <Facts
        items={[
          { term: t('monitor.indicators.chairing.withProgramme'), value: t('monitor.ofCount', { count: c.chairedWithProgramme, of: c.heldMeetings }) },
          { term: t('monitor.indicators.chairing.distinct'), value: c.distinctChairs },
          { term: t('monitor.indicators.chairing.topShare'), value: <Value value={c.topShare} format={n.percent} /> },
        ]}
      />
      {seesMembers ? (
        c.perChair.length > 0 && <CountTable rows={c.perChair} caption={t('monitor.indicators.chairing.perChair')} header={t('monitor.indicators.chairing.chair')} nameOf={(r) => r.name} />
      ) : (
        <PrivacyNote />
      )}
    </div>
  );
}

/** Voice, reciprocity and chairing of one quarter. */
export function IndicatorsVoice({ ind, seesMembers }: { ind: IndicatorsView; seesMembers: boolean }) {
  return (
    <>
      <Voice ind={ind} seesMembers={seesMembers} />
      <Reciprocity ind={ind} />
      <Chairing ind={ind} seesMembers={seesMembers} />
    </>
  );
}
