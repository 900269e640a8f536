import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { formStyles } from '../../ui/Form';
import { useFormat } from '../../lib/format';
import { isContent } from './sync';
import { useRoom } from './useRoom';
import styles from './room.module.css';

/** After the meeting: where its harvest and notes went. */
export function ClosedNotice({ communityId, meetingId }: { communityId: string; meetingId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { state } = useRoom();
  if (!state.closedAt) return null;
  return (
    <div role="note" className={styles.closed} data-testid="room-closed">
      <p className={styles.tight}>
        <strong>{t('room.closed.title', { date: fmt.dateTime(state.closedAt) })}</strong>
      </p>
      <p className={styles.tight}>{t('room.closed.body')}</p>
      <ul className={styles.links}>
        <li>
          <Link to={`/communities/${communityId}/meetings/${meetingId}/minutes`}>{t('room.closed.minutes')}</Link>
        </li>
        <li>
          <Link to={`/communities/${communityId}/knowledge`}>{t('room.closed.knowledge')}</Link>
        </li>
      </ul>
    </div>
  );
}

/**
 * What the server refused of a button press (texts show their own refusals next to the field),
 * and any other problem it reported.
 */
export function RoomNotices() {
  const { t } = useTranslation();
  const { snapshot, client } = useRoom();
  const steering = snapshot.rejections.filter((r) => !r.intent || !isContent(r.intent));
  const latest = steering[steering.length - 1];
  if (!latest && !snapshot.notice) return null;
  return (
    <div className={styles.notices}>
      {latest && (
        <div role="alert" className={formStyles.alert} data-testid="room-rejected">
          <p className={styles.tight}>
            <strong>{latest.message}</strong>
          </p>
          <Button variant="quiet" size="small" onClick={() => steering.forEach((r) => client.dismiss(r.id))}>
            {t('room.dismiss')}
          </Button>
        </div>
      )}
      {snapshot.notice && (
        <div role="alert" className={formStyles.alert} data-testid="room-notice">
          <p className={styles.tight}>
            <strong>{snapshot.notice.message}</strong>
          </p>
          <Button variant="quiet" size="small" onClick={() => client.dismissNotice()}>
            {t('room.dismiss')}
          </Button>
        </div>
      )}
    </div>
  );
}
