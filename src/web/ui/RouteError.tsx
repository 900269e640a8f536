import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Last resort when a page crashes or its chunk cannot load (e.g. after a deploy). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <main id="main" style={{ maxWidth: '40rem', margin: '0 auto', padding: '2rem 1rem' }}>
      <h1>{t('common.crash.title')}</h1>
      <p>{t('common.crash.body')}</p>
      <p>
        <a href={window.location.href}>{t('common.crash.reload')}</a> · <a href="/">{t('common.backHome')}</a>
      </p>
    </main>
  );
}
