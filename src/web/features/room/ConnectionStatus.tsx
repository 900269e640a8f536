import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { meQuery } from '../account/api';
import type { RoomClient, RoomSnapshot } from './client';
import styles from './room.module.css';

type Shown = 'connecting' | 'connected' | 'syncing' | 'reconnecting' | 'failing';

/** After this many failed attempts in a row we say so (and check whether the session ended). */
const FAILING_AFTER = 3;
/** A blip shorter than this is not worth announcing. */
const SETTLE_MS = 1500;

function statusOf(s: RoomSnapshot): Shown {
  if (s.link.state === 'open') {
    if (s.syncedOn === s.link.connection && !s.awaiting) return 'connected';
    return s.state ? 'syncing' : 'connecting';
  }
  if (s.link.failures >= FAILING_AFTER) return 'failing';
  return s.state ? 'reconnecting' : 'connecting';
}

/**
 * The connection in words, in a polite live region. A short drop and its recovery are not
 * announced at all; a longer one once, and once more when the room is back.
 */
export function ConnectionStatus({ snapshot, client }: { snapshot: RoomSnapshot; client: RoomClient }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const actual = statusOf(snapshot);
  const [shown, setShown] = useState<Shown>(actual);
  useEffect(() => {
    if (actual === 'connected' || actual === 'failing') {
      setShown(actual);
      return;
    }
    const timer = setTimeout(() => setShown(actual), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [actual]);

  // Failing handshakes may mean the session ended: asking who we are sends a signed-out user to sign-in.
  const checked = useRef(false);
  useEffect(() => {
    if (actual === 'failing' && !checked.current) {
      checked.current = true;
      void qc.invalidateQueries({ queryKey: meQuery.queryKey });
    }
    if (actual === 'connected') checked.current = false;
  }, [actual, qc]);

  const waiting = snapshot.outbox.length;
  const offline = actual !== 'connected';
  return (
    <div className={styles.connection} data-testid="room-connection" data-status={actual}>
      <p role="status" className={styles.connectionText}>
        <span className={`${styles.dot} ${styles[`dot_${shown}`]}`} aria-hidden="true" />
        <span>{t(`room.connection.${shown}`)}</span>
        {offline && shown !== 'connected' && waiting > 0 && <span className={styles.muted}> {t('room.connection.waiting', { count: waiting })}</span>}
      </p>
      {offline && shown !== 'connected' && shown !== 'connecting' && (
        <Button variant="quiet" size="small" onClick={() => client.retryNow()}>
          {t('room.connection.retryNow')}
        </Button>
      )}
    </div>
  );
}
