import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../contracts/decisions';
import { Card, Loading, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { proposalQuery } from './api';
import { Discussion } from './Discussion';
import { History } from './History';
import { ProcessBadge, StatusBadge, useClosingText, useGroupLabel } from './labels';
import { Outcome } from './Outcome';
import { ProposerActions } from './ProposerActions';
import { ResponseForm } from './ResponseForm';
import { Responses } from './Responses';
import { StandingText, factsOf } from './Standing';
import { StewardPanel } from './StewardPanel';
import styles from './decisions.module.css';

/** Says politely when responses come in or the proposal closes while the page is open. */
function useChangeAnnouncement(p: Proposal | undefined) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const last = useRef<{ id: string; responded: number; status: string } | null>(null);
  const responded = p?.participation.responded ?? 0;
  const status = p?.status ?? '';
  const id = p?.id ?? '';
  const total = p?.participation.participants ?? 0;
  useEffect(() => {
    const before = last.current;
    last.current = id ? { id, responded, status } : null;
    if (!before || before.id !== id) return;
    if (before.status !== status) setMessage(t(`decisions.announce.${status === 'closed' ? 'closed' : status === 'withdrawn' ? 'withdrawn' : 'reopened'}`));
    else if (before.responded !== responded) setMessage(t('decisions.announce.responded', { count: responded, of: total }));
  }, [id, responded, status, total, t]);
  return message;
}

function Header({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const closing = useClosingText();
  const community = useCommunity();
  return (
    <div className={styles.proposalHeader}>
      <p className={styles.back}>
        <Link to={`/communities/${community.id}/proposals`}>
          <span aria-hidden="true">← </span>
          {t('decisions.backToList')}
        </Link>
      </p>
      <p className={styles.badges}>
        <StatusBadge status={proposal.status} result={proposal.result} />
        <ProcessBadge process={proposal.process} />
      </p>
      <h1 id="proposal-h" tabIndex={-1} className={styles.h1}>
        {proposal.title}
      </h1>
      <p className={styles.meta}>
        {proposal.proposer ? t('decisions.proposal.by', { name: proposal.proposer.name, date: fmt.dateTime(proposal.createdAt) }) : fmt.dateTime(proposal.createdAt)}
        {' · '}
        {closing(proposal.closesAt, proposal.status)}
        {proposal.round > 1 && <> · {t('decisions.proposal.wording', { round: proposal.round })}</>}
      </p>
      {proposal.meeting && (
        <p className={styles.meta}>
          {t('decisions.proposal.meeting')}{' '}
          <Link to={`/communities/${community.id}/meetings/${proposal.meeting.id}`}>{proposal.meeting.title || fmt.date(proposal.meeting.startsAt)}</Link>
          {proposal.meeting.title && <> ({fmt.date(proposal.meeting.startsAt)})</>}
        </p>
      )}
    </div>
  );
}

function ProposalView({ proposal, onReload }: { proposal: Proposal; onReload: () => void }) {
  const { t } = useTranslation();
  const labels = useGroupLabel();
  const announcement = useChangeAnnouncement(proposal);
  const open = proposal.status === 'open';
  return (
    <div className={styles.page} data-testid="proposal">
      <Header proposal={proposal} />
      <section aria-labelledby="standing-h" className={styles.section}>
        <h2 id="standing-h" className="sr-only">
          {t('decisions.standing.title')}
        </h2>
        <StandingText facts={factsOf(proposal, labels.group)} />
      </section>
      <Card aria-labelledby="text-h">
        <h2 id="text-h">{t('decisions.proposal.text')}</h2>
        <p className={styles.text} data-testid="proposal-text">
          {proposal.body}
        </p>
        {proposal.background && (
          <>
            <h3>{t('decisions.proposal.background')}</h3>
            <p className={styles.text}>{proposal.background}</p>
          </>
        )}
        <h3>{t('decisions.proposal.how')}</h3>
        <p className={styles.tight}>{t(`decisions.process.${proposal.process}.explain`)}</p>
      </Card>
      <Outcome proposal={proposal} onReload={onReload} />
      {open && proposal.rights.respond && (
        <Card>
          <ResponseForm
            proposalId={proposal.id}
            process={proposal.process}
            round={proposal.round}
            mine={proposal.myResponse}
            lastNote={proposal.revisions[proposal.revisions.length - 1]?.note}
          />
        </Card>
      )}
      {open && !proposal.rights.respond && (
        <p className={styles.muted}>{proposal.standing.closingTimePassed ? t('decisions.respond.timeUp') : t('decisions.respond.readOnly')}</p>
      )}
      {open && proposal.rights.steward && <StewardPanel proposal={proposal} onReload={onReload} />}
      <ProposerActions proposal={proposal} onReload={onReload} />
      <Card aria-labelledby="responses-h">
        <h2 id="responses-h">{t('decisions.responses.title')}</h2>
        <Responses
          process={proposal.process}
          rows={proposal.responses}
          tally={proposal.participation}
          missing={open ? proposal.missing : null}
        />
      </Card>
      <History proposal={proposal} />
      <Discussion proposal={proposal} />
      <p className="sr-only" aria-live="polite" data-testid="proposal-announcer">
        {announcement}
      </p>
    </div>
  );
}

export default function ProposalPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const { proposalId = '' } = useParams();
  const q = useQuery(proposalQuery(proposalId));
  usePageTitle(q.data ? t('decisions.proposal.documentTitle', { title: q.data.title, community: community.name }) : undefined);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <ProposalView proposal={q.data} onReload={() => void q.refetch()} />;
}
