import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../contracts/decisions';
import { useFormat } from '../../lib/format';
import { PositionBadge, useClosingText } from './labels';
import styles from './decisions.module.css';

/** Earlier wordings with why they changed, and every response over time: behind a disclosure. */
export function History({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const closing = useClosingText();
  const { revisions, history } = proposal;
  if (revisions.length === 0 && history.length === 0) return null;
  return (
    <details className={styles.disclosure} data-testid="proposal-history">
      <summary>
        {t('decisions.history.title')}{' '}
        <span className={styles.muted}>({t('decisions.history.counts', { revisions: revisions.length, responses: history.length })})</span>
      </summary>
      {revisions.length > 0 && (
        <>
          <h3>{t('decisions.history.revisions')}</h3>
          <ol className={styles.revisions}>
            {revisions.map((r) => (
              <li key={r.round} className={styles.revision}>
                <h4 className={styles.tight}>{t('decisions.history.round', { round: r.round, title: r.title })}</h4>
                <p className={styles.text}>{r.body}</p>
                {r.background && <p className={`${styles.text} ${styles.muted}`}>{r.background}</p>}
                <p className={styles.muted}>{closing(r.closesAt)}</p>
                <p className={styles.tight}>
                  <strong>{t('decisions.history.whyChanged')}</strong> {r.note}
                </p>
                <p className={styles.muted}>
                  {r.amendedBy ? t('decisions.history.amendedBy', { name: r.amendedBy.name, date: fmt.dateTime(r.amendedAt) }) : fmt.dateTime(r.amendedAt)}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      {history.length > 0 && (
        <div className={styles.tableScroll} tabIndex={0} role="group" aria-label={t('decisions.history.responses')}>
          <table className={styles.table}>
            <caption className={styles.caption}>{t('decisions.history.responses')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('decisions.history.when')}</th>
                <th scope="col">{t('decisions.responses.name')}</th>
                <th scope="col">{t('decisions.history.wording')}</th>
                <th scope="col">{t('decisions.responses.position')}</th>
                <th scope="col">{t('decisions.responses.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={`${h.userId}-${h.at}-${i}`}>
                  <td>{fmt.dateTime(h.at)}</td>
                  <th scope="row">{h.name}</th>
                  <td>{t('decisions.history.wordingN', { round: h.round })}</td>
                  <td>
                    <PositionBadge position={h.position} />
                  </td>
                  <td className={styles.text}>{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
