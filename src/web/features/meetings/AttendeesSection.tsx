import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendee, MeetingDetail } from '../../../contracts/meetings';
import { Button } from '../../ui/Button';
import { CheckboxGroup, Form, FormAlert, SuccessMessage, formStyles } from '../../ui/Form';
import { Badge, Card, EmptyState } from '../../ui/Page';
import { useRecordPresence } from './api';
import styles from './meetings.module.css';

const responseTone = { yes: 'success', no: 'danger', maybe: 'warning' } as const;

function ResponseBadge({ a }: { a: Attendee }) {
  const { t } = useTranslation();
  if (!a.response) return <Badge tone="neutral">{t('meetings.attendees.noResponse')}</Badge>;
  return <Badge tone={responseTone[a.response]}>{t(`meetings.attendees.response.${a.response}`)}</Badge>;
}

/** The chair's checklist after the meeting has started: who was actually there. */
function PresenceForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const record = useRecordPresence(meeting.id);
  const recorded = meeting.attendees.some((a) => a.present !== null);
  // Not recorded yet: start from those who said yes.
  const [present, setPresent] = useState<string[]>(() =>
    meeting.attendees.filter((a) => (recorded ? a.present === true : a.response === 'yes')).map((a) => a.userId),
  );
  const [saved, setSaved] = useState(false);
  const names = new Map(meeting.attendees.map((a) => [a.userId, a.name]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    record.mutate(present, { onSuccess: () => setSaved(true) });
  };

  return (
    <Form onSubmit={submit} className={styles.presence} data-testid="presence-form" aria-labelledby="presence-h">
      <h3 id="presence-h">{t('meetings.presence.title')}</h3>
      <FormAlert error={record.error} />
      {saved && !record.error && <SuccessMessage>{t('meetings.presence.saved', { count: present.length })}</SuccessMessage>}
      <CheckboxGroup
        legend={t('meetings.presence.legend')}
        description={recorded ? t('meetings.presence.hintRecorded') : t('meetings.presence.hint')}
        options={meeting.attendees.map((a) => a.userId)}
        value={present}
        onChange={(next) => {
          setSaved(false);
          setPresent(next);
        }}
        labelFor={(userId) => names.get(userId) ?? userId}
      />
      <div className={formStyles.actions}>
        <Button type="submit" disabled={record.isPending}>
          {record.isPending ? t('common.working') : t('meetings.presence.submit')}
        </Button>
      </div>
    </Form>
  );
}

export function AttendeesSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const c = meeting.counts;
  const started = Date.parse(meeting.startsAt) <= Date.now();
  const canRecord = meeting.permissions.chair && meeting.status === 'planned' && (meeting.held || started);
  return (
    <Card aria-labelledby="attendees-h" data-testid="attendees">
      <h2 id="attendees-h">{t('meetings.attendees.title')}</h2>
      <p className={styles.muted}>{t('meetings.list.counts', { yes: c.yes, no: c.no, maybe: c.maybe, unanswered: c.unanswered })}</p>
      {meeting.attendees.length === 0 ? (
        <EmptyState>{t('meetings.attendees.empty')}</EmptyState>
      ) : (
        <ul className={styles.attendees}>
          {meeting.attendees.map((a) => (
            <li key={a.userId} className={styles.attendee}>
              <span className={styles.attendeeName}>
                {a.name}
                {a.organisationName && <span className={styles.muted}> · {a.organisationName}</span>}
              </span>
              <span className={styles.attendeeState}>
                <ResponseBadge a={a} />
                {a.present === true && <Badge tone="primary">{t('meetings.attendees.present')}</Badge>}
                {a.present === false && <Badge tone="neutral">{t('meetings.attendees.absent')}</Badge>}
              </span>
              {a.reason && (
                <span className={styles.attendeeReason}>
                  <span className="sr-only">{t('meetings.attendees.reason')}: </span>
                  {a.reason}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {meeting.permissions.seeAbsenceReasons && <p className={formStyles.description}>{t('meetings.attendees.reasonsPrivate')}</p>}
      {canRecord && meeting.attendees.length > 0 && <PresenceForm meeting={meeting} />}
    </Card>
  );
}
