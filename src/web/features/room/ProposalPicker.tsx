import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Form, SelectField, formStyles } from '../../ui/Form';
import { proposalsQuery } from '../decisions/api';
import { SteerButton } from './SteerButton';
import { usePending, useRoom } from './useRoom';
import styles from './room.module.css';

/**
 * The chair picks one of the community's open proposals and puts it on every screen, or takes the
 * one shown off. Proposals made for this meeting come first.
 */
export function ProposalPicker({ communityId, meetingId, shownId }: { communityId: string; meetingId: string; shownId: string | null }) {
  const { t } = useTranslation();
  const { send, live } = useRoom();
  const q = useQuery(proposalsQuery(communityId, 'open'));
  const pending = usePending((i) => i.kind === 'proposal.show');
  const [choice, setChoice] = useState('');
  const open = (q.data?.proposals ?? [])
    .filter((p) => p.status === 'open')
    .sort((a, b) => Number(b.meeting?.id === meetingId) - Number(a.meeting?.id === meetingId));
  const others = open.filter((p) => p.id !== shownId);
  const selected = others.some((p) => p.id === choice) ? choice : (others[0]?.id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (selected && live && !pending) send({ kind: 'proposal.show', proposalId: selected });
  };

  return (
    <div className={styles.chairBar} data-testid="room-proposal-picker">
      <p className={styles.chairBarTitle}>{t('room.proposal.chairTitle')}</p>
      {q.isError ? (
        <p className={styles.muted}>{t('room.proposal.loadFailed')}</p>
      ) : others.length === 0 ? (
        <p className={styles.muted}>
          {q.isPending ? t('common.loading') : shownId ? t('room.proposal.noOtherOpen') : t('room.proposal.noneOpen')}{' '}
          <Link to={`/communities/${communityId}/proposals/new?meetingId=${encodeURIComponent(meetingId)}`} target="_blank" rel="noopener">
            {t('room.proposal.make')}
            <span className="sr-only"> {t('room.proposal.newWindow')}</span>
          </Link>
        </p>
      ) : (
        <Form onSubmit={submit} className={styles.inlineForm}>
          <SelectField label={t('room.proposal.choose')} value={selected} onChange={(e) => setChoice(e.target.value)} data-testid="room-proposal-select">
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.meeting?.id === meetingId ? t('room.proposal.forThisMeeting', { title: p.title }) : p.title}
              </option>
            ))}
          </SelectField>
          <div className={formStyles.actions}>
            <SteerButton type="submit" variant="secondary" unavailable={!live || pending || !selected} data-testid="room-proposal-show">
              {shownId ? t('room.proposal.showInstead') : t('room.proposal.show')}
            </SteerButton>
          </div>
        </Form>
      )}
      {shownId && (
        <div>
          <SteerButton
            variant="secondary"
            size="small"
            unavailable={!live || pending}
            onClick={() => send({ kind: 'proposal.show', proposalId: null })}
            data-testid="room-proposal-hide"
          >
            {t('room.proposal.hide')}
          </SteerButton>
        </div>
      )}
    </div>
  );
}
