import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { Button } from './Button';
import styles from './Page.module.css';

let focusOnNextTitle = false;
/** Called by the layout when the route changes (not on first load). */
export function requestHeadingFocus() {
  focusOnNextTitle = true;
}

let announce: ((text: string) => void) | null = null;
export function setAnnouncer(fn: ((text: string) => void) | null) {
  announce = fn;
}

/**
 * Sets the translated document title; after a client-side navigation it moves focus to the page's
 * h1 and announces the new page, so screen-reader users know where they landed.
 */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!title) return;
    document.title = t('common.documentTitle', { page: title });
    if (focusOnNextTitle) {
      focusOnNextTitle = false;
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: false });
      }
      announce?.(title);
    }
  }, [title, t]);
}

export function PageHeader({ title, lead, actions, eyebrow }: { title: ReactNode; lead?: ReactNode; actions?: ReactNode; eyebrow?: ReactNode }) {
  return (
    <div className={styles.header}>
      <div>
        {eyebrow && <p className={styles.eyebrow}>{eyebrow}</p>}
        <h1 tabIndex={-1}>{title}</h1>
        {lead && <p className={styles.lead}>{lead}</p>}
      </div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={styles.loading}>
      <span className={styles.spinner} aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

/** Full-page error for a failed query: not found, no access, or something else with a retry. */
export function QueryError({ error, onRetry, inline }: { error: unknown; onRetry?: () => void; inline?: boolean }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  const title = status === 404 ? t('common.notFound.title') : status === 403 ? t('common.forbidden.title') : t('common.errors.loadFailed');
  usePageTitle(inline ? undefined : title);
  return (
    <div className={styles.errorState}>
      {inline ? (
        <p>
          <strong>{title}</strong>
        </p>
      ) : (
        <h1 tabIndex={-1}>{title}</h1>
      )}
      <p role="alert">{isApiError(error) ? error.title : t('common.errors.unexpected')}</p>
      <div className={styles.actions}>
        {onRetry && status !== 404 && status !== 403 && (
          <Button variant="secondary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
        <Link to="/">{t('common.backHome')}</Link>
      </div>
    </div>
  );
}

export function Card({ children, className, as: As = 'section', ...rest }: { children: ReactNode; className?: string; as?: 'section' | 'div' | 'article' | 'li' } & Record<string, unknown>) {
  return (
    <As className={[styles.card, className].filter(Boolean).join(' ')} {...rest}>
      {children}
    </As>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'primary' | 'success' | 'warning' | 'danger' }) {
  return <span className={`${styles.badge} ${styles[`badge_${tone}`]}`}>{children}</span>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className={styles.empty}>{children}</p>;
}

export function useAutoFocusRef<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
