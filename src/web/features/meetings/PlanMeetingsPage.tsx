import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CreateMeetingBody } from '../../../contracts/meetings';
import { ButtonLink } from '../../ui/Button';
import { Card, PageHeader, usePageTitle } from '../../ui/Page';
import { useCommunity } from '../communities/CommunityLayout';
import { canPlanMeetings } from './access';
import { useCreateMeeting, useCreateSeries } from './api';
import { optionalText, toMinutes } from './fields';
import { MeetingForm, deadlineToIso, emptyMeeting, type MeetingFormValues } from './MeetingForm';
import { SeriesForm } from './SeriesForm';
import { emptySeries } from './seriesValues';
import styles from './meetings.module.css';

function extraMeetingBody(v: MeetingFormValues): CreateMeetingBody {
  return {
    title: optionalText(v.title),
    date: v.date,
    startTime: v.startTime,
    durationMinutes: toMinutes(v.durationMinutes),
    timeZone: v.timeZone,
    inputDeadline: deadlineToIso(v.inputDeadline, v.timeZone),
    room: v.room.trim(),
    address: v.address.trim(),
    locationNotes: v.locationNotes.trim(),
    onlineUrl: v.onlineUrl.trim(),
  };
}

export default function PlanMeetingsPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const navigate = useNavigate();
  const createSeries = useCreateSeries(community.id);
  const createMeeting = useCreateMeeting(community.id);
  usePageTitle(t('meetings.plan.title'));
  const base = `/communities/${community.id}`;

  if (!canPlanMeetings(community)) {
    return (
      <div>
        <PageHeader title={t('meetings.plan.title')} />
        <p>{t('meetings.plan.notAllowed')}</p>
        <ButtonLink to={`${base}/meetings`} variant="secondary">
          {t('meetings.plan.backToList')}
        </ButtonLink>
      </div>
    );
  }

  return (
    <div className={styles.narrow}>
      <PageHeader title={t('meetings.plan.title')} lead={t('meetings.plan.lead')} />
      <Card aria-labelledby="plan-series-h" data-testid="plan-series">
        <h2 id="plan-series-h">{t('meetings.plan.seriesTitle')}</h2>
        <p className={styles.muted}>{t('meetings.plan.seriesLead')}</p>
        <SeriesForm
          initial={emptySeries()}
          error={createSeries.error}
          pending={createSeries.isPending}
          submitLabel={t('meetings.plan.seriesSubmit')}
          onSubmit={(body) => createSeries.mutate(body, { onSuccess: (s) => navigate(`${base}/series/${s.id}`, { state: { planned: true } }) })}
          extraActions={
            <ButtonLink to={`${base}/meetings`} variant="secondary">
              {t('common.cancel')}
            </ButtonLink>
          }
        />
      </Card>
      <Card aria-labelledby="plan-extra-h" data-testid="plan-extra" className={styles.spaced}>
        <h2 id="plan-extra-h">{t('meetings.plan.extraTitle')}</h2>
        <p className={styles.muted}>{t('meetings.plan.extraLead')}</p>
        <MeetingForm
          initial={emptyMeeting()}
          error={createMeeting.error}
          pending={createMeeting.isPending}
          submitLabel={t('meetings.plan.extraSubmit')}
          onSubmit={(v) => createMeeting.mutate(extraMeetingBody(v), { onSuccess: (m) => navigate(`${base}/meetings/${m.id}`) })}
        />
      </Card>
    </div>
  );
}
