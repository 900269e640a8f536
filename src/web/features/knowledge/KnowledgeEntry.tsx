import { Fragment } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { KnowledgeEntry as Entry } from '../../../contracts/room';
import { useFormat } from '../../lib/format';
import styles from './knowledge.module.css';

/** The server marks search terms in a snippet as «term»; they are shown as <mark>. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/«([^»]*)»/g);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}

/** A meeting by its own title and date; meetings are named after the community by default, which says nothing here. */
export function meetingLabel(title: string, communityName: string, date: string, byDate: string): string {
  const own = title.trim();
  return own && own !== communityName ? `${own} (${date})` : byDate;
}

/** One harvest: who shared it, from which organisation and meeting, and what it was. */
export function KnowledgeEntry({ entry, communityId, communityName }: { entry: Entry; communityId: string; communityName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const date = fmt.date(entry.meetingStartsAt);
  const meeting = meetingLabel(entry.meetingTitle, communityName, date, t('knowledge.entry.meetingOn', { date }));
  return (
    <li className={styles.entry} data-testid="knowledge-entry">
      <article aria-labelledby={`entry-${entry.id}`}>
        <h3 id={`entry-${entry.id}`} className={styles.speaker}>
          {entry.speaker.name}
          {entry.organisation && <span className={styles.meta}> · {entry.organisation.name}</span>}
        </h3>
        <p className={styles.meta}>
          {t(`enums.group.${entry.stakeholderGroup}`, { defaultValue: entry.stakeholderGroup })} ·{' '}
          <Link to={`/communities/${communityId}/meetings/${entry.meetingId}/minutes`}>{meeting}</Link>
          {entry.writtenBy && entry.writtenBy.userId !== entry.speaker.userId && <> · {t('knowledge.entry.writtenBy', { name: entry.writtenBy.name })}</>}
        </p>
        {entry.snippet ? (
          <>
            <p className={styles.text} data-testid="knowledge-snippet">
              <Highlighted text={entry.snippet} />
            </p>
            {entry.snippet.replace(/[«»]/g, '') !== entry.text && (
              <details className={styles.full}>
                <summary>{t('knowledge.entry.fullText')}</summary>
                <p className={styles.text}>{entry.text}</p>
              </details>
            )}
          </>
        ) : (
          <p className={styles.text}>{entry.text}</p>
        )}
      </article>
    </li>
  );
}
