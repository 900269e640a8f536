import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../contracts/meetings';
import { Badge } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import styles from './meetings.module.css';

/** The title to show: the meeting's own, else "Bijeenkomst". */
export function useMeetingTitle() {
  const { t } = useTranslation();
  return (m: Pick<MeetingSummary, 'title'>) => m.title.trim() || t('meetings.untitled');
}

/** Said to screen readers after a link that opens a new window. */
export function NewWindow() {
  const { t } = useTranslation();
  return <span className="sr-only"> ({t('meetings.newWindow')})</span>;
}

/** Cancelled / moved, in words as well as colour. */
export function StatusBadges({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useTranslation();
  if (meeting.status === 'cancelled') return <Badge tone="danger">{t('meetings.status.cancelled')}</Badge>;
  if (meeting.moved) return <Badge tone="warning">{t('meetings.status.moved')}</Badge>;
  return null;
}

/** The time in the meeting's zone, plus the viewer's own clock when the zones differ. */
export function MeetingWhen({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const fmt = useFormat();
  return (
    <>
      <span>{mf.meetingTime(meeting)}</span>
      {meeting.timeZone !== fmt.timeZone && <span className={styles.muted}> {t('meetings.yourTime', { time: fmt.dateTime(meeting.startsAt), zone: fmt.timeZone.replace(/_/g, ' ') })}</span>}
    </>
  );
}

function Item({ m, participates, communityId }: { m: MeetingSummary; participates: boolean; communityId: string }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const title = useMeetingTitle();
  const cancelled = m.status === 'cancelled';
  return (
    <li className={`${styles.meeting} ${cancelled ? styles.meetingCancelled : ''}`} data-testid="meeting-item">
      <div className={styles.meetingMain}>
        <h3 className={styles.meetingTitle}>
          <Link to={`/communities/${communityId}/meetings/${m.id}`}>{title(m)}</Link> <StatusBadges meeting={m} />
        </h3>
        <p className={styles.meetingWhen}>
          <MeetingWhen meeting={m} />
        </p>
        {cancelled && m.cancelReason && (
          <p className={styles.meetingMeta}>
            <strong>{t('meetings.cancelReason')}</strong> {m.cancelReason}
          </p>
        )}
        <p className={styles.meetingMeta}>
          {m.chair ? t('meetings.chairIs', { name: m.chair.name }) : t('meetings.noChair')}
          {m.room && (
            <>
              <span aria-hidden="true"> · </span>
              {m.room}
            </>
          )}
          {m.onlineUrl && (
            <>
              <span aria-hidden="true"> · </span>
              {t('meetings.list.online')}
            </>
          )}
        </p>
      </div>
      {!cancelled && (
        <div className={styles.meetingSide}>
          {participates && !m.held && (
            <p className={styles.meetingMeta}>
              {m.myResponse ? t('meetings.list.myResponse', { response: t(`meetings.response.${m.myResponse}`) }) : <strong>{t('meetings.list.notAnswered')}</strong>}
            </p>
          )}
          {!m.held && (
            <p className={styles.meetingMeta}>
              {m.inputOpen ? t('meetings.list.inputUntil', { deadline: mf.dateTimeIn(m.inputDeadline, m.timeZone) }) : t('meetings.list.inputClosed')}
            </p>
          )}
          <p className={styles.meetingMeta}>{t('meetings.list.counts', { yes: m.counts.yes, no: m.counts.no, maybe: m.counts.maybe, unanswered: m.counts.unanswered })}</p>
          {(m.programmePublishedAt || m.minutesPublishedAt) && (
            <p className={styles.meetingMeta}>
              {m.programmePublishedAt && <Badge tone="success">{t('meetings.list.programmePublished')}</Badge>}{' '}
              {m.minutesPublishedAt && <Badge tone="success">{t('meetings.list.minutesPublished')}</Badge>}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

export function MeetingList({ meetings, participates, communityId }: { meetings: MeetingSummary[]; participates: boolean; communityId: string }) {
  return (
    <ul className={styles.meetings}>
      {meetings.map((m) => (
        <Item key={m.id} m={m} participates={participates} communityId={communityId} />
      ))}
    </ul>
  );
}
