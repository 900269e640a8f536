import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DecisionLogEntry } from '../../../contracts/decisions';
import { EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { decisionLogQuery } from './api';
import { ProcessBadge, StatusBadge, useGroupLabel } from './labels';
import { ParticipationTable, usePositionSummary } from './ParticipationTable';
import styles from './decisions.module.css';

function Decision({ d, communityId }: { d: DecisionLogEntry; communityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mf = useMeetingFormat();
  const labels = useGroupLabel();
  const summary = usePositionSummary();
  const hid = `decision-${d.id}-h`;
  const p = d.participation;
  return (
    <li>
      <article aria-labelledby={hid} className={styles.decision} data-testid="decision">
        <h2 id={hid} className={styles.itemTitle}>
          <Link to={`/communities/${communityId}/proposals/${d.id}`}>{d.title}</Link>
        </h2>
        <p className={styles.badges}>
          <StatusBadge status="closed" result={d.result} />
          <ProcessBadge process={d.process} />
        </p>
        <dl className={styles.facts}>
          <div>
            <dt>{t('decisions.log.decidedOn')}</dt>
            <dd>{fmt.date(d.closedAt)}</dd>
          </div>
          {d.proposer && (
            <div>
              <dt>{t('decisions.log.proposer')}</dt>
              <dd>{d.proposer.name}</dd>
            </div>
          )}
          <div>
            <dt>{t('decisions.log.review')}</dt>
            <dd>{d.outcome?.reviewDate ? mf.localDate(d.outcome.reviewDate, 'long') : t('decisions.log.noReview')}</dd>
          </div>
          {d.meeting && (
            <div>
              <dt>{t('decisions.log.meeting')}</dt>
              <dd>
                <Link to={`/communities/${communityId}/meetings/${d.meeting.id}`}>{d.meeting.title || fmt.date(d.meeting.startsAt)}</Link>
              </dd>
            </div>
          )}
        </dl>
        <h3>{d.process === 'advice' ? t('decisions.outcome.adviceTitle') : t('decisions.outcome.title')}</h3>
        {d.outcome ? <p className={styles.text}>{d.outcome.statement}</p> : <p className={styles.empty}>{t('decisions.log.noOutcome')}</p>}
        <h3>{t('decisions.log.participation')}</h3>
        <p>
          {t('decisions.tally.summary', { count: p.responded, of: p.participants })}
          {p.responded > 0 && <> {summary(d.process, p.positions)}.</>}
        </p>
        <div className={styles.twoTables}>
          <ParticipationTable
            process={d.process}
            groups={p.organisations}
            caption={t('decisions.tally.captionOrganisation')}
            groupHeader={t('decisions.tally.organisation')}
            labelOf={(g) => labels.organisation(g.label)}
          />
          <ParticipationTable
            process={d.process}
            groups={p.stakeholderGroups}
            caption={t('decisions.tally.captionGroup')}
            groupHeader={t('decisions.tally.group')}
            labelOf={(g) => labels.group(g.key)}
          />
        </div>
      </article>
    </li>
  );
}

/** Every decision the community took: what, when, with whom, and when to look at it again. */
export default function DecisionLogPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const q = useQuery(decisionLogQuery(community.id));
  usePageTitle(t('decisions.log.documentTitle', { community: community.name }));
  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/communities/${community.id}/proposals`}>
          <span aria-hidden="true">← </span>
          {t('decisions.backToList')}
        </Link>
      </p>
      <PageHeader title={t('decisions.log.title')} lead={t('decisions.log.lead')} />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError inline error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.decisions.length === 0 ? (
        <EmptyState>{t('decisions.log.empty')}</EmptyState>
      ) : (
        <ul className={styles.list} data-testid="decision-log">
          {q.data.decisions.map((d) => (
            <Decision key={d.id} d={d} communityId={community.id} />
          ))}
        </ul>
      )}
    </div>
  );
}
