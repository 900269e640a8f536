import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../contracts/meetings';
import { isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Badge } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import styles from './meetings.module.css';

type Titled = Pick<MeetingSummary, 'title' | 'communityName' | 'localDate'>;
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** A title of its own; the server names meetings after the community by default, which says nothing here. */
function ownTitle(m: Titled): string | null {
  const title = m.title.trim();
  return title && title !== m.communityName ? title : null;
}

/** The title to show: the meeting's own, else "Bijeenkomst van dinsdag 10 maart 2026". */
export function useMeetingTitle() {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  return (m: Titled) => ownTitle(m) ?? t('meetings.titleOn', { date: mf.localDate(m.localDate) });
}

/** A section whose data did not load: the reason and a retry, without leaving the page. */
export function SectionError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.sectionError}>
      <p role="alert">{isApiError(error) ? error.title : t('common.errors.unexpected')}</p>
      <Button variant="secondary" size="small" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}

/** "19:30–21:30", with the zone when it is not the viewer's. */
function timeRange(m: MeetingSummary, viewerZone: string): string {
  return `${m.localStartTime}–${m.localEndTime}${m.timeZone !== viewerZone ? ` (${m.timeZone.replace(/_/g, ' ')})` : ''}`;
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

/**
 * The time in the meeting's zone, plus the viewer's own clock when the zones differ. `timeOnly`
 * leaves out the date (shown elsewhere); `split` puts date and time on lines of their own.
 */
export function MeetingWhen({ meeting, variant = 'line' }: { meeting: MeetingSummary; variant?: 'line' | 'split' | 'timeOnly' }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const fmt = useFormat();
  const yours = meeting.timeZone !== fmt.timeZone && (
    <span className={styles.muted}> {t('meetings.yourTime', { time: fmt.dateTime(meeting.startsAt), zone: fmt.timeZone.replace(/_/g, ' ') })}</span>
  );
  if (variant === 'line') {
    return (
      <>
        <span>{mf.meetingTime(meeting)}</span>
        {yours}
      </>
    );
  }
  return (
    <>
      {variant === 'split' && <span className={styles.block}>{capitalise(mf.localDate(meeting.localDate))}</span>}
      <span className={variant === 'split' ? styles.block : undefined}>
        {timeRange(meeting, fmt.timeZone)}
        {yours}
      </span>
    </>
  );
}

function Item({ m, participates, communityId }: { m: MeetingSummary; participates: boolean; communityId: string }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const own = ownTitle(m);
  const cancelled = m.status === 'cancelled';
  return (
    <li className={`${styles.meeting} ${cancelled ? styles.meetingCancelled : ''}`} data-testid="meeting-item">
      <div className={styles.meetingMain}>
        <h3 className={styles.meetingTitle}>
          <Link to={`/communities/${communityId}/meetings/${m.id}`}>{own ?? capitalise(mf.localDate(m.localDate))}</Link> <StatusBadges meeting={m} />
        </h3>
        <p className={styles.meetingWhen}>
          <MeetingWhen meeting={m} variant={own ? 'line' : 'timeOnly'} />
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

/** Meetings as a list; long lists show the first `initial` with a button for the rest. */
export function MeetingList({
  meetings,
  participates,
  communityId,
  initial = 6,
}: {
  meetings: MeetingSummary[];
  participates: boolean;
  communityId: string;
  initial?: number;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? meetings : meetings.slice(0, initial);
  return (
    <>
      <ul className={styles.meetings}>
        {shown.map((m) => (
          <Item key={m.id} m={m} participates={participates} communityId={communityId} />
        ))}
      </ul>
      {shown.length < meetings.length && (
        <p className={styles.more}>
          <Button variant="secondary" size="small" onClick={() => setAll(true)}>
            {t('meetings.list.showAll', { count: meetings.length })}
          </Button>
        </p>
      )}
    </>
  );
}
