import { useTranslation } from 'react-i18next';
import { useRoom, useRoomRights } from './useRoom';
import { seated } from './Circle';
import styles from './room.module.css';

/** Who is here. The chair ticks people present or absent; everyone sees the same list. */
export function Presence() {
  const { t } = useTranslation();
  const { state, send, live, snapshot } = useRoom();
  const { drives } = useRoomRights();
  const members = seated(state);
  // A tick on its way shows at once (the newest one per member); the room's state follows.
  const asked = new Map(snapshot.outbox.flatMap((e) => (e.intent.kind === 'presence.set' ? [[e.intent.userId, e.intent.present] as const] : [])));

  return (
    <section aria-labelledby="room-presence-h" className={styles.panel} data-testid="room-presence">
      <h2 id="room-presence-h">{t('room.presence.title')}</h2>
      <p className={styles.muted}>{t('room.presence.count', { present: state.present.length, count: members.length })}</p>
      {drives ? (
        <fieldset className={styles.plainFieldset}>
          <legend className="sr-only">{t('room.presence.legend')}</legend>
          <ul className={styles.plainList}>
            {members.map((m) => {
              const present = asked.get(m.userId) ?? state.present.includes(m.userId);
              const id = `presence-${m.userId}`;
              return (
                <li key={m.userId} className={styles.check}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={present}
                    // Not disabled while a change is on its way: that would take the focus away.
                    disabled={!live}
                    onChange={(e) => send({ kind: 'presence.set', userId: m.userId, present: e.target.checked })}
                  />
                  <label htmlFor={id}>
                    {m.name}
                    {m.organisationName && <span className={styles.seatOrg}> · {m.organisationName}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : (
        <ul className={styles.plainList}>
          {members.map((m) => {
            const present = state.present.includes(m.userId);
            return (
              <li key={m.userId} className={present ? undefined : styles.absentName}>
                <span aria-hidden="true">{present ? '● ' : '○ '}</span>
                {m.name} <span className={styles.seatOrg}>({present ? t('room.circle.present') : t('room.circle.absent')})</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
