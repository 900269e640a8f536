import { Fragment } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutboxMail } from '../../../contracts/api';
import { api, isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Card, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import styles from './dev.module.css';


const URL_RE = /(https?:\/\/[^\s<>"')]+)/g;

/** Mail text with its links made clickable; links into Kring itself open in this tab. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 1) {
          let href = part;
          try {
            const u = new URL(part);
            if (u.host === window.location.host || u.hostname === 'localhost') href = u.pathname + u.search + u.hash;
          } catch {
            /* keep as is */
          }
          return (
            <a key={i} href={href}>
              {part}
            </a>
          );
        }
        return <Fragment key={i}>{part}</Fragment>;
      })}
    </>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('dev.outbox.title'));
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['outbox'],
    queryFn: () => api<OutboxMail[]>('/dev/outbox'),
    refetchInterval: 5000,
  });

  const unavailable = q.isError && isApiError(q.error) && q.error.status === 404;

  return (
    <div>
      <PageHeader
        title={t('dev.outbox.title')}
        lead={t('dev.outbox.lead')}
        actions={
          !unavailable && (
            <Button variant="secondary" onClick={() => void q.refetch()} disabled={q.isFetching}>
              {t('dev.outbox.refresh')}
            </Button>
          )
        }
      />
      {q.isPending ? (
        <Loading />
      ) : unavailable ? (
        <p role="status">{t('dev.outbox.unavailable')}</p>
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} inline />
      ) : q.data.length === 0 ? (
        <EmptyState>{t('dev.outbox.empty')}</EmptyState>
      ) : (
        <ul className={styles.list}>
          {q.data.map((m) => (
            <li key={m.id}>
              <Card as="article" aria-labelledby={`mail-${m.id}`}>
                <h2 id={`mail-${m.id}`} className={styles.subject}>
                  {m.subject}
                </h2>
                <p className={styles.meta}>
                  {t('dev.outbox.to')}: {m.to} · <time dateTime={m.createdAt}>{fmt.dateTime(m.createdAt)}</time> · {m.kind}
                </p>
                <pre className={styles.text}>
                  <Linkified text={m.text} />
                </pre>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
