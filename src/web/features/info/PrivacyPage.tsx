import { useTranslation } from 'react-i18next';
import { PageHeader, usePageTitle } from '../../ui/Page';
import styles from './info.module.css';

export default function PrivacyPage() {
  const { t } = useTranslation();
  usePageTitle(t('info.privacy.title'));
  const sections = ['stored', 'who', 'children', 'why', 'leave', 'questions'] as const;
  return (
    <div className={styles.page}>
      <PageHeader title={t('info.privacy.title')} lead={t('info.privacy.lead')} />
      <div className={styles.explainer}>
        {sections.map((s) => (
          <section key={s} aria-labelledby={`privacy-${s}`} className={styles.block}>
            <h2 id={`privacy-${s}`}>{t(`info.privacy.${s}.title`)}</h2>
            <p>{t(`info.privacy.${s}.body`)}</p>
          </section>
        ))}
      </div>
    </div>
  );
}
