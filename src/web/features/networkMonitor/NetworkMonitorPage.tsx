import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NetworkMonitor } from '../../../contracts/monitor';
import { isApiError } from '../../api/client';
import { useFormat } from '../../lib/format';
import { EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useConditionLabel } from '../monitor/labels';
import { networkMonitorCsvUrl, networkMonitorQuery } from './api';
import { CriticalChart } from './CriticalChart';
import { HeatMap, Legend } from './HeatMap';
import { oldestComputedAt, summarize, summaryText } from './heatmap';
import styles from './networkMonitor.module.css';

/** The API answers 403 to someone who sits in the network but may not compare its communities. */
function Forbidden({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  usePageTitle(t('common.forbidden.title'));
  return (
    <div className={styles.page}>
      <PageHeader title={t('common.forbidden.title')} />
      <p role="alert">{t('networkMonitor.forbidden')}</p>
      <p>
        <Link to={`/networks/${networkId}`}>{t('networkMonitor.backToNetwork')}</Link>
      </p>
    </div>
  );
}

function Overview({ data }: { data: NetworkMonitor }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useConditionLabel();
  const { network, rows, pending } = data;
  const computedAt = oldestComputedAt(rows);
  const summary = summaryText(summarize(rows), t, label, (items) => items.join(', '));
  usePageTitle(t('networkMonitor.documentTitle', { network: network.name }));

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/networks/${network.id}`}>
          <span aria-hidden="true">← </span>
          {t('networkMonitor.backTo', { network: network.name })}
        </Link>
      </p>
      <PageHeader
        title={t('networkMonitor.title', { network: network.name })}
        actions={
          rows.length > 0 && (
            <a href={networkMonitorCsvUrl(network.id)} download className={styles.csvLink}>
              {t('networkMonitor.csv')}
            </a>
          )
        }
      />
      <p className={styles.summary} data-testid="network-summary">
        {summary}
      </p>
      <div className={styles.meta}>
        {computedAt && <p>{t('networkMonitor.computedAt', { when: fmt.dateTime(computedAt) })}</p>}
        <p role="status" className={pending > 0 ? styles.pending : undefined}>
          {pending > 0 ? t('networkMonitor.pending', { count: pending }) : ''}
        </p>
      </div>

      {rows.length === 0 ? (
        pending === 0 && <EmptyState>{t('networkMonitor.empty')}</EmptyState>
      ) : (
        <>
          <section aria-labelledby="heatmap-h">
            <h2 id="heatmap-h" className="sr-only">
              {t('networkMonitor.table.heading')}
            </h2>
            <div className={styles.explain}>
              <p className={styles.lead}>{t('networkMonitor.lead')}</p>
              <Legend />
            </div>
            <div className={styles.wide}>
              <HeatMap rows={rows} />
            </div>
          </section>
          <CriticalChart rows={rows} />
        </>
      )}
    </div>
  );
}

/** All communities of a network side by side: a heat map of the conditions for coordinators and researchers. */
export default function NetworkMonitorPage() {
  const { networkId = '' } = useParams();
  const q = useQuery(networkMonitorQuery(networkId));
  // A failed background refetch keeps what is already on screen.
  if (q.data) return <Overview data={q.data} />;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 403) return <Forbidden networkId={networkId} />;
    return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  }
  return <Loading />;
}
