import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader, usePageTitle } from '../../ui/Page';

export default function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('common.notFound.title'));
  return (
    <div>
      <PageHeader title={t('common.notFound.title')} lead={t('common.notFound.body')} />
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </div>
  );
}
