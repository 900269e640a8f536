import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { acceptsResponses, type Position } from '../../../contracts/decision-rules';
import type { RoomProposal } from '../../../contracts/room-state';
import { proposalsQuery } from '../decisions/api';
import { ProcessBadge, StatusBadge, useClosingText, useGroupLabel } from '../decisions/labels';
import { ResponseForm } from '../decisions/ResponseForm';
import { Responses } from '../decisions/Responses';
import { StandingText } from '../decisions/Standing';
import { ProposalPicker } from './ProposalPicker';
import { proposalView } from './proposalView';
import { useRoom, useRoomRights, useServerNow } from './useRoom';
import styles from './room.module.css';

function OnScreen({ proposal, communityId }: { proposal: RoomProposal; communityId: string }) {
  const { t } = useTranslation();
  const { state, me } = useRoom();
  const labels = useGroupLabel();
  const closing = useClosingText();
  // The quorum is the community's; the open proposals list carries it (the default until it loads).
  const list = useQuery({ ...proposalsQuery(communityId, 'open'), retry: false });
  const quorum = proposal.quorum ?? list.data?.quorum ?? 'groups';
  // The clock matters only for a closing time (the responses themselves arrive as events).
  const now = new Date(useServerNow(proposal.status === 'open' && proposal.closesAt !== null)).toISOString();
  const view = useMemo(
    () => proposalView(proposal, state.members, { quorum, now, groupLabel: labels.group }),
    [proposal, state.members, quorum, now, labels],
  );
  const mine = proposal.responses.find((r) => r.userId === me.userId);
  const mayRespond =
    me.participant &&
    state.members.some((m) => m.userId === me.userId) &&
    (proposal.participantIds?.includes(me.userId) ?? true) &&
    acceptsResponses(proposal, now) &&
    state.closedAt === null;

  return (
    <div className={styles.proposal}>
      <div className={styles.proposalHead}>
        <p className={styles.buttons}>
          <StatusBadge status={proposal.status} result={proposal.result} />
          <ProcessBadge process={proposal.process} />
        </p>
        <h3 className={styles.proposalTitle} data-testid="room-proposal-title">
          {proposal.title}
        </h3>
        <p className={styles.muted}>
          {closing(proposal.closesAt, proposal.status)}
          {proposal.round > 1 && <> · {t('decisions.proposal.wording', { round: proposal.round })}</>}
          {' · '}
          <Link to={`/communities/${communityId}/proposals/${proposal.id}`} target="_blank" rel="noopener">
            {t('room.proposal.openPage')}
            <span className="sr-only"> {t('room.proposal.newWindow')}</span>
          </Link>
        </p>
      </div>
      <p className={styles.proposalBody}>{proposal.body}</p>
      <StandingText facts={view.facts} large />
      {mayRespond && (
        <div className={styles.proposalRespond}>
          <ResponseForm
            proposalId={proposal.id}
            process={proposal.process}
            round={proposal.round}
            mine={mine ? { ...mine, position: mine.position as Position } : null}
            headingLevel={3}
          />
        </div>
      )}
      <h3>{t('room.proposal.responses')}</h3>
      <Responses process={proposal.process} rows={view.rows} tally={view.tally} large />
    </div>
  );
}

/**
 * A proposal on every screen of the room: its text, where it stands, and the responses by
 * organisation and stakeholder group. Participants respond right here; the chair puts it on screen
 * or takes it off.
 */
export function ProposalPanel({ communityId, meetingId }: { communityId: string; meetingId: string }) {
  const { t } = useTranslation();
  const { state } = useRoom();
  const { drives } = useRoomRights();
  const proposal = state.proposal ?? null;
  if (!proposal && !drives) return null;
  return (
    <section aria-labelledby="room-proposal-h" className={`${styles.panel} ${proposal ? styles.proposalPanel : ''}`} data-testid="room-proposal">
      <h2 id="room-proposal-h">{t('room.proposal.title')}</h2>
      {drives && <ProposalPicker communityId={communityId} meetingId={meetingId} shownId={proposal?.id ?? null} />}
      {proposal ? <OnScreen proposal={proposal} communityId={communityId} /> : <p className={styles.muted}>{t('room.proposal.none')}</p>}
    </section>
  );
}
