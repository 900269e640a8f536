import { useTranslation } from 'react-i18next';
import { currentTurnMs, roundComplete, speakingTurn, type Round } from '../../../contracts/room-state';
import { Badge } from '../../ui/Page';
import { useMemberName, useRoom, useServerNow } from './useRoom';
import styles from './room.module.css';

/** "4:05" for a length of time in ms (whole seconds, rounded up while counting down). */
export function clock(ms: number, roundUp = false): string {
  const total = Math.max(0, roundUp ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Milliseconds left in the speaking turn (negative when over time), or null without a time per turn. */
export function remainingMs(round: Round | null, serverNow: number): number | null {
  if (!round?.turnSeconds || !speakingTurn(round)) return null;
  return round.turnSeconds * 1000 - currentTurnMs(round, new Date(serverNow).toISOString());
}

/** The visible clock of the current turn. Not a live region: the announcer says the thresholds. */
function TurnClock({ round }: { round: Round }) {
  const { t } = useTranslation();
  const now = useServerNow(round.runningSince !== null);
  const left = remainingMs(round, now);
  if (left === null) {
    return (
      <p className={styles.clock} data-testid="room-clock">
        <span className={styles.clockLabel}>{t('room.clock.spoken')}</span> <span className={styles.clockValue}>{clock(currentTurnMs(round, new Date(now).toISOString()))}</span>
      </p>
    );
  }
  if (left <= 0) {
    return (
      <p className={`${styles.clock} ${styles.clockOver}`} data-testid="room-clock">
        
        <strong>{t('room.clock.timeUp')}</strong> <span className={styles.clockValue}>+{clock(-left)}</span>
      </p>
    );
  }
  return (
    <p className={`${styles.clock} ${left <= 30_000 ? styles.clockLow : ''}`} data-testid="room-clock">
      <span className={styles.clockLabel}>{t('room.clock.left')}</span> <span className={styles.clockValue}>{clock(left, true)}</span>
    </p>
  );
}

/** The middle of the circle: who speaks now, their clock, and how far the round is. */
export function SpeakerCard() {
  const { t } = useTranslation();
  const { state } = useRoom();
  const name = useMemberName();
  const round = state.round;
  const turn = speakingTurn(round);
  const done = round?.turns.filter((x) => x.status === 'spoke' || x.status === 'passed').length ?? 0;

  return (
    <div className={styles.speaker} data-testid="room-speaker">
      {state.paused && (
        <p className={styles.tight}>
          <Badge tone="warning">
            {t('room.paused')}
          </Badge>
        </p>
      )}
      {!round ? (
        <p className={styles.tight}>{t('room.round.notStarted')}</p>
      ) : turn ? (
        <>
          <p className={styles.speakerLabel}>{turn.absent ? t('room.speaker.inputOf') : t('room.speaker.now')}</p>
          <p className={styles.speakerName} data-testid="room-speaker-name">
            {name(turn.userId)}
          </p>
          {turn.absent && <p className={styles.tight}>{t('room.speaker.absentNote')}</p>}
          <TurnClock round={round} />
        </>
      ) : roundComplete(round) ? (
        <p className={styles.tight}>
          <span aria-hidden="true">✓ </span>
          {t('room.round.complete')}
        </p>
      ) : (
        <p className={styles.tight}>{t('room.round.between')}</p>
      )}
      {round && round.turns.length > 0 && <p className={styles.muted}>{t('room.round.progress', { done, count: round.turns.length })}</p>}
    </div>
  );
}
