import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { networksQuery } from '../networks/api';
import { communitiesQuery } from '../communities/api';
import { ButtonLink } from '../../ui/Button';
import { Badge, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import styles from './home.module.css';

export default function Dashboard({ name }: { name: string }) {
  const { t } = useTranslation();
  usePageTitle(t('home.dashboard.title'));
  const networks = useQuery(networksQuery);
  const communities = useQuery(communitiesQuery);
  const networkName = (id: string) => networks.data?.find((n) => n.id === id)?.name;

  return (
    <div>
      <PageHeader
        title={t('home.dashboard.title')}
        lead={t('home.dashboard.greeting', { name })}
        actions={<ButtonLink to="/networks/new">{t('home.dashboard.createNetwork')}</ButtonLink>}
      />

      <section aria-labelledby="dash-communities">
        <h2 id="dash-communities">{t('home.dashboard.communities')}</h2>
        {communities.isPending ? (
          <Loading />
        ) : communities.isError ? (
          <QueryError error={communities.error} onRetry={() => void communities.refetch()} inline />
        ) : communities.data.length === 0 ? (
          <EmptyState>{t('home.dashboard.noCommunities')}</EmptyState>
        ) : (
          <ul className={styles.grid}>
            {communities.data.map((c) => (
              <li key={c.id} className={styles.item}>
                <h3>
                  <Link to={`/communities/${c.id}`}>{c.name}</Link>
                </h3>
                {c.topic && <p style={{ margin: 0 }}>{c.topic}</p>}
                <p className={styles.meta}>
                  <Badge tone="primary">{t(`enums.phase.${c.phase}`)}</Badge>
                  <span>{t('home.dashboard.memberCount', { count: c.memberCount })}</span>
                </p>
                {networkName(c.networkId) && <p className={styles.meta}>{t('home.dashboard.inNetwork', { network: networkName(c.networkId) })}</p>}
                {c.myRoles.length > 0 && (
                  <p className={styles.meta}>
                    {t('home.dashboard.myRoles')}: {c.myRoles.map((r) => t(`enums.role.${r}`)).join(', ')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="dash-networks">
        <h2 id="dash-networks">{t('home.dashboard.networks')}</h2>
        {networks.isPending ? (
          <Loading />
        ) : networks.isError ? (
          <QueryError error={networks.error} onRetry={() => void networks.refetch()} inline />
        ) : networks.data.length === 0 ? (
          <EmptyState>{t('home.dashboard.noNetworks')}</EmptyState>
        ) : (
          <ul className={styles.grid}>
            {networks.data.map((n) => (
              <li key={n.id} className={styles.item}>
                <h3>
                  <Link to={`/networks/${n.id}`}>{n.name}</Link>
                </h3>
                {n.description && <p style={{ margin: 0 }}>{n.description}</p>}
                <p className={styles.meta}>
                  {n.isCoordinator && <Badge tone="success">{t('home.dashboard.coordinatorBadge')}</Badge>}
                  <span>{t('home.dashboard.communityCount', { count: n.communityCount })}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
