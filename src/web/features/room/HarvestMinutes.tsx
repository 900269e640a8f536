import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VoiceSummary } from '../../../contracts/room';
import { useFormat } from '../../lib/format';
import { voicesQuery } from './api';
import { CheckOutSummary } from './CheckOutSummary';
import styles from './room.module.css';

type VoiceTurn = VoiceSummary['turns'][number];

/** "2 min 5 s" / "2 min. 5 s": how long a turn lasted, in words a screen reader reads well. */
function useDuration() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  return (seconds: number) => {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    const unit = (value: number, u: 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
    return m > 0 ? `${unit(m, 'minute')} ${unit(s, 'second')}` : unit(s, 'second');
  };
}

function Spoke({ spoke }: { spoke: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">{spoke ? '✓ ' : '✗ '}</span>
      {spoke ? t('room.voices.spoke') : t('room.voices.silent')}
    </>
  );
}

function Turns({ turns }: { turns: VoiceTurn[] }) {
  const { t } = useTranslation();
  const duration = useDuration();
  // Scrolls sideways on a phone rather than widening the page; focusable, so keyboards can scroll it too.
  return (
    <div className={styles.tableScroll} role="region" aria-labelledby="voices-h" tabIndex={0}>
      <table data-testid="voices-table">
        <caption className="sr-only">{t('room.voices.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('room.voices.who')}</th>
            <th scope="col">{t('room.voices.organisation')}</th>
            <th scope="col">{t('room.voices.group')}</th>
            <th scope="col">{t('room.voices.turn')}</th>
            <th scope="col">{t('room.voices.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {turns.map((turn) => (
            <tr key={turn.speaker.userId}>
              <th scope="row">{turn.speaker.name}</th>
              <td>{turn.organisation?.name ?? '—'}</td>
              <td>{t(`enums.group.${turn.stakeholderGroup}`, { defaultValue: turn.stakeholderGroup })}</td>
              <td>{t(`room.voices.status.${turn.status}`)}</td>
              <td>{turn.status === 'notReached' ? '—' : duration(turn.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The harvest round in the minutes, straight from the room: each harvest, and "every voice
 * heard" — who had a turn and how long, which organisations and stakeholder groups spoke, who passed.
 */
export function HarvestMinutes({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery(voicesQuery(meetingId));
  const v = q.data;
  // No round held (or nothing to show yet): the minutes stay as they were.
  if (!v?.held) return null;
  const harvested = v.turns.filter((turn) => turn.harvest);

  return (
    <section aria-labelledby="harvest-round-h" className={styles.minutesSection} data-testid="minutes-harvest">
      <h2 id="harvest-round-h">{t('room.voices.title')}</h2>
      {v.roundStartedAt && (
        <p className={styles.muted}>
          {v.roundCompletedAt
            ? t('room.voices.heldComplete', { start: fmt.dateTime(v.roundStartedAt) })
            : t('room.voices.heldIncomplete', { start: fmt.dateTime(v.roundStartedAt) })}
        </p>
      )}
      {harvested.length === 0 ? (
        <p className={styles.muted}>{t('room.voices.noHarvests')}</p>
      ) : (
        <ul className={styles.harvests}>
          {harvested.map((turn) => (
            <li key={turn.speaker.userId} className={styles.harvest} data-testid="minutes-harvest-entry">
              <h3 className={styles.harvestName}>
                {turn.speaker.name}
                {turn.organisation && <span className={styles.seatOrg}> · {turn.organisation.name}</span>}
              </h3>
              {turn.status === 'inputRead' && <p className={styles.muted}>{t('room.voices.status.inputRead')}</p>}
              <p className={styles.body}>{turn.harvest}</p>
            </li>
          ))}
        </ul>
      )}

      <h3 id="voices-h">{t('room.voices.everyVoice')}</h3>
      <Turns turns={v.turns} />
      <div className={styles.voiceLists}>
        <div>
          <h4>{t('room.voices.organisations')}</h4>
          <ul className={styles.plainList}>
            {v.organisations.map((o) => (
              <li key={o.id ?? o.name}>
                {o.name}: <Spoke spoke={o.spoke} />
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4>{t('room.voices.groups')}</h4>
          <ul className={styles.plainList}>
            {v.stakeholderGroups.map((g) => (
              <li key={g.group}>
                {t(`enums.group.${g.group}`, { defaultValue: g.group })}: <Spoke spoke={g.spoke} />
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4>{t('room.voices.passed')}</h4>
          {v.passed.length ? (
            <ul className={styles.plainList}>
              {v.passed.map((p) => (
                <li key={p.userId}>{p.name}</li>
              ))}
            </ul>
          ) : (
            <p className={styles.muted}>{t('room.voices.nobodyPassed')}</p>
          )}
        </div>
      </div>
      {v.checkOut.count > 0 && (
        <>
          <h3>{t('room.checkOut.title')}</h3>
          <CheckOutSummary distribution={v.checkOut.distribution} words={v.checkOut.words} answered={v.checkOut.count} of={v.present.length || undefined} />
        </>
      )}
    </section>
  );
}
