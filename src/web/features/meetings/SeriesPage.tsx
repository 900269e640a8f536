import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../contracts/meetings';
import { toZoned } from '../../../contracts/zoned';
import { buttonClass } from '../../ui/Button';
import { SuccessMessage } from '../../ui/Form';
import { Badge, Card, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { canPlanMeetings } from './access';
import { meetingsQuery, seriesListQuery, seriesQuery } from './api';
import { endTimeOf } from './fields';
import { MeetingList, NewWindow } from './MeetingList';
import { useDescribeRecurrence } from './RecurrenceText';
import { ChangeSeries, EndSeries } from './SeriesChange';
import styles from './meetings.module.css';

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

function todayIn(timeZone: string): string {
  try {
    return toZoned(new Date(), timeZone).date;
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

function SeriesFacts({ s }: { s: Series }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const describe = useDescribeRecurrence();
  const end = endTimeOf(s.startTime, String(s.durationMinutes));
  return (
    <dl className={styles.facts}>
      <div>
        <dt>{t('meetings.series.rhythm')}</dt>
        <dd>{capitalise(describe(s.recurrence, s.rrule, s.timeZone))}</dd>
      </div>
      <div>
        <dt>{t('meetings.series.time')}</dt>
        <dd>
          {end && !end.includes('+') ? `${s.startTime}–${end}` : s.startTime} ({mf.minutes(s.durationMinutes)}), {s.timeZone.replace(/_/g, ' ')}
        </dd>
      </div>
      <div>
        <dt>{t('meetings.series.firstMeeting')}</dt>
        <dd>{mf.localDate(s.startDate)}</dd>
      </div>
      {s.endDate && (
        <div>
          <dt>{t('meetings.series.lastDate')}</dt>
          <dd>{mf.localDate(s.endDate)}</dd>
        </div>
      )}
      <div>
        <dt>{t('meetings.series.inputDeadline')}</dt>
        <dd>{t('meetings.series.inputDeadlineDays', { count: s.inputDeadlineDays })}</dd>
      </div>
      <div>
        <dt>{t('meetings.facts.where')}</dt>
        <dd>
          {s.room || s.address || s.locationNotes ? (
            <>
              {s.room && <span className={styles.block}>{s.room}</span>}
              {s.address && <span className={styles.block}>{s.address}</span>}
              {s.locationNotes && <span className={`${styles.block} ${styles.muted}`}>{s.locationNotes}</span>}
            </>
          ) : (
            t('meetings.facts.noPlace')
          )}
        </dd>
      </div>
      {s.onlineUrl && (
        <div>
          <dt>{t('meetings.facts.online')}</dt>
          <dd>
            <a href={s.onlineUrl} target="_blank" rel="noopener noreferrer">
              {t('meetings.facts.onlineLink')}
              <NewWindow />
            </a>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('meetings.series.rule')}</dt>
        <dd>
          <code className={styles.mono}>{s.rrule}</code>
        </dd>
      </div>
      {s.previousSeriesId && (
        <div>
          <dt>{t('meetings.series.previous')}</dt>
          <dd>
            <Link to={`/communities/${s.communityId}/series/${s.previousSeriesId}`}>{t('meetings.series.previousLink')}</Link>
          </dd>
        </div>
      )}
    </dl>
  );
}

export default function SeriesPage() {
  const { seriesId = '' } = useParams();
  // A change leads to the new series on this same route: start its page afresh.
  return <SeriesView key={seriesId} seriesId={seriesId} />;
}

function SeriesView({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation();
  const community = useCommunity();
  const mf = useMeetingFormat();
  const location = useLocation();
  const state = location.state as { planned?: boolean; changed?: boolean } | null;
  const q = useQuery(seriesQuery(seriesId));
  const upcoming = useQuery(meetingsQuery(community.id, 'upcoming'));
  const all = useQuery({ ...seriesListQuery(community.id), retry: false });
  const [changing, setChanging] = useState(false);
  const [endedMessage, setEndedMessage] = useState(false);
  const title = q.data ? q.data.title.trim() || t('meetings.series.untitled') : undefined;
  usePageTitle(title);

  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const mine = (upcoming.data ?? []).filter((m) => m.seriesId === s.id);
  const today = todayIn(s.timeZone);
  // Ended, or changed from a date onward (then a newer series continues it).
  const ended = s.endDate !== null;
  const successor = all.data?.find((x) => x.previousSeriesId === s.id);
  // Changes start by default at the next meeting of the series (or today when none is known).
  const next = mine.find((m) => m.status === 'planned')?.localDate ?? (s.startDate > today ? s.startDate : today);
  const canPlan = canPlanMeetings(community);

  return (
    <div className={styles.narrow}>
      <p className={styles.back}>
        <Link to={`/communities/${community.id}/meetings`}>
          <span aria-hidden="true">← </span>
          {t('meetings.layout.allMeetings')}
        </Link>
      </p>
      <PageHeader
        eyebrow={t('meetings.series.eyebrow')}
        title={
          <>
            {title} {ended && <Badge tone="neutral">{successor ? t('meetings.series.replacedBadge') : t('meetings.series.endedBadge')}</Badge>}
          </>
        }
      />
      {state?.planned && <SuccessMessage>{t('meetings.series.plannedMessage')}</SuccessMessage>}
      {state?.changed && <SuccessMessage>{t('meetings.series.changedMessage')}</SuccessMessage>}
      {endedMessage && <SuccessMessage>{t('meetings.series.ended')}</SuccessMessage>}
      {ended && (
        <p className={styles.endedNote}>
          {successor ? (
            <>
              {t('meetings.series.replacedNote', { date: mf.localDate(s.endDate!, 'long') })}{' '}
              <Link to={`/communities/${community.id}/series/${successor.id}`}>{t('meetings.series.successorLink')}</Link>
            </>
          ) : (
            t('meetings.series.endedNote', { date: mf.localDate(s.endDate!, 'long') })
          )}
        </p>
      )}
      <Card aria-labelledby="series-facts-h" className={styles.spaced}>
        <h2 id="series-facts-h">{t('meetings.series.factsTitle')}</h2>
        <SeriesFacts s={s} />
      </Card>

      <section aria-labelledby="series-upcoming-h" className={styles.section}>
        <h2 id="series-upcoming-h">{t('meetings.series.upcomingTitle')}</h2>
        {upcoming.isPending ? (
          <Loading />
        ) : mine.length === 0 ? (
          <EmptyState>{t('meetings.series.noUpcoming')}</EmptyState>
        ) : (
          <MeetingList meetings={mine} participates={community.myRoles.some((r) => r === 'member' || r === 'chair' || r === 'coordinator')} communityId={community.id} />
        )}
      </section>

      {canPlan && !ended && !upcoming.isPending && (
        <div className={`${styles.overview} ${styles.section}`}>
          {changing ? (
            <ChangeSeries series={s} communityId={community.id} firstDate={next} onClose={() => setChanging(false)} />
          ) : (
            <Card aria-labelledby="change-open-h">
              <h2 id="change-open-h">{t('meetings.series.changeTitle')}</h2>
              <p className={styles.muted}>{t('meetings.series.changeLead')}</p>
              <button type="button" className={buttonClass('secondary')} onClick={() => setChanging(true)}>
                {t('meetings.series.changeOpen')}
              </button>
            </Card>
          )}
          <EndSeries series={s} communityId={community.id} firstDate={next} onEnded={() => setEndedMessage(true)} />
        </div>
      )}
    </div>
  );
}
