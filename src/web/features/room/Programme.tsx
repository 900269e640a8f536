import { useTranslation } from 'react-i18next';
import { Badge, EmptyState } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { SteerButton } from './SteerButton';
import { usePending, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

/** The programme with the item the meeting is at; the chair moves through it. */
export function Programme() {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const { state, send, live } = useRoom();
  const { drives } = useRoomRights();
  const moving = usePending((i) => i.kind === 'item.next' || i.kind === 'item.previous');
  const index = state.items.findIndex((i) => i.id === state.currentItemId);

  return (
    <section aria-labelledby="room-programme-h" className={styles.panel} data-testid="room-programme">
      <h2 id="room-programme-h">{t('room.programme.title')}</h2>
      {state.items.length === 0 ? (
        <EmptyState>{t('room.programme.none')}</EmptyState>
      ) : (
        <ol className={styles.programme}>
          {state.items.map((item) => {
            const current = item.id === state.currentItemId;
            return (
              <li key={item.id} aria-current={current ? 'step' : undefined} className={current ? styles.currentItem : undefined} data-testid="room-item">
                <span className={styles.itemTitle}>{item.title}</span>
                <span className={styles.itemMeta}>
                  {t(`agenda.kind.${item.kind}`, { defaultValue: item.kind })} · {mf.minutes(item.durationMinutes, 'short')}
                </span>
                {current && (
                  <Badge tone="primary">
                    <span aria-hidden="true">▶ </span>
                    {t('room.programme.now')}
                  </Badge>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {drives && state.items.length > 0 && (
        <div className={styles.buttons}>
          <SteerButton variant="secondary" size="small" unavailable={!live || moving || index <= 0} onClick={() => send({ kind: 'item.previous' })}>
            <span aria-hidden="true">‹ </span>
            {t('room.programme.previous')}
          </SteerButton>
          <SteerButton variant="secondary" size="small" unavailable={!live || moving || index >= state.items.length - 1} onClick={() => send({ kind: 'item.next' })}>
            {index < 0 ? t('room.programme.begin') : t('room.programme.next')}
            <span aria-hidden="true"> ›</span>
          </SteerButton>
        </div>
      )}
    </section>
  );
}
