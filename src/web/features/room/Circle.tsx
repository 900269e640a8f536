import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember, RoomState, Turn } from '../../../contracts/room-state';
import { SpeakerCard } from './SpeakerCard';
import { useRoom } from './useRoom';
import styles from './room.module.css';

/** Members in seating order; anyone not (yet) seated comes last. */
export function seated(state: Pick<RoomState, 'members' | 'seating'>): RoomMember[] {
  const byId = new Map(state.members.map((m) => [m.userId, m]));
  const inSeats = state.seating.map((u) => byId.get(u)).filter((m): m is RoomMember => !!m);
  return [...inSeats, ...state.members.filter((m) => !state.seating.includes(m.userId))];
}

/** Above this many seats the circle gets cramped; the list reads better. */
const MAX_IN_CIRCLE = 14;

/** Where seat i of n sits on the ellipse (cosine and sine), starting at the top, clockwise. */
function seatPosition(i: number, n: number): CSSProperties {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  return { '--cx': Math.cos(angle).toFixed(4), '--cy': Math.sin(angle).toFixed(4) } as CSSProperties;
}

function TurnLabel({ turn, present }: { turn: Turn | undefined; present: boolean }) {
  const { t } = useTranslation();
  if (!turn) return <span className={styles.seatStatus}>{present ? t('room.circle.present') : t('room.circle.absent')}</span>;
  const icon = { waiting: '○', speaking: '▶', spoke: '✓', passed: '–' }[turn.status];
  return (
    <span className={`${styles.seatStatus} ${styles[`status_${turn.status}`]}`}>
      <span aria-hidden="true">{icon} </span>
      {t(`room.turn.${turn.status}`)}
      {turn.absent && <> · {t('room.circle.absentWithInput')}</>}
    </span>
  );
}

/**
 * The circle in seating order: the speaker is marked with aria-current and the words "speaking
 * now", not by colour alone. On a wide screen the seats sit around an ellipse with the speaker in
 * the middle; on a phone it is an ordered list under the speaker and the turn's harvest.
 */
export function Circle({ children }: { children?: ReactNode }) {
  return (
    <div className={styles.circleContainer}>
      {/* On a phone: the speaker, then what goes with the turn (children), then the list of seats. */}
      <div className={styles.roundLayout}>
        <div className={styles.circleWrap}>
          <div className={styles.centre}>
            <SpeakerCard />
          </div>
          <CircleSeats />
        </div>
        {children}
      </div>
    </div>
  );
}

function CircleSeats() {
  const { t } = useTranslation();
  const { state } = useRoom();
  const members = seated(state);
  const turns = new Map((state.round?.turns ?? []).map((turn) => [turn.userId, turn]));
  const round = members.length <= MAX_IN_CIRCLE;
  return (
    <ol className={`${styles.circle} ${round ? styles.round : ''}`} aria-label={t('room.circle.label')} data-testid="room-circle">
      {members.map((m, i) => {
        const turn = turns.get(m.userId);
        const present = state.present.includes(m.userId);
        const speaking = turn?.status === 'speaking';
        return (
          <li
            key={m.userId}
            style={round ? seatPosition(i, members.length) : undefined}
            aria-current={speaking ? 'true' : undefined}
            className={[styles.seat, speaking ? styles.seatSpeaking : '', present ? '' : styles.seatAbsent].filter(Boolean).join(' ')}
            data-testid="room-seat"
            data-status={turn?.status ?? (present ? 'present' : 'absent')}
          >
            <span className={styles.seatName}>
              {m.name}
              {state.chairUserId === m.userId && <span className={styles.chairMark}> ({t('room.circle.chair')})</span>}
            </span>
            {m.organisationName && <span className={styles.seatOrg}>{m.organisationName}</span>}
            <TurnLabel turn={turn} present={present} />
          </li>
        );
      })}
    </ol>
  );
}
