import { useTranslation } from 'react-i18next';
import { PageHeader, usePageTitle } from '../../ui/Page';
import { PlgExplainer } from './PlgExplainer';
import styles from './info.module.css';

export default function WhatIsPlgPage() {
  const { t } = useTranslation();
  usePageTitle(t('info.plg.pageTitle'));
  return (
    <div className={styles.page}>
      <PageHeader title={t('info.plg.pageTitle')} lead={t('info.plg.lead')} />
      <PlgExplainer />
    </div>
  );
}
