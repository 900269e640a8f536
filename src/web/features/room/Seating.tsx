import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { alternateSeating } from '../../../contracts/room-state';
import { Button, buttonClass } from '../../ui/Button';
import { seated } from './Circle';
import { useRoom } from './useRoom';
import styles from './room.module.css';

/**
 * The chair changes the seating order with buttons (no dragging needed). Moves made in quick
 * succession build on the order already on its way, and the focus follows the moved member.
 */
export function Seating() {
  const { t } = useTranslation();
  const { state, send, live, snapshot } = useRoom();
  // The newest order asked for and not yet confirmed, else the room's.
  const queued = [...snapshot.outbox].reverse().find((e) => e.intent.kind === 'seating.set');
  const order = queued?.intent.kind === 'seating.set' ? queued.intent.order : seated(state).map((m) => m.userId);
  const byId = new Map(state.members.map((m) => [m.userId, m]));
  const members = order.map((u) => byId.get(u)).filter((m) => m !== undefined);

  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const focusAfter = useRef<{ userId: string; dir: 'up' | 'down' } | null>(null);
  const orderKey = order.join(',');
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    const other = target.dir === 'up' ? 'down' : 'up';
    const el = buttons.current.get(`${target.userId}:${target.dir}`);
    const fallback = buttons.current.get(`${target.userId}:${other}`);
    (el && !el.disabled ? el : fallback)?.focus();
    focusAfter.current = null;
  }, [orderKey]);

  const move = (index: number, dir: 'up' | 'down') => {
    const to = dir === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[index], next[to]] = [next[to]!, next[index]!];
    focusAfter.current = { userId: order[index]!, dir };
    send({ kind: 'seating.set', order: next });
  };

  const ref = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };

  return (
    <section aria-labelledby="room-seating-h" className={styles.setting} data-testid="room-seating">
      <h3 id="room-seating-h">{t('room.seating.title')}</h3>
      <p className={styles.muted}>{t('room.seating.hint')}</p>
      <ol className={styles.seatingList}>
        {members.map((m, i) => (
          <li key={m.userId}>
            <span className={styles.seatingName}>
              {m.name}
              {m.organisationName && <span className={styles.seatOrg}> · {m.organisationName}</span>}
            </span>
            <span className={styles.buttons}>
              <button
                type="button"
                ref={ref(`${m.userId}:up`)}
                className={buttonClass('secondary', 'small')}
                title={t('room.seating.up', { name: m.name })}
                disabled={!live || i === 0}
                onClick={() => move(i, 'up')}
              >
                <span aria-hidden="true">↑</span>
                <span className="sr-only">{t('room.seating.up', { name: m.name })}</span>
              </button>
              <button
                type="button"
                ref={ref(`${m.userId}:down`)}
                className={buttonClass('secondary', 'small')}
                title={t('room.seating.down', { name: m.name })}
                disabled={!live || i === members.length - 1}
                onClick={() => move(i, 'down')}
              >
                <span aria-hidden="true">↓</span>
                <span className="sr-only">{t('room.seating.down', { name: m.name })}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <Button variant="quiet" size="small" disabled={!live} onClick={() => send({ kind: 'seating.set', order: alternateSeating(state.members) })}>
        {t('room.seating.alternate')}
      </Button>
    </section>
  );
}
