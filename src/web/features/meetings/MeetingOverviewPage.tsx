import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../contracts/meetings';
import { Card, usePageTitle } from '../../ui/Page';
import { AttendanceSection } from './AttendanceSection';
import { AttendeesSection } from './AttendeesSection';
import { InputSection } from './InputSection';
import { ManageMeeting } from './ManageMeeting';
import { NewWindow, useMeetingTitle } from './MeetingList';
import { useMeeting } from './meetingContext';
import styles from './meetings.module.css';

/** The meeting in your own calendar: a file to download, or straight into Google Calendar or Outlook. */
function CalendarLinks({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const links = meeting.calendarLinks;
  return (
    <Card aria-labelledby="calendar-h" data-testid="calendar-links">
      <h2 id="calendar-h">{t('meetings.calendar.title')}</h2>
      <ul className={styles.calendarLinks}>
        <li>
          <a href={links.ics} download={`kring-${meeting.localDate}.ics`} data-testid="meeting-ics-download">
            {t('meetings.calendar.ics')}
          </a>
        </li>
        <li>
          <a href={links.google} target="_blank" rel="noopener noreferrer">
            {t('meetings.calendar.google')}
            <NewWindow />
          </a>
        </li>
        <li>
          <a href={links.outlook} target="_blank" rel="noopener noreferrer">
            {t('meetings.calendar.outlook')}
            <NewWindow />
          </a>
        </li>
      </ul>
      <p className={styles.muted}>{t('meetings.calendar.hint')}</p>
    </Card>
  );
}

export default function MeetingOverviewPage() {
  const { t } = useTranslation();
  const meeting = useMeeting();
  const title = useMeetingTitle();
  usePageTitle(title(meeting));
  const upcoming = meeting.status === 'planned' && !meeting.held;

  return (
    // Keyed by meeting: going to the previous or next meeting starts every form afresh.
    <div key={meeting.id} className={styles.overview}>
      {meeting.permissions.participate && upcoming && <AttendanceSection meeting={meeting} />}
      {meeting.status === 'planned' && <CalendarLinks meeting={meeting} />}
      {meeting.status === 'cancelled' && <p className={styles.muted}>{t('meetings.overview.cancelledNote')}</p>}
      <InputSection meeting={meeting} />
      <AttendeesSection meeting={meeting} />
      {meeting.permissions.manage && <ManageMeeting meeting={meeting} />}
    </div>
  );
}
