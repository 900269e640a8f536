import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarSubscription, NotificationKind, NotificationPreferences } from '../../../contracts/meetings';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { FormAlert, TextField, formStyles } from '../../ui/Form';
import { Card, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { calendarQuery, preferencesQuery, useNewCalendarLink, useRevokeCalendarLink, useSetPreference } from './api';
import { focusSoon } from '../agenda/focus';
import styles from './notifications.module.css';

// A typed record rather than the contract's array, which would pull zod into the browser; the
// compiler still demands every kind.
const notificationKinds = Object.keys({
  seriesInvited: true,
  inputRequested: true,
  programmePublished: true,
  meetingReminder: true,
  minutesPublished: true,
  chairTurn: true,
  proposalOpened: true,
  proposalReminder: true,
  proposalAmended: true,
  proposalClosingSoon: true,
  proposalOutcome: true,
  decisionReview: true,
  evaluationOpened: true,
} satisfies Record<NotificationKind, true>) as NotificationKind[];

function Preferences({ prefs }: { prefs: NotificationPreferences }) {
  const { t } = useTranslation();
  const set = useSetPreference();
  const [last, setLast] = useState<{ kind: NotificationKind; on: boolean } | null>(null);
  const change = (kind: NotificationKind, on: boolean) => {
    setLast(null);
    set.mutate({ kind, on }, { onSuccess: () => setLast({ kind, on }) });
  };
  return (
    <Card aria-labelledby="mail-h">
      <h2 id="mail-h">{t('notifications.mail.title')}</h2>
      <p>{t('notifications.mail.lead')}</p>
      <FormAlert error={set.error} />
      <fieldset className={formStyles.fieldset}>
        <legend className={formStyles.legend}>{t('notifications.mail.legend')}</legend>
        {notificationKinds.map((kind) => (
          <div key={kind} className={formStyles.check}>
            <input
              id={`pref-${kind}`}
              type="checkbox"
              checked={prefs[kind]}
              onChange={(e) => change(kind, e.target.checked)}
              aria-describedby={`pref-${kind}-d`}
              data-testid={`pref-${kind}`}
            />
            <div>
              <label htmlFor={`pref-${kind}`}>{t(`notifications.kind.${kind}.label`)}</label>
              <p id={`pref-${kind}-d`} className={formStyles.description}>
                {t(`notifications.kind.${kind}.hint`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <p role="status" className={styles.status}>
        {last ? t(last.on ? 'notifications.mail.savedOn' : 'notifications.mail.savedOff', { kind: t(`notifications.kind.${last.kind}.label`) }) : ''}
      </p>
    </Card>
  );
}

function CalendarLink({ sub }: { sub: CalendarSubscription }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const create = useNewCalendarLink();
  const revoke = useRevokeCalendarLink();
  const [confirm, setConfirm] = useState<'renew' | 'revoke' | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async () => {
    if (!sub.url) return;
    try {
      await navigator.clipboard.writeText(sub.url);
      setCopied('yes');
    } catch {
      setCopied('failed');
      const input = document.getElementById('calendar-url') as HTMLInputElement | null;
      input?.focus();
      input?.select();
    }
  };
  const make = () =>
    create.mutate(undefined, {
      onSuccess: () => {
        setConfirm(null);
        setCopied(null);
        focusSoon('calendar-url');
      },
    });

  return (
    <Card aria-labelledby="calendar-h">
      <h2 id="calendar-h" tabIndex={-1}>
        {t('notifications.calendar.title')}
      </h2>
      <p>{t('notifications.calendar.lead')}</p>
      <FormAlert error={create.error ?? revoke.error} />
      {!sub.url ? (
        <>
          <p data-testid="no-calendar-link">{t('notifications.calendar.none')}</p>
          <Button onClick={make} disabled={create.isPending} data-testid="create-calendar-link">
            {create.isPending ? t('common.working') : t('notifications.calendar.create')}
          </Button>
        </>
      ) : (
        <div className={styles.stack}>
          <TextField
            id="calendar-url"
            label={t('notifications.calendar.urlLabel')}
            description={t('notifications.calendar.urlHint')}
            value={sub.url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            after={sub.createdAt ? <p className={formStyles.description}>{t('notifications.calendar.createdAt', { date: fmt.dateTime(sub.createdAt) })}</p> : undefined}
          />
          <div className={formStyles.actions}>
            <Button variant="secondary" onClick={() => void copy()} data-testid="copy-calendar-link">
              {t('notifications.calendar.copy')}
            </Button>
            {sub.webcalUrl && (
              <a href={sub.webcalUrl} className={styles.subscribe}>
                {t('notifications.calendar.subscribe')}
              </a>
            )}
          </div>
          <p role="status" className={styles.status}>
            {copied === 'yes' ? t('notifications.calendar.copied') : copied === 'failed' ? t('notifications.calendar.copyFailed') : ''}
          </p>
          <details className={styles.help}>
            <summary>{t('notifications.calendar.howTitle')}</summary>
            <ul>
              <li>{t('notifications.calendar.howApple')}</li>
              <li>{t('notifications.calendar.howOutlook')}</li>
              <li>{t('notifications.calendar.howGoogle')}</li>
            </ul>
          </details>
          <h3>{t('notifications.calendar.manageTitle')}</h3>
          <p>{t('notifications.calendar.manageLead')}</p>
          <div className={formStyles.actions}>
            <Button id="renew-calendar" variant="secondary" onClick={() => setConfirm('renew')}>
              {t('notifications.calendar.renew')}
            </Button>
            <Button id="revoke-calendar" variant="danger" onClick={() => setConfirm('revoke')}>
              {t('notifications.calendar.revoke')}
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirm === 'renew'}
        danger={false}
        title={t('notifications.calendar.renewTitle')}
        confirmLabel={t('notifications.calendar.renewConfirm')}
        pending={create.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={make}
        error={<FormAlert error={create.error} />}
      >
        <p>{t('notifications.calendar.renewBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'revoke'}
        title={t('notifications.calendar.revokeTitle')}
        confirmLabel={t('notifications.calendar.revokeConfirm')}
        pending={revoke.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setConfirm(null);
              focusSoon('calendar-h');
            },
          })
        }
        error={<FormAlert error={revoke.error} />}
      >
        <p>{t('notifications.calendar.revokeBody')}</p>
      </ConfirmDialog>
    </Card>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const prefs = useQuery(preferencesQuery);
  const calendar = useQuery(calendarQuery);
  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to="/account">
          <span aria-hidden="true">← </span>
          {t('notifications.backToAccount')}
        </Link>
      </p>
      <PageHeader title={t('notifications.title')} lead={t('notifications.lead')} />
      {prefs.isPending ? <Loading /> : prefs.isError ? <QueryError inline error={prefs.error} onRetry={() => void prefs.refetch()} /> : <Preferences prefs={prefs.data} />}
      {calendar.isPending ? (
        <Loading />
      ) : calendar.isError ? (
        <QueryError inline error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : (
        <CalendarLink sub={calendar.data} />
      )}
    </div>
  );
}
