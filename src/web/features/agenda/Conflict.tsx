import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { formStyles } from '../../ui/Form';
import styles from './agenda.module.css';

/**
 * A save refused because someone else changed the same thing first: what is saved now, and a way
 * to continue from it. Nothing is overwritten until the user saves again on top of the new version.
 */
export function ConflictNotice({ title, current, onLoad, loadLabel }: { title: string; current: { label: string; value: ReactNode }[]; onLoad: () => void; loadLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={`${formStyles.alert} ${formStyles.alertWarning}`} data-testid="conflict-message">
      <p className={styles.tight}>
        <strong>{title}</strong>
      </p>
      <p>{t('agenda.conflict.nowSaved')}</p>
      <dl className={styles.currentValues}>
        {current.map((c) => (
          <div key={c.label}>
            <dt>{c.label}</dt>
            <dd>{c.value}</dd>
          </div>
        ))}
      </dl>
      <p>{t('agenda.conflict.body')}</p>
      <Button variant="secondary" onClick={onLoad} data-testid="conflict-load">
        {loadLabel ?? t('agenda.conflict.load')}
      </Button>
    </div>
  );
}

/** Under a field after loading the newest version: what is saved there, when it differs from the form. */
export function SavedValue({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className={formStyles.serverValue}>
      <strong>{t('agenda.conflict.savedValue')}</strong> {children}
    </p>
  );
}
