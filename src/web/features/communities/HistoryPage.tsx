import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Revision } from '../../../contracts/api';
import { EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { networkQuery } from '../networks/api';
import { useCommunity } from './CommunityLayout';
import { revisionsQuery } from './api';
import styles from './communities.module.css';

function useRenderValue(networkId: string) {
  const { t } = useTranslation();
  const network = useQuery({ ...networkQuery(networkId), retry: false });
  const orgName = (id: unknown) => network.data?.organisations.find((o) => o.id === id)?.name;
  return (field: Revision['field'], value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('communities.history.empty');
    if (field === 'phase' && typeof value === 'string') return t(`enums.phase.${value}`, { defaultValue: value });
    if (field === 'endProductVariants' && Array.isArray(value)) {
      if (value.length === 0) return t('communities.history.empty');
      return value
        .map((v) => {
          const o = v as { organisationId?: unknown; description?: unknown };
          const name = orgName(o.organisationId);
          return name ? `${name}: ${String(o.description ?? '')}` : `• ${String(o.description ?? '')}`;
        })
        .join('\n');
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
}

export default function HistoryPage() {
  const { t } = useTranslation();
  const c = useCommunity();
  usePageTitle(t('communities.history.title'));
  const q = useQuery(revisionsQuery(c.id));
  const fmt = useFormat();
  const render = useRenderValue(c.networkId);

  return (
    <div>
      <PageHeader title={t('communities.history.title')} lead={t('communities.history.lead')} />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} inline />
      ) : q.data.length === 0 ? (
        <EmptyState>{t('communities.history.none')}</EmptyState>
      ) : (
        <ol className={styles.revisions}>
          {q.data.map((r) => (
            <li key={r.id} className={styles.member} style={{ display: 'block' }}>
              <p style={{ margin: 0 }}>
                {t('communities.history.entry', {
                  who: r.changedBy?.name ?? t('communities.history.someone'),
                  field: t(`communities.history.fields.${r.field}`),
                })}{' '}
                <time dateTime={r.changedAt}>{fmt.dateTime(r.changedAt)}</time>
              </p>
              <div className={styles.change}>
                <p className={styles.before}>
                  <span className={styles.changeLabel}>{t('communities.history.before')}</span>
                  {render(r.field, r.before)}
                </p>
                <p className={styles.after}>
                  <span className={styles.changeLabel}>{t('communities.history.after')}</span>
                  {render(r.field, r.after)}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
