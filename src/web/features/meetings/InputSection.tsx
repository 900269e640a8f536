import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InputOverview, MeetingDetail } from '../../../contracts/meetings';
import { isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { Form, FormAlert, SuccessMessage, formStyles } from '../../ui/Form';
import { Card, EmptyState, Loading } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { inputsQuery, useAddInput, useRemindInput, type InputValues } from './api';
import { InputFields, InputItem } from './InputItem';
import { SectionError } from './MeetingList';
import styles from './meetings.module.css';

const emptyInput: InputValues = { kind: 'topic', title: '', body: '' };

function AddInputForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const add = useAddInput(meeting.id, meeting.communityId);
  const [v, setV] = useState<InputValues>(emptyInput);
  const [added, setAdded] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    add.mutate(
      { kind: v.kind, title: v.title.trim(), body: v.body.trim() },
      {
        onSuccess: (input) => {
          setAdded(input.title);
          setV({ ...emptyInput, kind: v.kind });
        },
      },
    );
  };
  return (
    <Form onSubmit={submit} aria-labelledby="add-input-h" data-testid="add-input-form" className={styles.subsection}>
      <h3 id="add-input-h">{t('meetings.input.addTitle')}</h3>
      <FormAlert error={add.error} />
      {added && !add.error && <SuccessMessage>{t('meetings.input.added', { title: added })}</SuccessMessage>}
      <InputFields values={v} onChange={setV} error={add.error} />
      <div>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? t('common.working') : t('meetings.input.addSubmit')}
        </Button>
      </div>
    </Form>
  );
}

/** For the chair: who has not given input yet, and one reminder to them. */
function MissingInput({ meeting, overview }: { meeting: MeetingDetail; overview: InputOverview & { missing: NonNullable<InputOverview['missing']> } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const remind = useRemindInput(meeting.id);
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState(false);
  const missing = overview.missing;
  const alreadySent = overview.reminderSentAt !== null || (isApiError(remind.error) && remind.error.code === 'reminderAlreadySent');

  return (
    <section aria-labelledby="missing-input-h" className={styles.subsection} data-testid="missing-input">
      <h3 id="missing-input-h">{t('meetings.input.missingTitle')}</h3>
      {missing.length === 0 ? (
        <p>{t('meetings.input.missingNone')}</p>
      ) : (
        <ul className={styles.nameList}>
          {missing.map((p) => (
            <li key={p.userId}>{p.name}</li>
          ))}
        </ul>
      )}
      {sent && !remind.error && <SuccessMessage>{t('meetings.input.reminderSent', { count: missing.length })}</SuccessMessage>}
      {missing.length > 0 && overview.open && (
        <div className={styles.reminder}>
          <Button
            variant="secondary"
            disabled={alreadySent || remind.isPending}
            aria-describedby="reminder-d"
            onClick={() => {
              remind.reset();
              setConfirming(true);
            }}
          >
            {t('meetings.input.remind')}
          </Button>
          <p id="reminder-d" className={formStyles.description}>
            {overview.reminderSentAt
              ? t('meetings.input.reminderAlreadySent', { date: fmt.dateTime(overview.reminderSentAt) })
              : alreadySent
                ? t('meetings.input.reminderAlreadySentUnknown')
                : t('meetings.input.remindHint', { count: missing.length })}
          </p>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        danger={false}
        title={t('meetings.input.remindTitle')}
        confirmLabel={t('meetings.input.remindConfirm')}
        pending={remind.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remind.mutate(undefined, {
            onSuccess: () => {
              setSent(true);
              setConfirming(false);
            },
            onError: () => setConfirming(false),
          })
        }
      >
        <p>{t('meetings.input.remindBody', { count: missing.length, names: missing.map((p) => p.name).join(', ') })}</p>
      </ConfirmDialog>
      {remind.error && !(isApiError(remind.error) && remind.error.code === 'reminderAlreadySent') && <FormAlert error={remind.error} />}
    </section>
  );
}

/** Everyone's input for the meeting: add until the deadline, edit or remove your own; the chair sees who is missing. */
export function InputSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const q = useQuery(inputsQuery(meeting.id));

  return (
    <Card aria-labelledby="input-h" data-testid="input-section">
      <h2 id="input-h">{t('meetings.input.title')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <SectionError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <p>
            {q.data.open
              ? t('meetings.input.openLead', { deadline: mf.dateTimeIn(q.data.deadline, meeting.timeZone) })
              : t('meetings.input.closedLead', { deadline: mf.dateTimeIn(q.data.deadline, meeting.timeZone) })}
          </p>
          <p className={styles.muted}>{t('meetings.input.contributors', { count: q.data.contributorCount, members: q.data.memberCount })}</p>
          {q.data.open && meeting.permissions.participate && meeting.status === 'planned' && <AddInputForm meeting={meeting} />}
          <section aria-labelledby="input-list-h" className={styles.subsection}>
            <h3 id="input-list-h">{t('meetings.input.listTitle', { count: q.data.inputs.length })}</h3>
            {q.data.inputs.length === 0 ? (
              <EmptyState>{t('meetings.input.empty')}</EmptyState>
            ) : (
              <ul className={styles.inputs}>
                {q.data.inputs.map((i) => (
                  <InputItem key={i.id} input={i} meetingId={meeting.id} communityId={meeting.communityId} canChange={q.data.open} />
                ))}
              </ul>
            )}
          </section>
          {q.data.missing && meeting.status === 'planned' && <MissingInput meeting={meeting} overview={{ ...q.data, missing: q.data.missing }} />}
        </>
      )}
    </Card>
  );
}
