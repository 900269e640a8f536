import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../contracts/meetings';
import { ButtonLink } from '../../ui/Button';
import { EmptyState, Loading, PageHeader, usePageTitle } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { canPlanMeetings } from './access';
import { meetingsQuery, seriesListQuery, type MeetingScope } from './api';
import { MeetingList, SectionError } from './MeetingList';
import { RecurrenceText } from './RecurrenceText';
import styles from './meetings.module.css';

function MeetingsSection({ scope, communityId, participates, canPlan }: { scope: Exclude<MeetingScope, 'all'>; communityId: string; participates: boolean; canPlan: boolean }) {
  const { t } = useTranslation();
  const q = useQuery(meetingsQuery(communityId, scope));
  const hid = `meetings-${scope}-h`;
  return (
    <section aria-labelledby={hid} className={styles.section}>
      <h2 id={hid}>{t(`meetings.list.${scope}`)}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <SectionError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState>{scope === 'upcoming' ? (canPlan ? t('meetings.list.noneUpcomingPlan') : t('meetings.list.noneUpcoming')) : t('meetings.list.nonePast')}</EmptyState>
      ) : (
        <MeetingList meetings={q.data} participates={participates} communityId={communityId} />
      )}
    </section>
  );
}

function SeriesItem({ s, communityId }: { s: Series; communityId: string }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  return (
    <li>
      <Link to={`/communities/${communityId}/series/${s.id}`}>{s.title.trim() || t('meetings.series.untitled')}</Link>
      {': '}
      <RecurrenceText recurrence={s.recurrence} rrule={s.rrule} timeZone={s.timeZone} />
      {', '}
      {t('meetings.series.atTime', { time: s.startTime })}
      {s.endDate && <> ({t('meetings.series.endsOn', { date: mf.localDate(s.endDate, 'long') })})</>}
    </li>
  );
}

function SeriesSection({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  // Shown to whoever may read them; a 403 simply leaves the section out.
  const q = useQuery({ ...seriesListQuery(communityId), retry: false });
  if (!q.data || q.data.length === 0) return null;
  return (
    <section aria-labelledby="series-h" className={styles.section}>
      <h2 id="series-h">{t('meetings.series.listTitle')}</h2>
      <ul className={styles.seriesList}>
        {q.data.map((s) => (
          <SeriesItem key={s.id} s={s} communityId={communityId} />
        ))}
      </ul>
    </section>
  );
}

export default function MeetingsPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  usePageTitle(t('meetings.list.title', { name: community.name }));
  const canPlan = canPlanMeetings(community);
  // Researchers and observers read along; they do not answer or give input.
  const participates = community.myRoles.some((r) => r === 'member' || r === 'chair' || r === 'coordinator');

  return (
    <div>
      <PageHeader
        title={t('meetings.list.title', { name: community.name })}
        lead={t('meetings.list.lead')}
        actions={
          canPlan && (
            <ButtonLink to={`/communities/${community.id}/meetings/new`} data-testid="plan-meetings-link">
              {t('meetings.list.plan')}
            </ButtonLink>
          )
        }
      />
      <MeetingsSection scope="upcoming" communityId={community.id} participates={participates} canPlan={canPlan} />
      <SeriesSection communityId={community.id} />
      <MeetingsSection scope="past" communityId={community.id} participates={participates} canPlan={canPlan} />
    </div>
  );
}
