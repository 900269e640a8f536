import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityMonitor } from '../../../contracts/monitor';
import { Button } from '../../ui/Button';
import { Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { Actions } from './Actions';
import { isQuarterKey, monitorQuery } from './api';
import { CriticalFactor } from './CriticalFactor';
import { Evaluations } from './Evaluations';
import { Indicators } from './Indicators';
import { LoopHistory } from './LoopHistory';
import { MyTime } from './MyTime';
import { Quiet } from './Quiet';
import { Scores } from './Scores';
import { Trend } from './Trend';
import styles from './monitor.module.css';

/** Organisation ids → names, for reasons that name the organisation with the lowest attendance. */
function organisationNames(m: CommunityMonitor): Map<string, string> {
  const ind = m.quarter.indicators;
  const names = new Map<string, string>();
  for (const r of [...ind.attendance.organisations, ...ind.voice.perOrganisation]) if (r.name) names.set(r.key, r.name);
  for (const b of ind.reciprocity.brings) if (b.name) names.set(b.organisationId, b.name);
  return names;
}

const sections = ['scores', 'trend', 'indicators', 'quiet', 'my-time', 'evaluations', 'actions', 'history'] as const;

function Contents({ withMyTime }: { withMyTime: boolean }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('monitor.contents')} className={`${styles.toc} ${styles.noPrint}`}>
      <ul>
        {sections
          .filter((s) => withMyTime || s !== 'my-time')
          .map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`monitor.toc.${s}`)}</a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/**
 * One community's conditions for success: the critical factor and what to do about it, every
 * condition's score and trend, one quarter's indicators in full, evaluations, actions and the loop.
 */
export default function MonitorPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const asked = params.get('quarter');
  const q = useQuery(monitorQuery(community.id, isQuarterKey(asked) ? asked : undefined));
  const organisations = useMemo(() => (q.data ? organisationNames(q.data) : new Map<string, string>()), [q.data]);
  usePageTitle(t('monitor.documentTitle', { community: community.name }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const chooseQuarter = (key: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('quarter', key);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return (
    <div className={styles.page} data-print="monitor" data-testid="monitor">
      <PageHeader
        title={t('monitor.title')}
        lead={t('monitor.lead')}
        actions={
          <Button variant="secondary" className={styles.noPrint} onClick={() => window.print()}>
            {t('monitor.print')}
          </Button>
        }
      />
      <p className={styles.meta}>
        <span className={styles.printOnly}>{community.name} · </span>
        {t('monitor.computedAt', { date: fmt.dateTime(m.computedAt) })}
      </p>
      <Contents withMyTime={m.myTime !== null} />
      <CriticalFactor monitor={m} organisations={organisations} />
      <Scores monitor={m} organisations={organisations} />
      <Trend monitor={m} />
      <Indicators monitor={m} selected={isQuarterKey(asked) ? asked : m.quarter.key} onQuarter={chooseQuarter} updating={q.isFetching && q.isPlaceholderData} />
      <Quiet monitor={m} />
      {m.myTime && <MyTime communityId={m.community.id} myTime={m.myTime} />}
      <Evaluations monitor={m} />
      <Actions monitor={m} />
      <LoopHistory monitor={m} organisations={organisations} />
    </div>
  );
}
