import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionProcess, Position } from '../../../contracts/decision-rules';
import { Badge } from '../../ui/Page';
import { formStyles } from '../../ui/Form';
import { PositionBadge, useGroupLabel } from './labels';
import { ParticipationTable, usePositionSummary, type GroupTally, type Tally } from './ParticipationTable';
import styles from './decisions.module.css';

export interface Person {
  userId: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
  stakeholderGroup: string;
}

export interface ResponseRow extends Person {
  position: Position;
  reason: string;
  /** False: it answers an earlier wording and needs re-confirmation. */
  current: boolean;
}

type Grouping = 'organisation' | 'group';

/**
 * Everyone's responses, grouped by organisation or by stakeholder group (a choice), with the
 * participation per group as a table. `missing` (for the proposer and the chair) adds who has not
 * responded yet to each group.
 */
export function Responses({
  process,
  rows,
  tally,
  missing,
  large,
}: {
  process: DecisionProcess;
  rows: ResponseRow[];
  tally: Tally;
  missing?: Person[] | null;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const labels = useGroupLabel();
  const summary = usePositionSummary();
  const [grouping, setGrouping] = useState<Grouping>('organisation');
  const byOrg = grouping === 'organisation';
  const groups = byOrg ? tally.organisations : tally.stakeholderGroups;
  const keyOf = (p: Person) => (byOrg ? (p.organisationId ?? '') : p.stakeholderGroup);
  const labelOf = (g: GroupTally) => (byOrg ? labels.organisation(g.label) : labels.group(g.key));
  const answered = new Set(rows.map((r) => r.userId));
  const waiting = (missing ?? []).filter((m) => !answered.has(m.userId));
  const known = new Set(groups.map((g) => g.key));
  const strays = rows.filter((r) => !known.has(keyOf(r)));

  return (
    <div className={`${styles.responses} ${large ? styles.large : ''}`} data-testid="responses">
      <fieldset className={`${formStyles.fieldset} ${styles.toggle}`}>
        <legend className={formStyles.legend}>{t('decisions.responses.groupBy')}</legend>
        {(['organisation', 'group'] as const).map((g) => (
          <div key={g} className={formStyles.check}>
            <input id={`${id}-${g}`} type="radio" name={`${id}-grouping`} checked={grouping === g} onChange={() => setGrouping(g)} data-testid={`group-by-${g}`} />
            <label htmlFor={`${id}-${g}`}>{t(`decisions.responses.by.${g}`)}</label>
          </div>
        ))}
      </fieldset>
      <p className={styles.tight}>
        {t('decisions.tally.summary', { count: tally.responded, of: tally.participants })}
        {tally.responded > 0 && <> {summary(process, tally.positions)}.</>}
      </p>
      <ParticipationTable
        process={process}
        groups={groups}
        total={tally}
        caption={t(byOrg ? 'decisions.tally.captionOrganisation' : 'decisions.tally.captionGroup')}
        groupHeader={t(byOrg ? 'decisions.tally.organisation' : 'decisions.tally.group')}
        labelOf={labelOf}
      />
      {rows.length === 0 && waiting.length === 0 ? (
        <p className={styles.empty}>{t('decisions.responses.none')}</p>
      ) : (
        <div className={styles.tableScroll} tabIndex={0} role="group" aria-label={t(byOrg ? 'decisions.responses.captionOrganisation' : 'decisions.responses.captionGroup')}>
          <table className={styles.table} data-testid="responses-table">
            <caption className={styles.caption}>{t(byOrg ? 'decisions.responses.captionOrganisation' : 'decisions.responses.captionGroup')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('decisions.responses.name')}</th>
                <th scope="col">{t(byOrg ? 'decisions.tally.group' : 'decisions.tally.organisation')}</th>
                <th scope="col">{t('decisions.responses.position')}</th>
                <th scope="col">{t('decisions.responses.reason')}</th>
              </tr>
            </thead>
            {[...groups, ...(strays.length ? [{ key: '\u0000', label: t('decisions.responses.elsewhere'), participants: 0, responded: 0, positions: {} }] : [])].map((g) => {
              const members = g.key === '\u0000' ? strays : rows.filter((r) => keyOf(r) === g.key);
              const silent = waiting.filter((m) => keyOf(m) === g.key);
              if (members.length === 0 && silent.length === 0) return null;
              return (
                <tbody key={g.key}>
                  <tr className={styles.groupRow}>
                    <th scope="rowgroup" colSpan={4}>
                      {g.key === '\u0000' ? g.label : labelOf(g)}
                      {g.key !== '\u0000' && <span className={styles.groupCount}> · {t('decisions.tally.ofCount', { count: g.responded, of: g.participants })}</span>}
                    </th>
                  </tr>
                  {members.map((r) => (
                    <tr key={r.userId} className={r.current ? undefined : styles.stale} data-testid="response-row">
                      <th scope="row">{r.name}</th>
                      <td>{byOrg ? labels.group(r.stakeholderGroup) : labels.organisation(r.organisationName)}</td>
                      <td>
                        <PositionBadge position={r.position} />
                        {!r.current && (
                          <span className={styles.reconfirm}>
                            <Badge tone="warning">
                              <span aria-hidden="true">↻ </span>
                              {t('decisions.responses.needsReconfirmation')}
                            </Badge>
                          </span>
                        )}
                      </td>
                      <td className={styles.text}>{r.reason || <span className={styles.muted}>{t('decisions.responses.noReason')}</span>}</td>
                    </tr>
                  ))}
                  {silent.map((m) => (
                    <tr key={m.userId} className={styles.stale}>
                      <th scope="row">{m.name}</th>
                      <td>{byOrg ? labels.group(m.stakeholderGroup) : labels.organisation(m.organisationName)}</td>
                      <td colSpan={2}>
                        <em>{t('decisions.responses.notYet')}</em>
                      </td>
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </div>
  );
}
