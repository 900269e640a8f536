import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail, UpdateMeetingBody } from '../../../contracts/meetings';
import { fieldError, isApiError } from '../../api/client';
import { Button, buttonClass } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Form, FormAlert, SuccessMessage, TextArea, formStyles } from '../../ui/Form';
import { Card, useAutoFocusRef } from '../../ui/Page';
import { isStale, meetingQuery, useCancelMeeting, useRestoreMeeting, useUpdateMeeting } from './api';
import { toMinutes } from './fields';
import { MeetingForm, deadlineToIso, meetingToValues, type MeetingFormValues } from './MeetingForm';
import styles from './meetings.module.css';

const isMeeting = (x: unknown): x is MeetingDetail => typeof x === 'object' && x !== null && 'version' in x && 'attendees' in x;

/** After a 409: the meeting as it is now (from the problem, else fetched), also put in the cache. */
function useReloadMeeting(meetingId: string) {
  const qc = useQueryClient();
  return async (error: unknown): Promise<MeetingDetail> => {
    const current = isApiError(error) && isMeeting(error.current) ? error.current : await qc.fetchQuery({ ...meetingQuery(meetingId), staleTime: 0 });
    qc.setQueryData(meetingQuery(meetingId).queryKey, current);
    return current;
  };
}

/** Only the fields that changed, so moving the date leaves everything else as it is. */
function changes(v: MeetingFormValues, base: MeetingDetail): Omit<UpdateMeetingBody, 'version'> {
  const before = meetingToValues(base);
  const body: Record<string, unknown> = {};
  const text = ['title', 'date', 'startTime', 'timeZone', 'room', 'address', 'locationNotes', 'onlineUrl'] as const;
  for (const k of text) if (v[k].trim() !== before[k].trim()) body[k] = v[k].trim();
  if (v.durationMinutes !== before.durationMinutes) body.durationMinutes = toMinutes(v.durationMinutes);
  if (v.inputDeadline !== before.inputDeadline) body.inputDeadline = deadlineToIso(v.inputDeadline, v.timeZone);
  return body;
}

function MoveForm({ meeting, onDone }: { meeting: MeetingDetail; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const update = useUpdateMeeting(meeting.id);
  const reload = useReloadMeeting(meeting.id);
  // The version this edit is based on stays fixed while the user types: a newer one must give 409.
  const [base, setBase] = useState(meeting);
  const [saved, setSaved] = useState<MeetingFormValues | undefined>();
  const heading = useAutoFocusRef<HTMLHeadingElement>();
  const onSubmit = (v: MeetingFormValues) => {
    const body = changes(v, base);
    if (Object.keys(body).length === 0) return onDone(false);
    update.mutate({ ...body, version: base.version }, { onSuccess: () => onDone(true) });
  };
  return (
    <div className={styles.subsection}>
      <h3 ref={heading} tabIndex={-1}>
        {t('meetings.manage.moveTitle')}
      </h3>
      <p className={formStyles.description}>{t('meetings.manage.moveLead')}</p>
      {saved && !update.error && <SuccessMessage>{t('common.conflict.reloaded')}</SuccessMessage>}
      <MeetingForm
        initial={meetingToValues(base)}
        saved={saved}
        error={update.error}
        pending={update.isPending}
        submitLabel={t('meetings.manage.moveSubmit')}
        onSubmit={onSubmit}
        onReloadAfterConflict={
          isStale(update.error)
            ? () =>
                void reload(update.error).then((fresh) => {
                  setBase(fresh);
                  setSaved(meetingToValues(fresh));
                  update.reset();
                })
            : undefined
        }
        extraActions={
          <Button variant="secondary" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        }
      />
    </div>
  );
}

function CancelDialog({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelMeeting(meeting.id);
  const reload = useReloadMeeting(meeting.id);
  const [version, setVersion] = useState(meeting.version);
  const [reason, setReason] = useState('');
  return (
    <Dialog open onClose={onClose} title={t('meetings.manage.cancelTitle')}>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate({ version, reason: reason.trim() }, { onSuccess: onClose });
        }}
      >
        <p>{t('meetings.manage.cancelBody')}</p>
        <FormAlert
          error={cancel.error}
          onReload={
            isStale(cancel.error)
              ? () =>
                  void reload(cancel.error).then((fresh) => {
                    setVersion(fresh.version);
                    cancel.reset();
                  })
              : undefined
          }
        />
        <TextArea
          label={t('meetings.manage.cancelReason')}
          description={t('meetings.manage.cancelReasonHint')}
          value={reason}
          maxLength={500}
          rows={3}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(cancel.error, 'reason')}
          required
        />
        <div className={formStyles.actions}>
          <Button type="submit" variant="danger" disabled={cancel.isPending}>
            {cancel.isPending ? t('common.working') : t('meetings.manage.cancelConfirm')}
          </Button>
          <Button variant="secondary" onClick={onClose} autoFocus>
            {t('meetings.manage.keep')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

/** Move, change, cancel or restore this one meeting (for whoever may manage it). */
export function ManageMeeting({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const restore = useRestoreMeeting(meeting.id);
  const reload = useReloadMeeting(meeting.id);
  const cancelled = meeting.status === 'cancelled';
  // Focus goes back to the move button when the form closes, not to the top of the page.
  const focusMove = useRef(false);

  return (
    <Card aria-labelledby="manage-h" data-testid="manage-meeting">
      <h2 id="manage-h">{t('meetings.manage.title')}</h2>
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {cancelled ? (
        <>
          <p>{t('meetings.manage.restoreLead')}</p>
          <FormAlert error={restore.error} onReload={isStale(restore.error) ? () => void reload(restore.error).then(() => restore.reset()) : undefined} />
          <Button
            variant="secondary"
            disabled={restore.isPending}
            onClick={() => {
              setMessage(null);
              // The cached meeting is the newest we know; after a reload it carries the new version.
              restore.mutate({ version: meeting.version }, { onSuccess: () => setMessage(t('meetings.manage.restored')) });
            }}
          >
            {restore.isPending ? t('common.working') : t('meetings.manage.restore')}
          </Button>
        </>
      ) : moving ? (
        <MoveForm
          meeting={meeting}
          onDone={(changed) => {
            focusMove.current = true;
            setMoving(false);
            setMessage(changed ? t('meetings.manage.moved') : null);
          }}
        />
      ) : (
        <div className={formStyles.actions}>
          <button
            type="button"
            className={buttonClass('secondary')}
            ref={(el) => {
              if (el && focusMove.current) {
                focusMove.current = false;
                el.focus();
              }
            }}
            onClick={() => {
              setMessage(null);
              setMoving(true);
            }}
          >
            {t('meetings.manage.move')}
          </button>
          <Button
            variant="secondary"
            onClick={() => {
              setMessage(null);
              setCancelling(true);
            }}
          >
            {t('meetings.manage.cancel')}
          </Button>
        </div>
      )}
      {cancelling && <CancelDialog meeting={meeting} onClose={() => setCancelling(false)} />}
    </Card>
  );
}
