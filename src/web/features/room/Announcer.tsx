import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roundComplete, speakingTurn } from '../../../contracts/room-state';
import { remainingMs } from './SpeakerCard';
import { useMemberName, useRoom, useServerNow } from './useRoom';

/** Seconds left at which the countdown is announced (0: time is up). */
const THRESHOLDS = [60, 30, 0] as const;

/**
 * What a screen reader hears in the room, politely and only when something changes: a new
 * speaker, a new programme item, pause and resume, and the countdown at a few thresholds, never
 * every second. Nothing is said for what was already so when the page opened.
 */
export function Announcer() {
  const { t } = useTranslation();
  const { state } = useRoom();
  const name = useMemberName();
  const [message, setMessage] = useState('');
  const round = state.round;
  const turn = speakingTurn(round);
  const turnKey = turn ? `${turn.userId}:${turn.firstStartedAt ?? ''}` : round && roundComplete(round) ? 'complete' : '';
  const item = state.items.find((i) => i.id === state.currentItemId);

  const say = (text: string) => setMessage((prev) => (prev === text ? `${text}\u00a0` : text));

  const first = useRef(true);
  const last = useRef({ turnKey, itemId: state.currentItemId, paused: state.paused, closed: state.closedAt });
  useEffect(() => {
    const before = last.current;
    last.current = { turnKey, itemId: state.currentItemId, paused: state.paused, closed: state.closedAt };
    if (first.current) {
      first.current = false;
      return;
    }
    const parts: string[] = [];
    if (before.itemId !== state.currentItemId && item) parts.push(t('room.announce.item', { title: item.title }));
    if (before.turnKey !== turnKey) {
      if (turn) parts.push(turn.absent ? t('room.announce.inputOf', { name: name(turn.userId) }) : t('room.announce.speaker', { name: name(turn.userId) }));
      else if (turnKey === 'complete') parts.push(t('room.announce.complete'));
    }
    if (before.paused !== state.paused) parts.push(state.paused ? t('room.announce.paused') : t('room.announce.resumed'));
    if (!before.closed && state.closedAt) parts.push(t('room.announce.closed'));
    if (parts.length) say(parts.join(' '));
    // Only transitions matter; the texts are read when they happen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [turnKey, state.currentItemId, state.paused, state.closedAt]);

  // The proposal on screen: put on or taken off, a new count of responses, amended, closed.
  const proposal = state.proposal ?? null;
  const responded = proposal?.responses.filter((r) => r.current).length ?? 0;
  const proposalKey = proposal ? `${proposal.id}:${proposal.round}:${proposal.status}` : '';
  const lastProposal = useRef({ key: proposalKey, id: proposal?.id ?? null, responded });
  useEffect(() => {
    const before = lastProposal.current;
    lastProposal.current = { key: proposalKey, id: proposal?.id ?? null, responded };
    if (before.key === proposalKey && before.responded === responded) return;
    if (!proposal) return say(t('room.announce.proposalOff'));
    if (before.id !== proposal.id) return say(t('room.announce.proposalOn', { title: proposal.title }));
    if (before.key !== proposalKey) {
      if (proposal.status === 'open') return say(t('room.announce.proposalAmended'));
      const result = proposal.result ? t(`decisions.result.${proposal.result}`) : t(`decisions.status.${proposal.status}`);
      return say(t('room.announce.proposalClosed', { result }));
    }
    say(t('room.announce.proposalResponses', { count: responded, of: state.members.length }));
    // Only transitions matter; the texts are read when they happen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [proposalKey, responded]);

  // The countdown: one message per threshold crossed during this turn.
  const now = useServerNow(!!round?.runningSince && !!round.turnSeconds);
  const left = remainingMs(round, now);
  const prevLeft = useRef<{ key: string; left: number | null }>({ key: turnKey, left });
  useEffect(() => {
    const prev = prevLeft.current;
    prevLeft.current = { key: turnKey, left };
    if (left === null || prev.key !== turnKey || prev.left === null) return;
    // After a sleeping tab jumps ahead, only the lowest threshold passed is worth saying.
    const crossed = [...THRESHOLDS].reverse().find((s) => prev.left! > s * 1000 && left <= s * 1000);
    if (crossed === undefined) return;
    say(crossed === 0 ? t('room.announce.timeUp') : crossed === 60 ? t('room.announce.minuteLeft') : t('room.announce.secondsLeft', { count: crossed }));
  }, [left, turnKey, t]);

  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="room-announcer">
      {message}
    </div>
  );
}
