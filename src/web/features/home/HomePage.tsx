import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../account/api';
import { ButtonLink } from '../../ui/Button';
import { Loading, QueryError, usePageTitle } from '../../ui/Page';
import styles from './home.module.css';

const Dashboard = lazy(() => import('./Dashboard'));

function Landing() {
  const { t } = useTranslation();
  usePageTitle(t('home.landing.title'));
  return (
    <div className={styles.landing}>
      <section className={styles.hero} aria-labelledby="landing-h">
        <h1 id="landing-h" tabIndex={-1}>{t('home.landing.title')}</h1>
        <p className={styles.lead}>{t('home.landing.lead')}</p>
        <div className={styles.ctas}>
          <ButtonLink to="/sign-up">{t('home.landing.signUp')}</ButtonLink>
          <ButtonLink to="/sign-in" variant="secondary">
            {t('home.landing.signIn')}
          </ButtonLink>
        </div>
      </section>
      <section aria-labelledby="landing-what">
        <h2 id="landing-what">{t('home.landing.whatTitle')}</h2>
        <ul className={styles.points}>
          <li>
            <strong>{t('home.landing.point1.title')}</strong> {t('home.landing.point1.body')}
          </li>
          <li>
            <strong>{t('home.landing.point2.title')}</strong> {t('home.landing.point2.body')}
          </li>
          <li>
            <strong>{t('home.landing.point3.title')}</strong> {t('home.landing.point3.body')}
          </li>
        </ul>
        <p>
          {t('home.landing.parents')}
        </p>
      </section>
    </div>
  );
}

export default function HomePage() {
  const me = useQuery(meQuery);
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Landing />;
  return (
    <Suspense fallback={<Loading />}>
      <Dashboard name={me.data.name} />
    </Suspense>
  );
}
