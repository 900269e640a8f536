import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../lib/format';
import styles from './monitor.module.css';

/** Numbers in the interface language. */
export function useNumbers() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
    const formatters = new Map<number, Intl.NumberFormat>();
    const decimal = (n: number, digits = 1) => {
      let f = formatters.get(digits);
      if (!f) formatters.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
      return f.format(n);
    };
    return { decimal, percent: (share: number) => formatPercent(share, lang) };
  }, [lang]);
}

/** "geen gegevens": in full, or (in dense tables) a dash that screen readers hear in words. */
export function NoData({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  if (!compact) return <span className={styles.noData}>{t('monitor.noData')}</span>;
  return (
    <>
      <span aria-hidden="true" className={styles.noData}>
        –
      </span>
      <span className="sr-only">{t('monitor.noData')}</span>
    </>
  );
}

/** A value that may be unknown. */
export function Value<T>({ value, format, compact }: { value: T | null | undefined; format: (v: T) => ReactNode; compact?: boolean }) {
  return value === null || value === undefined ? <NoData compact={compact} /> : <>{format(value)}</>;
}

/** A table with a caption that scrolls sideways on a narrow screen (and can be scrolled by keyboard). */
export function DataTable({ caption, children, testId, captionHidden }: { caption: ReactNode; children: ReactNode; testId?: string; captionHidden?: boolean }) {
  const id = useId();
  return (
    <div className={styles.tableScroll} tabIndex={0} role="group" aria-labelledby={id}>
      <table className={styles.table} data-testid={testId}>
        <caption id={id} className={captionHidden ? 'sr-only' : styles.caption}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

/** A section of the monitor page with its h2 (and an anchor for the page's contents list). */
export function Section({ id, title, children, lead, testId, className }: { id: string; title: ReactNode; children: ReactNode; lead?: ReactNode; testId?: string; className?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className={[styles.section, className].filter(Boolean).join(' ')} data-testid={testId}>
      <h2 id={`${id}-h`}>{title}</h2>
      {lead && <p className={styles.lead}>{lead}</p>}
      {children}
    </section>
  );
}

export type Tone = 'low' | 'mid' | 'high';
/** Colour band of a 0–100 score; the number is always printed next to it. */
export const toneOf = (score: number): Tone => (score < 40 ? 'low' : score < 70 ? 'mid' : 'high');

export interface Bar {
  key: string;
  label: ReactNode;
  value: number | null;
  /** The value as printed next to the bar. */
  text: ReactNode;
  tone?: Tone;
}

/**
 * A horizontal bar chart: label, bar, printed value. The chart is one image for assistive technology
 * (`label` says what it shows); the table next to it carries the same numbers.
 */
export function BarChart({ bars, max, label, testId, small }: { bars: Bar[]; max: number; label: string; testId?: string; small?: boolean }) {
  return (
    <div role="img" aria-label={label} className={[styles.bars, small ? styles.barsSmall : ''].join(' ')} data-testid={testId}>
      {bars.map((b) => (
        <div key={b.key} className={styles.barRow}>
          <span className={styles.barLabel}>{b.label}</span>
          <svg className={styles.barTrack} viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect x="0" y="0" width="100" height="10" className={styles.barBg} />
            {b.value !== null && b.value > 0 && max > 0 && <rect x="0" y="0" width={(Math.min(b.value, max) / max) * 100} height="10" className={styles[`bar_${b.tone ?? 'neutral'}`]} />}
          </svg>
          <span className={styles.barValue}>{b.text}</span>
        </div>
      ))}
    </div>
  );
}

/** Key figures as a definition list: term above, value below. */
export function Facts({ items, testId }: { items: { term: ReactNode; value: ReactNode }[]; testId?: string }) {
  return (
    <dl className={styles.facts} data-testid={testId}>
      {items.map((it, i) => (
        <div key={i}>
          <dt>{it.term}</dt>
          <dd>{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An organisation's name, or "geen organisatie" for the members without one. */
export function useOrgName() {
  const { t } = useTranslation();
  return (name: string) => name || t('monitor.noOrganisation');
}

/** Said once where member-level rows would be: they are left out for researchers and observers. */
export function PrivacyNote() {
  const { t } = useTranslation();
  return <p className={styles.note}>{t('monitor.indicators.privacy')}</p>;
}
