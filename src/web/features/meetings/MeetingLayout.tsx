import { Link, NavLink, Outlet, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../contracts/meetings';
import { ButtonLink } from '../../ui/Button';
import { Loading, QueryError } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { meetingQuery } from './api';
import { MeetingContext } from './meetingContext';
import { MeetingWhen, NewWindow, StatusBadges, useMeetingTitle } from './MeetingList';
import styles from './meetings.module.css';

function Facts({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const hasPlace = m.room || m.address || m.locationNotes;
  return (
    <dl className={styles.facts}>
      <div>
        <dt>{t('meetings.facts.when')}</dt>
        <dd>
          <MeetingWhen meeting={m} variant="split" />
          {m.moved && m.status === 'planned' && <> ({t('meetings.facts.movedNote')})</>}
        </dd>
      </div>
      <div>
        <dt>{t('meetings.facts.where')}</dt>
        <dd>
          {hasPlace ? (
            <>
              {m.room && <span className={styles.block}>{m.room}</span>}
              {m.address && <span className={styles.block}>{m.address}</span>}
              {m.locationNotes && <span className={`${styles.block} ${styles.muted}`}>{m.locationNotes}</span>}
            </>
          ) : (
            t('meetings.facts.noPlace')
          )}
        </dd>
      </div>
      {m.onlineUrl && (
        <div>
          <dt>{t('meetings.facts.online')}</dt>
          <dd>
            <a href={m.onlineUrl} target="_blank" rel="noopener noreferrer">
              {t('meetings.facts.onlineLink')}
              <NewWindow />
            </a>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('meetings.facts.chair')}</dt>
        <dd>{m.chair ? m.chair.name : t('meetings.noChair')}</dd>
      </div>
      {m.status === 'planned' && !m.held && (
        <div>
          <dt>{t('meetings.facts.input')}</dt>
          <dd>{m.inputOpen ? t('meetings.facts.inputOpen', { deadline: mf.dateTimeIn(m.inputDeadline, m.timeZone) }) : t('meetings.facts.inputClosed')}</dd>
        </div>
      )}
      {m.seriesId && (
        <div>
          <dt>{t('meetings.facts.series')}</dt>
          <dd>
            <Link to={`/communities/${m.communityId}/series/${m.seriesId}`}>{t('meetings.facts.seriesLink')}</Link>
          </dd>
        </div>
      )}
    </dl>
  );
}

export default function MeetingLayout() {
  const { t } = useTranslation();
  const community = useCommunity();
  const { meetingId = '' } = useParams();
  const q = useQuery(meetingQuery(meetingId));
  const title = useMeetingTitle();
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const base = `/communities/${community.id}/meetings/${m.id}`;

  return (
    <div>
      <p className={styles.back}>
        <Link to={`/communities/${community.id}/meetings`}>
          <span aria-hidden="true">← </span>
          {t('meetings.layout.allMeetings')}
        </Link>
      </p>
      <div className={styles.meetingHeader}>
        <p className={styles.eyebrow}>{t('meetings.layout.eyebrow')}</p>
        <h1 tabIndex={-1} className={styles.meetingH1}>
          {title(m)} <StatusBadges meeting={m} />
        </h1>
        {m.status === 'cancelled' && (
          <div className={styles.cancelled} role="note">
            <p>
              <strong>{t('meetings.layout.cancelled')}</strong>
            </p>
            {m.cancelReason && (
              <p>
                {t('meetings.cancelReason')} {m.cancelReason}
              </p>
            )}
          </div>
        )}
        <Facts m={m} />
        {m.status !== 'cancelled' && (
          <p style={{ margin: 'var(--space-3) 0 0' }}>
            <ButtonLink to={`${base}/room`} variant={m.held ? 'secondary' : 'primary'} data-testid="open-room">
              {t('room.link.open')}
            </ButtonLink>
          </p>
        )}
        {(m.previousMeetingId || m.nextMeetingId) && (
          <nav aria-label={t('meetings.layout.neighbours')} className={styles.neighbours}>
            {m.previousMeetingId && (
              <Link to={`/communities/${community.id}/meetings/${m.previousMeetingId}`}>
                <span aria-hidden="true">‹ </span>
                {t('meetings.layout.previous')}
              </Link>
            )}
            {m.nextMeetingId && (
              <Link to={`/communities/${community.id}/meetings/${m.nextMeetingId}`}>
                {t('meetings.layout.next')}
                <span aria-hidden="true"> ›</span>
              </Link>
            )}
          </nav>
        )}
      </div>
      <nav aria-label={t('meetings.layout.tabs')}>
        <ul className={styles.tabs}>
          <li>
            <NavLink to={base} end>
              {t('meetings.layout.overview')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/programme`}>{t('meetings.layout.programme')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/minutes`}>{t('meetings.layout.minutes')}</NavLink>
          </li>
        </ul>
      </nav>
      <MeetingContext value={m}>
        <Outlet context={community} />
      </MeetingContext>
    </div>
  );
}
