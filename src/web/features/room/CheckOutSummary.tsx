import { useTranslation } from 'react-i18next';
import styles from './room.module.css';

export const SCORES = [1, 2, 3, 4, 5] as const;

/** The check-out in aggregate: a table of the scores (bars only as decoration) and the words. */
export function CheckOutSummary({ distribution, words, answered, of }: { distribution: number[]; words: string[]; answered: number; of?: number }) {
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...distribution);
  const total = distribution.reduce((a, b) => a + b, 0);
  const average = total ? distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / total : null;
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return (
    <div className={styles.checkOutSummary} data-testid="checkout-summary">
      <p className={styles.tight}>
        {of !== undefined ? t('room.checkOut.answeredOf', { count: answered, of }) : t('room.checkOut.answered', { count: answered })}
        {average !== null && <> {t('room.checkOut.average', { value: nf.format(average) })}</>}
      </p>
      {total === 0 && answered > 0 ? (
        // While the check-out is open the server shares only who answered: a growing tally would give answers away.
        <p className={styles.muted}>{t('room.checkOut.revealedAtClose')}</p>
      ) : (
      <table className={styles.scoreTable}>
        <caption className="sr-only">{t('room.checkOut.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('room.checkOut.score')}</th>
            <th scope="col">{t('room.checkOut.count')}</th>
            <th scope="col">
              <span className="sr-only">{t('room.checkOut.bar')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {SCORES.map((s, i) => (
            <tr key={s}>
              <th scope="row">{t(`room.checkOut.scoreLabel.${s}`)}</th>
              <td>{distribution[i] ?? 0}</td>
              <td className={styles.barCell} aria-hidden="true">
                <span className={styles.scoreBar} style={{ width: `${((distribution[i] ?? 0) / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      {words.length > 0 && (
        <>
          <h3>{t('room.checkOut.words')}</h3>
          <ul className={styles.words}>
            {words.map((w, i) => (
              <li key={`${w}-${i}`}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
