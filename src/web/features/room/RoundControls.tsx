import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roundComplete, speakingTurn, type RoomIntent } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { Form, TextField, formStyles } from '../../ui/Form';
import { SteerButton } from './SteerButton';
import { TURN_SECONDS_MAX } from './limits';
import { useMemberName, usePending, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

const STEER: ReadonlySet<RoomIntent['kind']> = new Set(['round.start', 'turn.next', 'turn.previous', 'turn.pass', 'room.pause', 'room.resume']);

function StartRound() {
  const { t } = useTranslation();
  const { send, live } = useRoom();
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | undefined>();
  const starting = usePending((i) => i.kind === 'round.start');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = minutes.trim().replace(',', '.');
    const seconds = value === '' ? null : Math.round(Number(value) * 60);
    if (seconds !== null && (!Number.isFinite(seconds) || seconds < 10 || seconds > TURN_SECONDS_MAX)) {
      setError(t('room.round.minutesInvalid', { max: TURN_SECONDS_MAX / 60 }));
      return;
    }
    setError(undefined);
    send({ kind: 'round.start', turnSeconds: seconds });
  };
  return (
    <Form onSubmit={submit} className={styles.inlineForm}>
      <TextField
        label={t('room.round.minutesLabel')}
        description={t('room.round.minutesHint')}
        optional
        inputMode="decimal"
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={error}
        className={`${formStyles.input} ${styles.narrowInput}`}
      />
      <Button type="submit" disabled={!live || starting} data-testid="room-start-round">
        {t('room.round.start')}
      </Button>
    </Form>
  );
}

/**
 * The chair's buttons for the round and the meeting's pace. Shown to the chair only; everyone
 * else sees the same room without them (and the server refuses their intents anyway).
 */
export function RoundControls() {
  const { t } = useTranslation();
  const { state, me, send, live } = useRoom();
  const { drives, mayTakeChair } = useRoomRights();
  const name = useMemberName();
  const busy = usePending((i) => STEER.has(i.kind));
  const taking = usePending((i) => i.kind === 'chair.handOver');
  const headingId = useId();
  const group = useRef<HTMLDivElement>(null);
  // The start form goes away once the round runs: the focus moves on to "next turn" instead of getting lost.
  const started = !!state.round;
  const wasStarted = useRef(started);
  useEffect(() => {
    if (started && !wasStarted.current && (document.activeElement === document.body || !document.activeElement)) {
      group.current?.querySelector<HTMLElement>('[data-testid=room-next-turn]')?.focus();
    }
    wasStarted.current = started;
  }, [started]);

  // While nobody holds the chair, whoever may take it already drives; taking it tells the others.
  const take = mayTakeChair && (
    <div className={styles.takeChair} data-testid="room-take-chair">
      <p className={styles.tight}>{t('room.chair.none')}</p>
      <Button variant="secondary" size="small" disabled={!live || taking} onClick={() => send({ kind: 'chair.handOver', userId: me.userId })}>
        {t('room.chair.take')}
      </Button>
    </div>
  );
  if (!drives) {
    return (
      <p className={styles.muted} data-testid="room-chair-name">
        {state.chairUserId ? t('room.chair.is', { name: name(state.chairUserId) }) : t('room.chair.noneYet')}
      </p>
    );
  }

  const round = state.round;
  const turn = speakingTurn(round);
  const anySettled = round?.turns.some((x) => x.status === 'spoke' || x.status === 'passed') ?? false;
  const canNext = !!round && (!!turn || !roundComplete(round));
  return (
    <div ref={group} role="group" aria-labelledby={headingId} className={styles.chairBar} data-testid="room-chair-controls">
      <p id={headingId} className={styles.chairBarTitle}>
        {t('room.chair.controls')}
      </p>
      {take}
      {!round ? (
        <StartRound />
      ) : (
        <div className={styles.buttons}>
          <SteerButton variant="secondary" unavailable={!live || busy || !anySettled} onClick={() => send({ kind: 'turn.previous' })}>
            <span aria-hidden="true">‹ </span>
            {t('room.chair.previousTurn')}
          </SteerButton>
          <SteerButton unavailable={!live || busy || !canNext} onClick={() => send({ kind: 'turn.next' })} data-testid="room-next-turn">
            {t('room.chair.nextTurn')}
            <span aria-hidden="true"> ›</span>
          </SteerButton>
          <SteerButton variant="secondary" unavailable={!live || busy || !turn} onClick={() => turn && send({ kind: 'turn.pass', userId: turn.userId })}>
            {turn ? t('room.chair.passFor', { name: name(turn.userId) }) : t('room.chair.pass')}
          </SteerButton>
        </div>
      )}
      <div className={styles.buttons}>
        {/* One button that changes its words, so the focus stays on it. */}
        <SteerButton variant="secondary" unavailable={!live || busy} onClick={() => send({ kind: state.paused ? 'room.resume' : 'room.pause' })} data-testid="room-pause">
          {state.paused ? t('room.chair.resume') : t('room.chair.pause')}
        </SteerButton>
      </div>
    </div>
  );
}
