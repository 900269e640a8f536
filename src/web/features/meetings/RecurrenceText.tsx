import { useTranslation } from 'react-i18next';
import type { Recurrence } from '../../../contracts/meetings';
import { useMeetingFormat } from '../../lib/format';
import { describeRecurrence } from './recurrence';

/** A recurrence in words in the current language: "elke tweede dinsdag van de maand". */
export function useDescribeRecurrence() {
  const { t, i18n } = useTranslation();
  const fmt = useMeetingFormat();
  return (recurrence: Recurrence, rrule: string, timeZone: string) =>
    describeRecurrence(recurrence, t, i18n.language, { timeZone, formatDate: (d) => fmt.localDate(d, 'long'), rrule });
}

export function RecurrenceText({ recurrence, rrule, timeZone }: { recurrence: Recurrence; rrule: string; timeZone: string }) {
  const describe = useDescribeRecurrence();
  return <>{describe(recurrence, rrule, timeZone)}</>;
}
