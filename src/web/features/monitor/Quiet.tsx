import { useTranslation } from 'react-i18next';
import type { CommunityMonitor } from '../../../contracts/monitor';
import { Section } from './parts';
import styles from './monitor.module.css';

/** Who was not heard lately: a prompt to invite them, never a list of the guilty. */
export function Quiet({ monitor }: { monitor: CommunityMonitor }) {
  const { t } = useTranslation();
  const q = monitor.quiet;
  const meetings = q.meetings || 3;
  return (
    <Section id="quiet" title={t('monitor.quiet.title', { count: meetings })} testId="quiet">
      {q.meetings === 0 ? (
        <p>{t('monitor.quiet.noMeetings')}</p>
      ) : q.count === 0 ? (
        <p>{t('monitor.quiet.everyone', { count: q.meetings })}</p>
      ) : monitor.viewer.seesMembers && q.people.length > 0 ? (
        <>
          <p>{t('monitor.quiet.invite', { count: q.meetings })}</p>
          <ul className={styles.quietList}>
            {q.people.map((p) => (
              <li key={p.userId}>{p.name}</li>
            ))}
          </ul>
          <p className={styles.muted}>{t('monitor.quiet.why')}</p>
        </>
      ) : (
        <>
          <p>{t('monitor.quiet.countOnly', { count: q.count, meetings: q.meetings })}</p>
          <p className={styles.note}>{t('monitor.quiet.privacy')}</p>
        </>
      )}
    </Section>
  );
}
