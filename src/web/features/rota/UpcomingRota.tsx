import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Rota } from '../../../contracts/meetings';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { Form, FormAlert, SelectField, formStyles } from '../../ui/Form';
import { Badge, EmptyState } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { focusSoon } from '../agenda/focus';
import { useAssignChair, useSkipTurn, useSwapChair } from './api';
import styles from './rota.module.css';

type Turn = Rota['upcoming'][number];

function SwapForm({ rota, turn, communityId, onClose }: { rota: Rota; turn: Turn; communityId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const swap = useSwapChair(communityId);
  const others = rota.upcoming.filter((u) => u.meetingId !== turn.meetingId);
  const [other, setOther] = useState(others[0]?.meetingId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (other) swap.mutate({ meetingId: turn.meetingId, otherMeetingId: other }, { onSuccess: onClose });
  };
  return (
    <Form onSubmit={submit}>
      <p>{t('rota.swap.lead', { name: turn.chair?.name ?? t('rota.nobody') })}</p>
      <FormAlert error={swap.error} />
      <SelectField label={t('rota.swap.with')} value={other} onChange={(e) => setOther(e.target.value)}>
        {others.map((u) => (
          <option key={u.meetingId} value={u.meetingId}>
            {t('rota.swap.option', { date: fmt.localDate(u.localDate, 'long'), name: u.chair?.name ?? t('rota.nobody') })}
          </option>
        ))}
      </SelectField>
      <div className={formStyles.actions}>
        <Button type="submit" disabled={swap.isPending || !other}>
          {swap.isPending ? t('common.working') : t('rota.swap.confirm')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

function AssignForm({ rota, turn, communityId, onClose }: { rota: Rota; turn: Turn; communityId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const assign = useAssignChair(communityId);
  const [userId, setUserId] = useState(turn.chair?.userId ?? rota.members[0]?.userId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (userId) assign.mutate({ meetingId: turn.meetingId, userId }, { onSuccess: onClose });
  };
  return (
    <Form onSubmit={submit}>
      <p>{t('rota.assign.lead')}</p>
      <FormAlert error={assign.error} />
      <SelectField label={t('rota.assign.who')} value={userId} onChange={(e) => setUserId(e.target.value)}>
        {rota.members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {t('rota.assign.option', { name: m.name, count: m.turnsTaken + m.turnsPlanned }) + (m.willing ? '' : ` – ${t('rota.assign.notWilling')}`)}
          </option>
        ))}
      </SelectField>
      <div className={formStyles.actions}>
        <Button type="submit" disabled={assign.isPending || !userId}>
          {assign.isPending ? t('common.working') : t('rota.assign.confirm')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** The coming meetings and who chairs each, with skip, swap and (for managers) assign. */
export function UpcomingRota({ rota, communityId, myId }: { rota: Rota; communityId: string; myId: string | undefined }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const skip = useSkipTurn(communityId);
  const [skipping, setSkipping] = useState<Turn | null>(null);
  const [swapping, setSwapping] = useState<Turn | null>(null);
  const [assigning, setAssigning] = useState<Turn | null>(null);
  const rotating = rota.mode === 'rotating';
  // Closing the <dialog> hands focus back to the button that opened it, or to the section heading
  // when that button is gone (a new chair no longer offers "skip my turn").
  const closeSwap = () => {
    if (swapping) focusSoon(`swap-${swapping.meetingId}`, 'upcoming-h');
    setSwapping(null);
  };
  const closeAssign = () => {
    if (assigning) focusSoon(`assign-${assigning.meetingId}`, 'upcoming-h');
    setAssigning(null);
  };
  const base = `/communities/${communityId}`;

  return (
    <section aria-labelledby="upcoming-h">
      <h2 id="upcoming-h" tabIndex={-1}>{t('rota.upcoming.title')}</h2>
      {rota.upcoming.length === 0 ? (
        <>
          <EmptyState>{t('rota.upcoming.empty')}</EmptyState>
          {rota.canManage && (
            <ButtonLink to={`${base}/meetings/new`} variant="secondary">
              {t('rota.upcoming.plan')}
            </ButtonLink>
          )}
        </>
      ) : (
        <ul className={styles.turns} data-testid="rota-upcoming">
          {rota.upcoming.map((u) => {
            const date = fmt.localDate(u.localDate, 'long');
            const mine = !!myId && u.chair?.userId === myId;
            const canSwap = rotating && (mine || rota.canManage) && rota.upcoming.length > 1;
            const canSkip = rotating && !!u.chair && (mine || rota.canManage);
            return (
              <li key={u.meetingId} className={styles.turn} data-testid="rota-turn">
                <div className={styles.turnInfo}>
                  <Link to={`${base}/meetings/${u.meetingId}`} className={styles.turnDate}>
                    {fmt.localDate(u.localDate)}
                  </Link>
                  <span>
                    {t('rota.upcoming.chair')}: <strong>{u.chair?.name ?? t('rota.nobody')}</strong>
                    {mine && <> ({t('rota.you')})</>}
                  </span>
                  <span className={styles.badges}>
                    {mine && <Badge tone="primary">{t('rota.upcoming.yourTurn')}</Badge>}
                    {u.pinned && <Badge>{t('rota.upcoming.pinned')}</Badge>}
                  </span>
                  {u.skipped.length > 0 && <span className={styles.sub}>{t('rota.upcoming.skipped', { names: u.skipped.map((p) => p.name).join(', ') })}</span>}
                </div>
                <div className={styles.turnActions}>
                  {canSkip && (
                    <Button
                      id={`skip-${u.meetingId}`}
                      variant="secondary"
                      size="small"
                      onClick={() => {
                        skip.reset();
                        setSkipping(u);
                      }}
                      aria-label={mine ? t('rota.skip.mineLabel', { date }) : t('rota.skip.label', { date })}
                    >
                      {mine ? t('rota.skip.mine') : t('rota.skip.button')}
                    </Button>
                  )}
                  {canSwap && (
                    <Button id={`swap-${u.meetingId}`} variant="secondary" size="small" onClick={() => setSwapping(u)} aria-label={t('rota.swap.label', { date })}>
                      {t('rota.swap.button')}
                    </Button>
                  )}
                  {rota.canManage && (
                    <Button id={`assign-${u.meetingId}`} variant="secondary" size="small" onClick={() => setAssigning(u)} aria-label={t('rota.assign.label', { date })}>
                      {t('rota.assign.button')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={!!skipping}
        danger={false}
        title={t('rota.skip.title', { date: skipping ? fmt.localDate(skipping.localDate, 'long') : '' })}
        confirmLabel={t('rota.skip.confirm')}
        pending={skip.isPending}
        onCancel={() => setSkipping(null)}
        onConfirm={() =>
          skipping &&
          skip.mutate(skipping.meetingId, {
            onSuccess: () => {
              setSkipping(null);
              focusSoon(`skip-${skipping.meetingId}`, 'upcoming-h');
            },
          })
        }
        error={<FormAlert error={skip.error} />}
      >
        <p>{t('rota.skip.body')}</p>
      </ConfirmDialog>
      <Dialog open={!!swapping} onClose={closeSwap} title={swapping ? t('rota.swap.title', { date: fmt.localDate(swapping.localDate, 'long') }) : ''}>
        {swapping && <SwapForm key={swapping.meetingId} rota={rota} turn={swapping} communityId={communityId} onClose={closeSwap} />}
      </Dialog>
      <Dialog open={!!assigning} onClose={closeAssign} title={assigning ? t('rota.assign.title', { date: fmt.localDate(assigning.localDate, 'long') }) : ''}>
        {assigning && <AssignForm key={assigning.meetingId} rota={rota} turn={assigning} communityId={communityId} onClose={closeAssign} />}
      </Dialog>
    </section>
  );
}
