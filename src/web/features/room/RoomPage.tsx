import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Loading, usePageTitle } from '../../ui/Page';
import { meQuery } from '../account/api';
import { meetingQuery } from '../meetings/api';
import { useMeetingTitle } from '../meetings/MeetingList';
import { Announcer } from './Announcer';
import { ChairSettings } from './ChairSettings';
import { CheckOut } from './CheckOut';
import { Circle } from './Circle';
import { ConnectionStatus } from './ConnectionStatus';
import { Harvests } from './Harvests';
import { LiveActions } from './LiveActions';
import { LiveNotes } from './LiveNotes';
import { Presence } from './Presence';
import { Programme } from './Programme';
import { ProposalPanel } from './ProposalPanel';
import { ClosedNotice, RoomNotices } from './RoomNotices';
import { RoundControls } from './RoundControls';
import { TurnPanel } from './TurnPanel';
import { RoomContext, useRoom, useRoomClient, useRoomRights, type RoomView } from './useRoom';
import styles from './room.module.css';

/** One screen for the whole table: the room can fill the screen it is shown on. */
function FullScreenButton({ target }: { target: React.RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  useEffect(() => {
    const sync = () => setOn(document.fullscreenElement === target.current && !!target.current);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, [target]);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  return (
    <Button
      variant="secondary"
      size="small"
      onClick={() => (on ? void document.exitFullscreen() : void target.current?.requestFullscreen().catch(() => {}))}
      data-testid="room-fullscreen"
    >
      {on ? t('room.fullscreen.exit') : t('room.fullscreen.enter')}
    </Button>
  );
}

function RoomBody({ communityId, meetingId }: { communityId: string; meetingId: string }) {
  const { t } = useTranslation();
  const { drives } = useRoomRights();
  const { state } = useRoom();
  // A proposal on screen spans the room; the chair's picker otherwise waits beside the programme.
  const onScreen = !!state.proposal;
  return (
    <>
      <ClosedNotice communityId={communityId} meetingId={meetingId} />
      <RoomNotices />
      <CheckOut />
      {onScreen && <ProposalPanel communityId={communityId} meetingId={meetingId} />}
      <div className={styles.grid}>
        <div className={styles.mainColumn}>
          <section aria-labelledby="room-round-h" className={styles.panel} data-testid="room-round">
            <h2 id="room-round-h">{t('room.round.title')}</h2>
            <RoundControls />
            <Circle>
              <TurnPanel />
            </Circle>
          </section>
          <Harvests />
        </div>
        <div className={styles.sideColumn}>
          <Programme />
          {!onScreen && drives && <ProposalPanel communityId={communityId} meetingId={meetingId} />}
          <Presence />
        </div>
      </div>
      <div className={styles.grid2}>
        <LiveNotes />
        <LiveActions />
      </div>
      {drives && <ChairSettings />}
      <Announcer />
    </>
  );
}

function Room({ meetingId, communityId, userId }: { meetingId: string; communityId: string; userId: string }) {
  const { t } = useTranslation();
  const { client, snapshot } = useRoomClient(meetingId, userId);
  const meeting = useQuery(meetingQuery(meetingId));
  const title = useMeetingTitle();
  const ref = useRef<HTMLDivElement>(null);
  const meetingTitle = meeting.data ? title(meeting.data) : undefined;
  usePageTitle(meetingTitle ? t('room.documentTitle', { title: meetingTitle }) : t('room.title'));

  const { state, me, link, syncedOn, awaiting, clockOffset } = snapshot;
  const view = useMemo<RoomView | null>(
    () =>
      state && me
        ? {
            client,
            state,
            me,
            snapshot,
            live: link.state === 'open' && syncedOn === link.connection && !awaiting,
            clockOffset,
            send: (intent) => client.send(intent),
          }
        : null,
    [client, state, me, snapshot, link, syncedOn, awaiting, clockOffset],
  );

  return (
    <div ref={ref} className={styles.room} data-testid="room">
      <div className={styles.header}>
        <div>
          <p className={styles.back}>
            <Link to={`/communities/${communityId}/meetings/${meetingId}`}>
              <span aria-hidden="true">← </span>
              {t('room.back')}
            </Link>
          </p>
          {meetingTitle && <p className={styles.eyebrow}>{meetingTitle}</p>}
          <h1 tabIndex={-1} className={styles.h1}>
            {t('room.title')}
          </h1>
        </div>
        <div className={styles.tools}>
          <ConnectionStatus snapshot={snapshot} client={client} />
          <FullScreenButton target={ref} />
        </div>
      </div>
      {snapshot.joinError ? (
        <div role="alert" className={styles.joinError} data-testid="room-join-error">
          <p>
            <strong>{snapshot.joinError.status === 404 ? t('room.joinError.notFound') : t('room.joinError.refused')}</strong>
          </p>
          <p>{snapshot.joinError.message}</p>
          <Link to={`/communities/${communityId}/meetings/${meetingId}`}>{t('room.back')}</Link>
        </div>
      ) : view ? (
        <RoomContext value={view}>
          <RoomBody communityId={communityId} meetingId={meetingId} />
        </RoomContext>
      ) : (
        <Loading label={t('room.opening')} />
      )}
    </div>
  );
}

export default function RoomPage() {
  const { meetingId = '', communityId = '' } = useParams();
  const { data: me } = useQuery(meQuery);
  if (!me) return <Loading />;
  // Keyed: another meeting or another person is another room client, drafts and outbox.
  return <Room key={`${meetingId}:${me.id}`} meetingId={meetingId} communityId={communityId} userId={me.id} />;
}
