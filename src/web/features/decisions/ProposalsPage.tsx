import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProposalSummary } from '../../../contracts/decisions';
import { ButtonLink } from '../../ui/Button';
import { Badge, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { PROPOSAL_REFRESH_MS, proposalsQuery } from './api';
import { ProcessBadge, StatusBadge, useClosingText } from './labels';
import { QuorumSetting } from './QuorumSetting';
import styles from './decisions.module.css';

/** What the viewer still has to do: respond, or re-confirm after an amendment. */
function MyTurn({ p }: { p: ProposalSummary }) {
  const { t } = useTranslation();
  if (p.status !== 'open' || p.myResponseState === null) return null;
  if (p.myResponseState === 'current')
    return (
      <span className={styles.done}>
        <span aria-hidden="true">✓ </span>
        {t('decisions.list.youResponded')}
      </span>
    );
  return (
    <Badge tone="warning">
      <span aria-hidden="true">● </span>
      {p.myResponseState === 'needsReconfirmation' ? t('decisions.list.youReconfirm') : t('decisions.list.youRespond')}
    </Badge>
  );
}

function ProposalItem({ p, communityId }: { p: ProposalSummary; communityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const closing = useClosingText();
  const open = p.status === 'open';
  return (
    <li className={`${styles.item} ${open ? styles.itemOpen : ''}`} data-testid="proposal-item">
      <h3 className={styles.itemTitle}>
        <Link to={`/communities/${communityId}/proposals/${p.id}`}>{p.title}</Link>
      </h3>
      <p className={styles.badges}>
        <StatusBadge status={p.status} result={p.result} />
        <ProcessBadge process={p.process} />
        <MyTurn p={p} />
      </p>
      <p className={styles.meta}>
        {open ? closing(p.closesAt) : p.closedAt ? t('decisions.list.closedOn', { date: fmt.dateTime(p.closedAt) }) : null}
        {' · '}
        {t('decisions.standing.responded', { count: p.responded, of: p.participants })}
        {open && p.blocking > 0 && (
          <>
            {' · '}
            <strong className={styles.blockingText}>
              {t(p.process === 'consent' ? 'decisions.list.objections' : 'decisions.list.blocks', { count: p.blocking })}
            </strong>
          </>
        )}
      </p>
      {(p.proposer || p.meeting) && (
        <p className={styles.meta}>
          {p.proposer && t('decisions.list.by', { name: p.proposer.name })}
          {p.proposer && p.meeting && ' · '}
          {p.meeting && t('decisions.list.fromMeeting', { title: p.meeting.title || fmt.date(p.meeting.startsAt) })}
        </p>
      )}
    </li>
  );
}

/** The community's proposals: open ones first (what needs a response), then the closed ones. */
export default function ProposalsPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  // Others' responses change the counts; keep them fresh while the page is open.
  const q = useQuery({ ...proposalsQuery(community.id, 'all'), refetchInterval: PROPOSAL_REFRESH_MS });
  usePageTitle(t('decisions.list.documentTitle', { community: community.name }));
  const list = q.data;
  const open = list?.proposals.filter((p) => p.status === 'open') ?? [];
  const closed = list?.proposals.filter((p) => p.status !== 'open') ?? [];

  return (
    <div className={styles.page}>
      <PageHeader
        title={t('decisions.list.title')}
        lead={t('decisions.list.lead')}
        actions={
          <>
            {list?.mayPropose && (
              <ButtonLink to={`/communities/${community.id}/proposals/new`} data-testid="new-proposal">
                {t('decisions.list.new')}
              </ButtonLink>
            )}
            <ButtonLink variant="secondary" to={`/communities/${community.id}/decisions`} data-testid="decision-log-link">
              {t('decisions.log.link')}
            </ButtonLink>
          </>
        }
      />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError inline error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <section aria-labelledby="open-h" data-testid="open-proposals">
            <h2 id="open-h">{t('decisions.list.open', { count: open.length })}</h2>
            {open.length === 0 ? (
              <EmptyState>{list!.mayPropose ? t('decisions.list.noneOpenPropose') : t('decisions.list.noneOpen')}</EmptyState>
            ) : (
              <ul className={styles.list}>
                {open.map((p) => (
                  <ProposalItem key={p.id} p={p} communityId={community.id} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="closed-h" data-testid="closed-proposals">
            <h2 id="closed-h">{t('decisions.list.closed', { count: closed.length })}</h2>
            {closed.length === 0 ? (
              <EmptyState>{t('decisions.list.noneClosed')}</EmptyState>
            ) : (
              <ul className={styles.list}>
                {closed.map((p) => (
                  <ProposalItem key={p.id} p={p} communityId={community.id} />
                ))}
              </ul>
            )}
          </section>
          <QuorumSetting communityId={community.id} quorum={list!.quorum} mayConfigure={list!.mayConfigure} />
        </>
      )}
    </div>
  );
}
