import { useTranslation } from 'react-i18next';
import styles from './info.module.css';

/** Plain-language explanation of a PLG and what is asked of a participant (domain.md). */
export function PlgExplainer({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const sections = ['what', 'meetings', 'harvest', 'voice', 'decisions', 'product', 'time'] as const;
  return (
    <div className={styles.explainer}>
      {sections.map((s) => (
        <section key={s} aria-labelledby={`plg-${s}`} className={styles.block}>
          <H id={`plg-${s}`}>{t(`info.plg.${s}.title`)}</H>
          <p>{t(`info.plg.${s}.body`)}</p>
        </section>
      ))}
    </div>
  );
}
