import { useTranslation } from 'react-i18next';
import { positionsByProcess, type DecisionProcess, type Position } from '../../../contracts/decision-rules';
import styles from './decisions.module.css';

/** One group's part in a decision (an organisation or a stakeholder group). */
export interface GroupTally {
  key: string;
  label: string;
  participants: number;
  responded: number;
  positions: Partial<Record<Position, number>>;
}

export interface Tally {
  participants: number;
  responded: number;
  positions: Partial<Record<Position, number>>;
  organisations: GroupTally[];
  stakeholderGroups: GroupTally[];
}

/** "3 Eens, 1 Zorgen" in words, for summaries and screen readers. */
export function usePositionSummary() {
  const { t } = useTranslation();
  return (process: DecisionProcess, positions: Partial<Record<Position, number>>) =>
    (positionsByProcess[process] as readonly Position[])
      .filter((p) => (positions[p] ?? 0) > 0)
      .map((p) => t('decisions.tally.positionCount', { count: positions[p], position: t(`decisions.position.${p}.label`) }))
      .join(', ');
}

/**
 * Who took part, per organisation or per stakeholder group: responded of how many, and with which
 * positions. A table, so the numbers are read the same with or without sight.
 */
export function ParticipationTable({
  process,
  groups,
  total,
  caption,
  groupHeader,
  labelOf,
}: {
  process: DecisionProcess;
  groups: GroupTally[];
  total?: Pick<Tally, 'participants' | 'responded' | 'positions'>;
  caption: string;
  groupHeader: string;
  labelOf: (g: GroupTally) => string;
}) {
  const { t } = useTranslation();
  const positions = positionsByProcess[process] as readonly Position[];
  return (
    <div className={styles.tableScroll} tabIndex={0} role="group" aria-label={caption}>
      <table className={styles.table} data-testid="participation-table">
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col">{t('decisions.tally.responded')}</th>
            {positions.map((p) => (
              <th key={p} scope="col" className={styles.num}>
                {t(`decisions.position.${p}.label`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{labelOf(g)}</th>
              <td>{t('decisions.tally.ofCount', { count: g.responded, of: g.participants })}</td>
              {positions.map((p) => (
                <td key={p} className={styles.num}>
                  {g.positions[p] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr>
              <th scope="row">{t('decisions.tally.total')}</th>
              <td>{t('decisions.tally.ofCount', { count: total.responded, of: total.participants })}</td>
              {positions.map((p) => (
                <td key={p} className={styles.num}>
                  {total.positions[p] ?? 0}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
