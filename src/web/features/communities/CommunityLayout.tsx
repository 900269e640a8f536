import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityDetail } from '../../../contracts/api';
import { Loading, QueryError } from '../../ui/Page';
import { communityQuery } from './api';
import styles from './communities.module.css';

export function useCommunity() {
  return useOutletContext<CommunityDetail>();
}

export default function CommunityLayout() {
  const { t } = useTranslation();
  const { communityId = '' } = useParams();
  const { pathname } = useLocation();
  const q = useQuery(communityQuery(communityId));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const base = `/communities/${c.id}`;
  // Proposals and the decision log are one tab.
  const inDecisions = [`${base}/proposals`, `${base}/decisions`].some((p) => pathname === p || pathname.startsWith(`${p}/`));
  // The monitor's evaluation pages belong to its tab.
  const inMonitor = pathname === `${base}/monitor` || pathname.startsWith(`${base}/monitor/`);
  return (
    <div>
      <nav aria-label={t('communities.nav.breadcrumb')}>
        <p style={{ margin: '0 0 0.5rem', fontSize: '0.875rem' }}>
          <Link to={`/networks/${c.networkId}`}>{c.networkName}</Link> <span aria-hidden="true">›</span> {c.name}
        </p>
      </nav>
      <nav aria-label={t('communities.nav.label')}>
        <ul className={styles.tabs}>
          <li>
            <NavLink to={base} end>
              {t('communities.nav.overview')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/meetings`}>{t('communities.nav.meetings')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/knowledge`}>{t('knowledge.nav')}</NavLink>
          </li>
          <li>
            <Link to={`${base}/proposals`} aria-current={inDecisions ? 'page' : undefined} data-testid="decisions-tab">
              {t('decisions.nav')}
            </Link>
          </li>
          <li>
            <Link to={`${base}/monitor`} aria-current={inMonitor ? 'page' : undefined} data-testid="monitor-tab">
              {t('monitor.nav')}
            </Link>
          </li>
          <li>
            <NavLink to={`${base}/table`}>{t('communities.nav.table')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/rota`}>{t('communities.nav.rota')}</NavLink>
          </li>
          {c.permissions.invite && (
            <li>
              <NavLink to={`${base}/invitations`}>{t('communities.nav.invitations')}</NavLink>
            </li>
          )}
          <li>
            <NavLink to={`${base}/history`}>{t('communities.nav.history')}</NavLink>
          </li>
          {c.permissions.edit && (
            <li>
              <NavLink to={`${base}/edit`}>{t('communities.nav.edit')}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Outlet context={c} />
    </div>
  );
}
