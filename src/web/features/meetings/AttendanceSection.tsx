import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attendanceResponses, type AttendanceResponse } from '../../../contracts/enums';
import type { MeetingDetail } from '../../../contracts/meetings';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, SuccessMessage, TextArea, formStyles } from '../../ui/Form';
import { Card } from '../../ui/Page';
import { useRespond } from './api';
import styles from './meetings.module.css';

/** "Are you coming?": yes / no / maybe with an optional reason that only the chair and coordinators see. */
export function AttendanceSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const respond = useRespond(meeting.id);
  const [response, setResponse] = useState<AttendanceResponse | null>(meeting.myResponse);
  const [reason, setReason] = useState(meeting.myReason ?? '');
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState<AttendanceResponse | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    if (!response) {
      setMissing(true);
      return;
    }
    setMissing(false);
    respond.mutate({ response, reason: reason.trim() || undefined }, { onSuccess: () => setSaved(response) });
  };

  const responseError = missing ? t('meetings.attendance.chooseOne') : fieldError(respond.error, 'response');

  return (
    <Card aria-labelledby="attendance-h" data-testid="attendance">
      <h2 id="attendance-h">{t('meetings.attendance.title')}</h2>
      <p className={styles.muted}>
        {meeting.myResponse
          ? t('meetings.attendance.current', { response: t(`meetings.response.${meeting.myResponse}`) })
          : t('meetings.attendance.notYet')}
      </p>
      <Form onSubmit={submit} aria-labelledby="attendance-h">
        <FormAlert error={respond.error} />
        {saved && !respond.error && <SuccessMessage>{t('meetings.attendance.saved', { response: t(`meetings.response.${saved}`) })}</SuccessMessage>}
        <fieldset className={formStyles.fieldset} aria-describedby={responseError ? `${id}-e` : undefined}>
          <legend className={formStyles.legend}>{t('meetings.attendance.question')}</legend>
          <div className={styles.radioRow}>
            {attendanceResponses.map((r) => (
              <div key={r} className={formStyles.check}>
                <input type="radio" id={`${id}-${r}`} name={`${id}-response`} value={r} checked={response === r} onChange={() => setResponse(r)} />
                <label htmlFor={`${id}-${r}`}>{t(`meetings.attendance.option.${r}`)}</label>
              </div>
            ))}
          </div>
          {responseError && (
            <p id={`${id}-e`} className={formStyles.error}>
              {responseError}
            </p>
          )}
        </fieldset>
        <TextArea
          label={t('meetings.attendance.reason')}
          description={t('meetings.attendance.reasonHint')}
          value={reason}
          rows={2}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(respond.error, 'reason')}
          optional
        />
        <div>
          <Button type="submit" disabled={respond.isPending}>
            {respond.isPending ? t('common.working') : t('meetings.attendance.submit')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
