import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Rhythm } from '../../../contracts/meetings';
import { ButtonLink } from '../../ui/Button';
import { Badge, Card, EmptyState, Loading, QueryError } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { rhythmQuery } from '../rota/api';
import styles from './rhythm.module.css';

const NOTES_PREVIEW = 280;
const preview = (s: string) => (s.length > NOTES_PREVIEW ? `${s.slice(0, NOTES_PREVIEW).trimEnd()}…` : s);

function GapWarning({ gap, base, canPlan }: { gap: NonNullable<Rhythm['gapWarning']>; base: string; canPlan: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className={styles.gap} data-testid="gap-warning">
      <h3 className={styles.gapTitle}>
        <span aria-hidden="true">⚠ </span>
        {t('rhythm.gap.title')}
      </h3>
      <p>{t('rhythm.gap.body', { weeks: Math.round(gap.weeks), previous: fmt.date(gap.previousAt), next: fmt.date(gap.nextAt) })}</p>
      <p className={styles.tight}>
        {t('rhythm.gap.advice')}{' '}
        {canPlan && <Link to={`${base}/meetings/new`}>{t('rhythm.gap.planExtra')}</Link>}
      </p>
    </div>
  );
}

function NextMeeting({ r, base }: { r: Rhythm; base: string }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const m = r.nextMeeting;
  if (!m) {
    return (
      <Card as="div" className={styles.card}>
        <h3>{t('rhythm.next.title')}</h3>
        <EmptyState>{t('rhythm.next.none')}</EmptyState>
      </Card>
    );
  }
  const meetingUrl = `${base}/meetings/${m.id}`;
  const place = [m.room, m.address].filter(Boolean).join(', ');
  const input = r.nextInput;
  return (
    <Card as="div" className={styles.card} data-testid="next-meeting">
      <h3>{t('rhythm.next.title')}</h3>
      <p className={styles.when}>
        <Link to={meetingUrl}>{fmt.meetingTime(m)}</Link>
        {m.status === 'cancelled' && (
          <>
            {' '}
            <Badge tone="danger">{t('rhythm.next.cancelled')}</Badge>
          </>
        )}
      </p>
      {m.title && m.title !== m.communityName && <p className={styles.tight}>{m.title}</p>}
      <dl className={styles.facts}>
        <div>
          <dt>{t('rhythm.next.place')}</dt>
          <dd>
            {place || t('rhythm.next.noPlace')}
            {m.locationNotes && <span className={styles.sub}>{m.locationNotes}</span>}
            {m.onlineUrl && (
              <span className={styles.sub}>
                <a href={m.onlineUrl} rel="noreferrer noopener" target="_blank">
                  {t('rhythm.next.online')}
                  <span className="sr-only"> ({t('rhythm.next.newWindow')})</span>
                </a>
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('rhythm.next.chair')}</dt>
          <dd>{m.chair?.name ?? t('rhythm.next.noChair')}</dd>
        </div>
        {input && (
          <div>
            <dt>{t('rhythm.input.title')}</dt>
            <dd data-testid="input-status">
              {t('rhythm.input.status', { count: input.memberCount, given: input.contributorCount })}{' '}
              {input.open
                ? t('rhythm.input.deadline', { deadline: fmt.dateTimeIn(input.deadline, m.timeZone) })
                : t('rhythm.input.closed', { deadline: fmt.dateTimeIn(input.deadline, m.timeZone) })}
              <span className={styles.sub}>
                {input.mine > 0 ? t('rhythm.input.mine', { count: input.mine }) : t('rhythm.input.mineNone')}{' '}
                {input.open && <Link to={meetingUrl}>{input.mine > 0 ? t('rhythm.input.addMore') : t('rhythm.input.give')}</Link>}
              </span>
            </dd>
          </div>
        )}
      </dl>
      <h4 className={styles.subTitle}>
        {t('rhythm.next.programme')}
        {!!r.nextAgenda?.length && !m.programmePublishedAt && (
          <>
            {' '}
            <Badge tone="warning">{t('rhythm.next.draft')}</Badge>
          </>
        )}
      </h4>
      {r.nextAgenda && r.nextAgenda.length > 0 ? (
        <>
          <ol className={styles.programme}>
            {r.nextAgenda.map((i) => (
              <li key={i.id}>
                {i.title} <span className={styles.muted}>({fmt.minutes(i.durationMinutes, 'short')})</span>
              </li>
            ))}
          </ol>
          <Link to={`${meetingUrl}/programme`}>{t('rhythm.next.toProgramme')}</Link>
        </>
      ) : (
        <p className={styles.muted}>{t('rhythm.next.noProgramme')}</p>
      )}
    </Card>
  );
}

function LastMinutes({ r, base }: { r: Rhythm; base: string }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const last = r.lastMinutes;
  if (!last) {
    return (
      <Card as="div" className={styles.card}>
        <h3>{t('rhythm.last.title')}</h3>
        <EmptyState>{t('rhythm.last.none')}</EmptyState>
      </Card>
    );
  }
  const withNotes = last.items.filter((i) => i.notes.trim());
  return (
    <Card as="div" className={styles.card} data-testid="last-minutes">
      <h3>{t('rhythm.last.title')}</h3>
      <p className={styles.when}>{fmt.localDate(last.meeting.localDate)}</p>
      {withNotes.length === 0 ? (
        <p className={styles.muted}>{t('rhythm.last.noNotes')}</p>
      ) : (
        <dl className={styles.notes}>
          {withNotes.map((i, n) => (
            <div key={n}>
              <dt>{i.title}</dt>
              <dd>{preview(i.notes)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h4 className={styles.subTitle}>{t('rhythm.last.openActions', { count: last.openActions.length })}</h4>
      {last.openActions.length > 0 ? (
        <ul className={styles.actions}>
          {last.openActions.map((a) => (
            <li key={a.id}>
              {a.title}
              <span className={styles.sub}>
                {[a.owner?.name, a.dueDate ? t('rhythm.last.due', { date: fmt.localDate(a.dueDate, 'long') }) : ''].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>{t('rhythm.last.allDone')}</p>
      )}
      <Link to={`${base}/meetings/${last.meeting.id}/minutes`}>{t('rhythm.last.read')}</Link>
    </Card>
  );
}

/** The community page's view of its meetings: what is next, what was last, and whether the rhythm holds. */
export function RhythmCard({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const q = useQuery(rhythmQuery(communityId));
  const base = `/communities/${communityId}`;
  return (
    <section aria-labelledby="rhythm-h" className={styles.rhythm} data-testid="rhythm">
      <div className={styles.heading}>
        <h2 id="rhythm-h">{t('rhythm.title')}</h2>
        <div className={styles.links}>
          <Link to={`${base}/meetings`}>{t('rhythm.allMeetings')}</Link>
          {q.data?.canPlan && (
            <ButtonLink to={`${base}/meetings/new`} variant="secondary" size="small">
              {t('rhythm.plan')}
            </ButtonLink>
          )}
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError inline error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          {q.data.gapWarning && <GapWarning gap={q.data.gapWarning} base={base} canPlan={q.data.canPlan} />}
          <div className={styles.grid}>
            <NextMeeting r={q.data} base={base} />
            <LastMinutes r={q.data} base={base} />
          </div>
        </>
      )}
    </section>
  );
}
